"""Load shedding: a bounded number of calls running and waiting per worker; beyond it, an immediate refusal.

Under overload a queue only makes every call late. So each worker runs at most `running` extraction calls
at once, lets at most `waiting` more wait for a slot, and answers any call beyond that at once with
RESOURCE_EXHAUSTED, a google.rpc.RetryInfo detail and the `grpc-retry-pushback-ms` trailer that gRPC's own
retry policy reads, so the calls it accepts keep their latency and clients come back when a slot is
likely free. Health and reflection are never shed (probes must answer under load).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from quoteservice.server.errors import PUSHBACK_KEY
from quoteservice.server.servicer import SERVICE_NAME


class Admission:
    """Counts the calls admitted (running or waiting) and hands out running slots."""

    def __init__(self, running: int, waiting: int) -> None:
        self.running, self.limit = running, running + waiting
        self._slots = threading.Semaphore(running)
        self._lock = threading.Lock()
        self.admitted = 0
        self._mean = 1.0  # seconds per call, a moving average: how soon a slot is likely free

    def try_admit(self) -> bool:
        with self._lock:
            if self.admitted >= self.limit:
                return False
            self.admitted += 1
            return True

    def run(self) -> _Slot:
        return _Slot(self)

    def _done(self, seconds: float | None) -> None:
        with self._lock:
            self.admitted -= 1
            if seconds is not None:
                self._mean = 0.7 * self._mean + 0.3 * seconds

    def retry_after(self) -> float:
        """Seconds until a slot is likely free: the waiting calls' share of the mean call time."""
        with self._lock:
            return min(10.0, max(0.05, self._mean * max(1, self.admitted - self.running + 1) / self.running))


class _Slot:
    """Held while an admitted call waits for and then uses a running slot (a context manager)."""

    def __init__(self, admission: Admission) -> None:
        self._a = admission
        self._t0: float | None = None

    def __enter__(self) -> _Slot:
        self._a._slots.acquire()
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        seconds = time.perf_counter() - self._t0 if self._t0 is not None else None
        self._a._slots.release()
        self._a._done(seconds)


def refusal(retry_after: float) -> grpc.Status:
    """RESOURCE_EXHAUSTED with RetryInfo (for clients that read details) and the gRPC pushback trailer."""
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(
        seconds=int(retry_after), nanos=int((retry_after % 1) * 1e9))))
    message = f"overloaded: every slot of this worker is taken; retry in {retry_after:.2f} s"
    status = status_pb2.Status(code=code_pb2.RESOURCE_EXHAUSTED, message=message, details=[detail])
    return _Status(grpc.StatusCode.RESOURCE_EXHAUSTED, message,
                   (("grpc-status-details-bin", status.SerializeToString()),
                    (PUSHBACK_KEY, str(max(1, int(retry_after * 1000))))))


class _Status(grpc.Status):
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: tuple) -> None:
        self.code, self.details, self.trailing_metadata = code, details, trailing_metadata


class LoadShedder(grpc.ServerInterceptor):
    """Admit QuoteService calls up to the bound; refuse the others at once (see the module docstring)."""

    def __init__(self, running: int, waiting: int) -> None:
        self.admission = Admission(running, waiting)
        self._prefix = f"/{SERVICE_NAME}/"

    def intercept_service(self, continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler],
                          details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler:
        handler = continuation(details)
        if handler is None or not details.method.startswith(self._prefix):
            return handler
        a = self.admission
        if handler.unary_unary is not None:
            inner_uu = handler.unary_unary

            def unary(request: Any, context: grpc.ServicerContext) -> Any:
                if not a.try_admit():
                    context.abort_with_status(refusal(a.retry_after()))
                with a.run():
                    return inner_uu(request, context)
            return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer, handler.response_serializer)
        if handler.stream_stream is not None:
            inner_ss = handler.stream_stream

            def stream(requests: Iterator[Any], context: grpc.ServicerContext) -> Iterator[Any]:
                if not a.try_admit():
                    context.abort_with_status(refusal(a.retry_after()))
                with a.run():
                    yield from inner_ss(requests, context)
            return grpc.stream_stream_rpc_method_handler(stream, handler.request_deserializer,
                                                         handler.response_serializer)
        return handler
