"""Server interceptor that logs each call (method, status code, duration, document ids) and records metrics."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc

from quoteservice.server import metrics

log = logging.getLogger("quoteservice.access")


def _doc_id(request: Any) -> str:
    doc = getattr(request, "document", None)
    return getattr(doc, "id", "") if doc is not None else ""


def _code(context: grpc.ServicerContext, exc: BaseException | None) -> str:
    """The call's status: the one the servicer set, else how the call ended (a client that left is not UNKNOWN)."""
    code = context.code() if hasattr(context, "code") else None
    if code is None and not context.is_active():  # the deadline passed or the client cancelled
        remaining = context.time_remaining()
        return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0 else "CANCELLED"
    if code is None:
        return "UNKNOWN" if exc is not None and not isinstance(exc, grpc.RpcError) else "OK"
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


def _record(method: str, code: str, seconds: float, documents: int) -> None:
    name = method.rsplit("/", 1)[-1]
    metrics.REQUESTS.labels(name, code).inc()
    metrics.LATENCY.labels(name).observe(seconds)
    if documents:
        metrics.DOCUMENTS.labels("ok" if code == "OK" else "error").inc(documents)


class AccessLogInterceptor(grpc.ServerInterceptor):
    """Log one line per RPC; streaming calls also list how many documents they carried."""

    def intercept_service(self, continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler],
                          details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler:
        handler = continuation(details)
        if handler is None:
            return handler
        method = details.method
        if handler.unary_unary is not None:
            inner_uu = handler.unary_unary

            def unary(request: Any, context: grpc.ServicerContext) -> Any:
                t0 = time.perf_counter()
                exc: BaseException | None = None
                try:
                    return inner_uu(request, context)
                except BaseException as e:
                    exc = e
                    raise
                finally:
                    # a document only when the request carries one (not a health check)
                    _record(method, _code(context, exc), time.perf_counter() - t0, int(hasattr(request, "document")))
                    log.info("method=%s code=%s duration_ms=%.1f doc_id=%s worker=%d", method, _code(context, exc),
                             (time.perf_counter() - t0) * 1000, _doc_id(request), os.getpid())
            return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer, handler.response_serializer)
        if handler.stream_stream is not None:
            inner_ss = handler.stream_stream

            def stream(requests: Iterator[Any], context: grpc.ServicerContext) -> Iterator[Any]:
                t0 = time.perf_counter()
                ids: list[str] = []

                def tap() -> Iterator[Any]:
                    for r in requests:
                        ids.append(_doc_id(r))
                        yield r
                exc: BaseException | None = None
                try:
                    yield from inner_ss(tap(), context)
                except BaseException as e:
                    exc = e
                    raise
                finally:
                    _record(method, _code(context, exc), time.perf_counter() - t0, len(ids))
                    log.info("method=%s code=%s duration_ms=%.1f documents=%d doc_ids=%s worker=%d", method,
                             _code(context, exc), (time.perf_counter() - t0) * 1000, len(ids), ",".join(ids[:20]),
                             os.getpid())
            return grpc.stream_stream_rpc_method_handler(stream, handler.request_deserializer,
                                                         handler.response_serializer)
        return handler
