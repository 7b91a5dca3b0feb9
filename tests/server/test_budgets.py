"""Deadlines reach the extractor: a cancelled or overdue call stops and frees its worker thread."""
from __future__ import annotations

import re
import time

import grpc
import pytest

from conftest import SEEDS, ServerProcess
from quoteservice.client import QuoteClient
from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc

SMALL = "“Negotiations are difficult,” Ukrainian presidential adviser Mykhailo Podolyak said on Tuesday."


def _long_text(chars: int) -> str:
    text = "\n\n".join(p.read_text() for p in SEEDS)
    return (text * (chars // len(text) + 1))[:chars]


def _wait_for(server: ServerProcess, pattern: str, timeout: float = 60) -> str:
    """The first server log line matching `pattern` (waits for it to be written)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for line in server.output().splitlines():
            if re.search(pattern, line):
                return line
        time.sleep(0.1)
    raise AssertionError(f"no log line matches {pattern!r}:\n{server.output()[-3000:]}")


@pytest.fixture(scope="module")
def single() -> ServerProcess:
    """One worker with one thread: a call can only run once the one before has let go."""
    s = ServerProcess("--threads", "1", "--log-level", "DEBUG", workers=1)
    yield s
    s.stop()


def test_a_cancelled_call_stops_and_frees_the_worker(single) -> None:
    with grpc.insecure_channel(single.target) as ch:
        stub = pb_grpc.QuoteServiceStub(ch)
        slow = stub.ExtractQuotes.future(pb.ExtractQuotesRequest(document=pb.Document(
            id="slow", text=_long_text(200_000))), timeout=600)
        _wait_for(single, r"document 'slow': extracting 200000 characters")
        slow.cancel()
    stopped = _wait_for(single, r"document 'slow': the caller cancelled the call \(stopped during \w+\)")
    with QuoteClient(single.target) as c:
        r = c.extract(pb.Document(id="next", text=SMALL), timeout=120)
    assert [q.speaker.name for q in r.quotes] == ["Mykhailo Podolyak"]
    log = single.output()
    assert log.index(stopped) < log.index("doc_id=next")  # the slow call ended before the next one ran
    assert re.search(r"code=CANCELLED .*doc_id=slow", log)


@pytest.fixture(scope="module")
def limited() -> ServerProcess:
    s = ServerProcess("--max-seconds-per-doc", "0.2", workers=1)
    yield s
    s.stop()


def test_a_document_over_the_server_budget_is_deadline_exceeded(limited) -> None:
    with QuoteClient(limited.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="big", text=_long_text(100_000)), timeout=120)
    assert info.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    assert "exceeded its time budget of 0.2 s" in info.value.details()


def test_a_stream_goes_on_after_a_document_over_budget(limited) -> None:
    docs = [pb.Document(id="a", text=SMALL), pb.Document(id="big", text=_long_text(100_000)),
            pb.Document(id="b", text=SMALL)]
    with QuoteClient(limited.target) as c:
        got = list(c.extract_many(docs, timeout=120))
    assert [r.document_id for r in got] == ["a", "big", "b"]
    assert got[1].error.code == grpc.StatusCode.DEADLINE_EXCEEDED.value[0]
    assert got[0].result.quotes and got[2].result.quotes


def test_the_client_deadline_reaches_the_extractor(single) -> None:
    with QuoteClient(single.target) as c:
        with pytest.raises(grpc.RpcError) as info:
            c.extract(pb.Document(id="hurried", text=_long_text(200_000)), timeout=1.0)
        assert info.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
        stopped = _wait_for(single, r"document 'hurried': extraction exceeded its time budget of [\d.]+ s")
        c.extract(pb.Document(id="after-hurried", text=SMALL), timeout=120)
    log = single.output()
    assert log.index(stopped) < log.index("doc_id=after-hurried")
