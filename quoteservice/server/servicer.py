"""QuoteService implementation: one document per unary call, many over a bidirectional stream."""
from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import grpc
from google.protobuf.message import DecodeError
from google.rpc import code_pb2

from quoteservice.api import WORKER_KEY, WORKERS_KEY, QuoteEngine, RequestError
from quoteservice.extract.budget import Budget, Stopped
from quoteservice.server import errors
from quoteservice.v1 import quote_service_pb2 as pb

log = logging.getLogger("quoteservice.server")
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["QuoteService"].full_name


@dataclass(frozen=True)
class Malformed:
    """Stands in for a request whose bytes did not parse, so the servicer can answer INVALID_ARGUMENT."""

    reason: str


def tolerant(parse: Callable[[bytes], object]) -> Callable[[bytes], object]:
    """Deserializer that turns a DecodeError into a Malformed value instead of an INTERNAL error."""
    def deserialize(data: bytes) -> object:
        try:
            return parse(data)
        except DecodeError as exc:
            return Malformed(str(exc) or "cannot decode")
    return deserialize


class QuoteServicer:
    """Serves ExtractQuotes and BatchExtractQuotes from a QuoteEngine that may still be loading."""

    def __init__(self, engine: QuoteEngine | None = None, workers: int = 1) -> None:
        self._engine = engine
        self._identity = ((WORKER_KEY, f"{socket.gethostname()}:{os.getpid()}"), (WORKERS_KEY, str(workers)))
        self._ready = threading.Event()
        if engine is not None:
            self._ready.set()

    def set_engine(self, engine: QuoteEngine) -> None:
        """Install the loaded engine; calls before this get UNAVAILABLE."""
        self._engine = engine
        self._ready.set()

    @property
    def engine(self) -> QuoteEngine | None:
        """The loaded engine, None while loading."""
        return self._engine if self._ready.is_set() else None

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def _budget(self, context: grpc.ServicerContext) -> Budget:
        """The call's remaining deadline and the server's per-document limit; stop when the client goes."""
        assert self._engine is not None
        return self._engine.budget(context.time_remaining(), lambda: not context.is_active())

    def _run(self, document: pb.Document, options: pb.ExtractionOptions, budget: Budget) -> pb.ExtractQuotesResponse:
        assert self._engine is not None
        log.debug("document %r: extracting %d characters", document.id, len(document.text))
        return self._engine.extract(document, options, budget)

    def ExtractQuotes(self, request: pb.ExtractQuotesRequest | Malformed, context: grpc.ServicerContext) -> pb.ExtractQuotesResponse:  # noqa: N802
        if isinstance(request, Malformed):
            errors.abort(context, errors.malformed(request.reason))
        if not self.ready:
            errors.abort(context, errors.unavailable())
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            errors.abort(context, errors.status_proto(code_pb2.DEADLINE_EXCEEDED, "deadline already expired"))
        try:
            return self._run(request.document, request.options, self._budget(context))
        except RequestError as err:
            errors.abort(context, errors.from_request_error(err))
        except Stopped as stop:
            log.info("document %r: %s", request.document.id, stop)
            errors.abort(context, errors.stopped(stop))
        except Exception as exc:  # a bug: report it, keep serving
            log.exception("extraction failed for document %r", request.document.id)
            errors.abort(context, errors.internal(exc))
        raise AssertionError("unreachable")

    def BatchExtractQuotes(self, request_iterator: Iterator[pb.BatchExtractQuotesRequest | Malformed],  # noqa: N802
                           context: grpc.ServicerContext) -> Iterator[pb.BatchExtractQuotesResponse]:
        if not self.ready:
            errors.abort(context, errors.unavailable())
        context.send_initial_metadata(self._identity)  # lets a client put one stream on each worker
        for request in request_iterator:
            if not context.is_active():  # client cancelled or deadline passed: stop working
                return
            if isinstance(request, Malformed):
                yield pb.BatchExtractQuotesResponse(error=errors.malformed(request.reason))
                continue
            doc_id = request.document.id
            try:
                result = self._run(request.document, request.options, self._budget(context))
                yield pb.BatchExtractQuotesResponse(document_id=doc_id, result=result)
            except RequestError as err:
                yield pb.BatchExtractQuotesResponse(document_id=doc_id, error=errors.from_request_error(err))
            except Stopped as stop:
                log.info("document %r: %s", doc_id, stop)
                if not context.is_active():  # the stream's client left or its deadline passed: stop
                    return
                # this document spent the per-document limit; the stream goes on with the next one
                yield pb.BatchExtractQuotesResponse(document_id=doc_id, error=errors.stopped(stop))
            except Exception as exc:
                log.exception("extraction failed for document %r", doc_id)
                yield pb.BatchExtractQuotesResponse(document_id=doc_id, error=errors.internal(exc))


def add_to_server(servicer: QuoteServicer, server: grpc.Server) -> None:
    """Register the servicer with deserializers that report malformed bytes as INVALID_ARGUMENT."""
    handlers = {
        "ExtractQuotes": grpc.unary_unary_rpc_method_handler(
            servicer.ExtractQuotes, request_deserializer=tolerant(pb.ExtractQuotesRequest.FromString),
            response_serializer=pb.ExtractQuotesResponse.SerializeToString),
        "BatchExtractQuotes": grpc.stream_stream_rpc_method_handler(
            servicer.BatchExtractQuotes, request_deserializer=tolerant(pb.BatchExtractQuotesRequest.FromString),
            response_serializer=pb.BatchExtractQuotesResponse.SerializeToString),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))
