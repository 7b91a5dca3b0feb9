"""The servicer through grpcio-testing: no network, real engine, statuses with BadRequest details."""
from __future__ import annotations

import os

import grpc
import grpc_testing
import pytest
from google.rpc import error_details_pb2

from quoteservice.api import Violation
from quoteservice.server import errors
from quoteservice.server.servicer import Malformed, QuoteServicer, tolerant
from quoteservice.v1 import quote_service_pb2 as pb

SERVICE = pb.DESCRIPTOR.services_by_name["QuoteService"]
UNARY = SERVICE.methods_by_name["ExtractQuotes"]
STREAM = SERVICE.methods_by_name["BatchExtractQuotes"]
TEXT = "“We will not give up,” Ukrainian President Volodymyr Zelensky said on Monday."


def _server(servicer: QuoteServicer) -> grpc_testing.Server:
    return grpc_testing.server_from_dictionary({SERVICE: servicer}, grpc_testing.strict_real_time())


def test_unary_extracts(engine) -> None:
    rpc = _server(QuoteServicer(engine)).invoke_unary_unary(
        UNARY, (), pb.ExtractQuotesRequest(document=pb.Document(id="z", text=TEXT)), None)
    response, _, code, _ = rpc.termination()
    assert code is grpc.StatusCode.OK
    assert response.document_id == "z"
    assert [(q.text, q.speaker.name) for q in response.quotes] == [("We will not give up", "Volodymyr Zelensky")]


@pytest.mark.parametrize(("request_", "code", "needle"), [
    (pb.ExtractQuotesRequest(document=pb.Document(id="e", text="")), grpc.StatusCode.INVALID_ARGUMENT, "document.text: empty"),
    (pb.ExtractQuotesRequest(), grpc.StatusCode.INVALID_ARGUMENT, "document.text: empty"),
    (pb.ExtractQuotesRequest(document=pb.Document(id="big", text="word " * 5000)), grpc.StatusCode.RESOURCE_EXHAUSTED,
     "article too long"),
    (Malformed("truncated message"), grpc.StatusCode.INVALID_ARGUMENT, "malformed request: truncated message"),
])
def test_unary_errors(engine, request_, code, needle) -> None:
    # grpcio-testing drops trailing metadata on abort, so the BadRequest details are checked
    # against a real server in test_integration.py and on the status builder below.
    rpc = _server(QuoteServicer(engine)).invoke_unary_unary(UNARY, (), request_, None)
    _, _, got, details = rpc.termination()
    assert got is code
    assert needle in details


def test_status_carries_bad_request_details() -> None:
    st = errors.status_proto(3, "invalid", [Violation("document.text", "empty")])
    bad = error_details_pb2.BadRequest()
    assert st.code == 3 and st.details[0].Unpack(bad)
    assert [(v.field, v.description) for v in bad.field_violations] == [("document.text", "empty")]


def test_unavailable_until_engine_loaded(engine) -> None:
    servicer = QuoteServicer()
    server = _server(servicer)
    req = pb.ExtractQuotesRequest(document=pb.Document(id="z", text=TEXT))
    assert server.invoke_unary_unary(UNARY, (), req, None).termination()[2] is grpc.StatusCode.UNAVAILABLE
    servicer.set_engine(engine)
    assert server.invoke_unary_unary(UNARY, (), req, None).termination()[2] is grpc.StatusCode.OK


def test_stream_reports_bad_document_and_goes_on(engine) -> None:
    rpc = _server(QuoteServicer(engine)).invoke_stream_stream(STREAM, (), None)
    rpc.send_request(pb.BatchExtractQuotesRequest(document=pb.Document(id="one", text=TEXT)))
    rpc.send_request(pb.BatchExtractQuotesRequest(document=pb.Document(id="empty", text="")))
    rpc.send_request(pb.BatchExtractQuotesRequest(document=pb.Document(id="two", text=TEXT)))
    rpc.requests_closed()
    got = [rpc.take_response() for _ in range(3)]
    _, code, _ = rpc.termination()
    assert code is grpc.StatusCode.OK
    assert [r.document_id for r in got] == ["one", "empty", "two"]
    assert got[0].HasField("result") and got[2].HasField("result")
    assert got[1].HasField("error") and got[1].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]


def test_tolerant_deserializer_flags_garbage() -> None:
    parse = tolerant(pb.ExtractQuotesRequest.FromString)
    assert isinstance(parse(b"\xff\xff\xff"), Malformed)
    good = pb.ExtractQuotesRequest(document=pb.Document(id="a", text="b"))
    assert parse(good.SerializeToString()) == good


@pytest.fixture(scope="module")
def spent(engine):  # type: ignore[no-untyped-def]
    """An engine whose per-document budget is already spent when extraction starts."""
    from dataclasses import replace

    from quoteservice.api import QuoteEngine
    return QuoteEngine(engine.extractor, replace(engine.limits, max_seconds_per_doc=0.0))


def test_unary_over_budget_is_deadline_exceeded(spent) -> None:
    rpc = _server(QuoteServicer(spent)).invoke_unary_unary(
        UNARY, (), pb.ExtractQuotesRequest(document=pb.Document(id="z", text=TEXT)), None)
    _, _, code, details = rpc.termination()
    assert code is grpc.StatusCode.DEADLINE_EXCEEDED
    assert "exceeded its time budget of 0 s (stopped during parse)" in details


def test_stream_names_its_worker_and_goes_on_after_a_document_over_budget(spent) -> None:
    from quoteservice.api import WORKER_KEY, WORKERS_KEY

    rpc = _server(QuoteServicer(spent, workers=3)).invoke_stream_stream(STREAM, (), None)
    meta = dict(rpc.initial_metadata())
    assert meta[WORKERS_KEY] == "3" and meta[WORKER_KEY].endswith(f":{os.getpid()}")
    for i in ("a", "b"):
        rpc.send_request(pb.BatchExtractQuotesRequest(document=pb.Document(id=i, text=TEXT)))
    rpc.requests_closed()
    got = [rpc.take_response() for _ in range(2)]
    assert rpc.termination()[1] is grpc.StatusCode.OK
    assert [(r.document_id, r.error.code) for r in got] == [("a", 4), ("b", 4)]  # 4: DEADLINE_EXCEEDED
