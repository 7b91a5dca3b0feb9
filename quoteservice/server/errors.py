"""Map engine errors to gRPC statuses carrying google.rpc.BadRequest details."""
from __future__ import annotations

from typing import NoReturn

import grpc
from google.rpc import code_pb2, status_pb2
from grpc_status import rpc_status

from quoteservice.api import RequestError, Violation, status_proto
from quoteservice.extract.budget import Cancelled, Stopped


def from_request_error(err: RequestError) -> status_pb2.Status:
    return status_proto(err.code, err.message, err.violations)


def malformed(reason: str) -> status_pb2.Status:
    """Status for bytes that do not parse as the request message."""
    return status_proto(code_pb2.INVALID_ARGUMENT, f"malformed request: {reason}",
                        [Violation("request", "not a valid protobuf message of the expected type")])


PUSHBACK_KEY = "grpc-retry-pushback-ms"  # read by gRPC's retry policy: when to retry, or (negative) never


def abort(context: grpc.ServicerContext, status: status_pb2.Status) -> NoReturn:
    """End the call with `status` and its details in trailing metadata (raises).

    Same wire result as `abort_with_status`, which grpcio-testing's context does not implement. A
    RESOURCE_EXHAUSTED that retrying cannot cure (an article over the size limit) tells gRPC's retry policy
    not to retry; the load shedder's own refusals carry a positive pushback instead.
    """
    st = rpc_status.to_status(status)
    trailing = tuple(st.trailing_metadata)
    if status.code == code_pb2.RESOURCE_EXHAUSTED:
        trailing += ((PUSHBACK_KEY, "-1"),)
    context.set_trailing_metadata(trailing)
    context.abort(st.code, st.details)
    raise AssertionError("ServicerContext.abort returned")  # both grpc and grpcio-testing raise first


def unavailable() -> status_pb2.Status:
    return status_proto(code_pb2.UNAVAILABLE, "the NLP pipeline is still loading; retry shortly")


def internal(exc: BaseException) -> status_pb2.Status:
    return status_proto(code_pb2.INTERNAL, f"extraction failed: {type(exc).__name__}")


def stopped(exc: Stopped) -> status_pb2.Status:
    """CANCELLED when the caller went away, DEADLINE_EXCEEDED when the time budget ran out."""
    return status_proto(code_pb2.CANCELLED if isinstance(exc, Cancelled) else code_pb2.DEADLINE_EXCEEDED, str(exc))
