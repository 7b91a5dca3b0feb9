"""A real `quotes serve` (2 worker processes) on a free port: health, reflection, calls, every error path."""
from __future__ import annotations

import signal
import threading
import time

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from conftest import SEEDS, ServerProcess
from quoteservice.client import QuoteClient
from quoteservice.v1 import quote_service_pb2 as pb

TEXT = "“Negotiations are difficult,” Ukrainian presidential adviser Mykhailo Podolyak said on Tuesday."


def _bad_request(exc: grpc.RpcError) -> error_details_pb2.BadRequest:
    raw = dict(exc.trailing_metadata())["grpc-status-details-bin"]
    bad = error_details_pb2.BadRequest()
    assert status_pb2.Status.FromString(raw).details[0].Unpack(bad)
    return bad


def test_health_serving(server) -> None:
    with grpc.insecure_channel(server.target) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        for name in ("", "quoteservice.v1.QuoteService"):
            assert stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=5).status == \
                health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_services(server) -> None:
    with grpc.insecure_channel(server.target) as ch:
        stub = reflection_pb2_grpc.ServerReflectionStub(ch)
        responses = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
        names = {s.name for r in responses for s in r.list_services_response.service}
    assert {"quoteservice.v1.QuoteService", "grpc.health.v1.Health"} <= names


def test_unary_call(server) -> None:
    with QuoteClient(server.target) as c:
        r = c.extract(pb.Document(id="t", text=TEXT), timeout=30)
    assert r.document_id == "t"
    assert [(q.text, q.speaker.name, q.cue.text) for q in r.quotes] == \
        [("Negotiations are difficult", "Mykhailo Podolyak", "said")]
    assert r.quotes[0].speaker.kind == pb.SPEAKER_KIND_PERSON


def test_explain_option_fills_each_quotes_rule(server) -> None:
    with QuoteClient(server.target) as c:
        plain = c.extract(pb.Document(id="t", text=TEXT), timeout=30)
        explained = c.extract(pb.Document(id="t", text=TEXT), pb.ExtractionOptions(explain=True), timeout=30)
    assert not plain.quotes[0].HasField("rule")
    assert explained.quotes[0].rule.startswith("quote_with_cue <- speech_verb/")


def test_streaming_call_tags_each_document(server) -> None:
    docs = [pb.Document(id=p.stem, text=p.read_text()) for p in SEEDS]
    docs.insert(2, pb.Document(id="blank", text="   "))
    with QuoteClient(server.target) as c:
        got = list(c.extract_many(docs, timeout=120))
    assert [r.document_id for r in got] == [d.id for d in docs]
    assert got[2].HasField("error") and got[2].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert all(r.HasField("result") and r.result.quotes for i, r in enumerate(got) if i != 2)


@pytest.mark.parametrize(("document", "code", "field"), [
    (pb.Document(id="empty", text=""), grpc.StatusCode.INVALID_ARGUMENT, "document.text"),
    (pb.Document(id="nul", text="a\x00b"), grpc.StatusCode.INVALID_ARGUMENT, "document.text"),
    (pb.Document(id="long", text="word " * 5000), grpc.StatusCode.RESOURCE_EXHAUSTED, "document.text"),
])
def test_bad_documents(server, document, code, field) -> None:
    with QuoteClient(server.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(document, timeout=30)
    assert info.value.code() is code
    assert field in [v.field for v in _bad_request(info.value).field_violations]


def test_bad_options(server) -> None:
    with QuoteClient(server.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="o", text=TEXT), pb.ExtractionOptions(min_confidence=2.0), timeout=30)
    assert info.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in _bad_request(info.value).field_violations] == ["options.min_confidence"]


def test_malformed_bytes(server) -> None:
    with grpc.insecure_channel(server.target) as ch:
        call = ch.unary_unary("/quoteservice.v1.QuoteService/ExtractQuotes")
        with pytest.raises(grpc.RpcError) as info:
            call(b"\x0a\xff\xff\xff\x0f", timeout=10)
    assert info.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert "malformed" in info.value.details()


def test_message_over_size_limit(server) -> None:
    with QuoteClient(server.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="huge", text="x" * 300_000), timeout=30)
    assert info.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED


def test_deadline_exceeded(server) -> None:
    text = " ".join(SEEDS[1].read_text().split()[:3000])
    with QuoteClient(server.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="slow", text=text), timeout=0.001)
    assert info.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED


def test_access_log_names_method_status_and_document(server) -> None:
    with QuoteClient(server.target) as c:
        c.extract(pb.Document(id="logged-doc", text=TEXT), timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "doc_id=logged-doc" not in server.output():
        time.sleep(0.2)
    line = next(ln for ln in server.output().splitlines() if "doc_id=logged-doc" in ln)
    assert "method=/quoteservice.v1.QuoteService/ExtractQuotes" in line and "code=OK" in line and "duration_ms=" in line


def test_sigterm_drains_in_flight_calls_then_exits() -> None:
    s = ServerProcess(workers=1)
    result: dict[str, object] = {}
    text = "\n".join(p.read_text() for p in SEEDS) * 2

    def call() -> None:
        try:
            with QuoteClient(s.target) as c:
                result["response"] = c.extract(pb.Document(id="inflight", text=text), timeout=60)
        except grpc.RpcError as exc:
            result["error"] = exc.code()

    t = threading.Thread(target=call)
    t.start()
    time.sleep(0.5)  # the call is being processed
    code = s.stop(signal.SIGTERM)
    t.join(60)
    assert code == 0
    assert "response" in result, result
    assert "draining" in s.output()


def test_prometheus_metrics_aggregate_workers() -> None:
    import urllib.request

    from conftest import free_port

    mport = free_port()
    s = ServerProcess("--metrics-port", str(mport), workers=2)
    try:
        with QuoteClient(s.target) as c:
            for i in range(4):
                c.extract(pb.Document(id=f"m{i}", text=TEXT), timeout=30)
        body = urllib.request.urlopen(f"http://127.0.0.1:{mport}/metrics", timeout=10).read().decode()
    finally:
        s.stop()
    line = next(ln for ln in body.splitlines()
                if ln.startswith('quoteservice_requests_total{') and 'method="ExtractQuotes"' in ln and 'code="OK"' in ln)
    assert float(line.rsplit(" ", 1)[1]) == 4.0
    assert "quoteservice_request_seconds_bucket" in body
