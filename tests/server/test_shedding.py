"""Load shedding on a real server: refusals at once with RetryInfo, and clients whose retries get through."""
from __future__ import annotations

import logging
import threading

import grpc
import pytest
from google.rpc import code_pb2, error_details_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from conftest import SEEDS, free_port
from quoteservice.client import QuoteClient
from quoteservice.server.app import ServerConfig, build_server
from quoteservice.server.errors import PUSHBACK_KEY
from quoteservice.server.servicer import QuoteServicer
from quoteservice.server.shedding import Admission
from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc

SLOW = pb.Document(id="slow", text="\n\n".join(p.read_text() for p in SEEDS)[:19_000])


@pytest.fixture
def start(engine):
    """Start in-process servers with a given bound; yields a function returning the target."""
    servers: list[grpc.Server] = []

    def run(threads: int, waiting: int) -> str:
        h = health.HealthServicer()
        h.set("", health_pb2.HealthCheckResponse.SERVING)
        server = build_server(ServerConfig(threads=threads, waiting=waiting), QuoteServicer(engine), h)
        port = free_port()
        server.add_insecure_port(f"127.0.0.1:{port}")
        server.start()
        servers.append(server)
        return f"127.0.0.1:{port}"

    yield run
    for s in servers:
        s.stop(None)


@pytest.fixture
def small_server(start) -> str:
    """A server that runs one call at a time and lets none wait."""
    return start(1, 0)


def _raw_calls(target: str, n: int) -> list[grpc.RpcError | pb.ExtractQuotesResponse]:
    """n concurrent calls on a channel without retries."""
    results: list[grpc.RpcError | pb.ExtractQuotesResponse] = []
    with grpc.insecure_channel(target) as ch:
        stub = pb_grpc.QuoteServiceStub(ch)
        futures = [stub.ExtractQuotes.future(pb.ExtractQuotesRequest(document=SLOW), timeout=120) for _ in range(n)]
        for f in futures:
            try:
                results.append(f.result())
            except grpc.RpcError as exc:
                results.append(exc)
    return results


def test_calls_beyond_the_bound_are_refused_with_retry_info(small_server) -> None:
    results = _raw_calls(small_server, 4)
    refused = [r for r in results if isinstance(r, grpc.RpcError)]
    assert any(isinstance(r, pb.ExtractQuotesResponse) for r in results)
    assert refused and all(r.code() is grpc.StatusCode.RESOURCE_EXHAUSTED for r in refused)
    status = rpc_status.from_call(refused[0])
    assert status is not None and status.code == code_pb2.RESOURCE_EXHAUSTED and "overloaded" in status.message
    info = error_details_pb2.RetryInfo()
    assert status.details[0].Unpack(info) and info.retry_delay.ToTimedelta().total_seconds() > 0
    pushback = dict(refused[0].trailing_metadata() or ())[PUSHBACK_KEY]
    assert int(pushback) > 0


def test_health_answers_while_every_slot_is_taken(small_server) -> None:
    done = threading.Event()

    def load() -> None:
        _raw_calls(small_server, 2)
        done.set()

    threading.Thread(target=load, daemon=True).start()
    with grpc.insecure_channel(small_server) as ch:
        status = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10).status
    assert status == health_pb2.HealthCheckResponse.SERVING
    done.wait(120)


def test_the_retrying_client_gets_every_call_through(start, caplog) -> None:
    target = start(1, 1)  # of three calls at once, the third is refused and must come back
    results: list[object] = []

    def call() -> None:
        with QuoteClient(target) as c:
            try:
                results.append(c.extract(SLOW, timeout=120))
            except grpc.RpcError as exc:
                results.append(exc.code())

    threads = [threading.Thread(target=call) for _ in range(3)]
    with caplog.at_level(logging.INFO, logger="quoteservice.access"):
        for t in threads:
            t.start()
        for t in threads:
            t.join(150)
    assert "code=RESOURCE_EXHAUSTED" in caplog.text  # one was refused, then retried
    assert len(results) == 3 and all(isinstance(r, pb.ExtractQuotesResponse) for r in results), results


def test_an_article_over_the_limit_is_not_retried(small_server, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="quoteservice.access"), QuoteClient(small_server) as c, \
            pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="too-long-doc", text="x " * 15_000), timeout=30)
    assert info.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert caplog.text.count("doc_id=too-long-doc") == 1


@pytest.mark.parametrize(("running", "waiting", "admitted"), [(1, 0, 1), (2, 1, 3), (4, 4, 8)])
def test_admission_bound(running: int, waiting: int, admitted: int) -> None:
    a = Admission(running, waiting)
    assert sum(a.try_admit() for _ in range(admitted + 3)) == admitted
    assert a.retry_after() > 0
