"""QuoteArchiveService: index documents into the archive and answer queries across them (`quotes serve --db`).

Extraction goes through the worker's QuoteEngine; queries through quoteservice.archive.api, the same
functions the CLI calls, so `quotes search --format json` and SearchQuotes give the same records.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

import grpc
from google.protobuf.message import Message
from google.rpc import code_pb2

from quoteservice.api import QuoteEngine, status_proto
from quoteservice.archive import api
from quoteservice.archive.store import Archive
from quoteservice.extract.budget import Stopped
from quoteservice.server import errors
from quoteservice.server.servicer import Malformed, tolerant
from quoteservice.v1 import archive_pb2 as apb

log = logging.getLogger("quoteservice.server")
ARCHIVE_SERVICE_NAME = apb.DESCRIPTOR.services_by_name["QuoteArchiveService"].full_name


class ArchiveServicer:
    """Serves QuoteArchiveService over one archive URL, opened on first use (in the worker process)."""

    def __init__(self, db_url: str, engine: Callable[[], QuoteEngine | None]) -> None:
        self._url = db_url
        self._engine = engine
        self._archive: Archive | None = None
        self._lock = threading.Lock()

    def archive(self) -> Archive:
        with self._lock:
            if self._archive is None:
                self._archive = Archive(self._url)
            return self._archive

    def _index_one(self, doc: apb.ArchiveDocument, context: grpc.ServicerContext) -> apb.IndexedDocument:
        engine = self._engine()
        if engine is None:
            errors.abort(context, errors.unavailable())
        try:
            budget = engine.budget(context.time_remaining(), lambda: not context.is_active())
            return api.index_document(self.archive(), engine, doc, budget)
        except Stopped as stop:
            if not context.is_active():
                errors.abort(context, errors.stopped(stop))
            return apb.IndexedDocument(document_id=doc.id, error=errors.stopped(stop))

    def IndexDocuments(self, request_iterator: Iterator[apb.IndexDocumentsRequest | Malformed],  # noqa: N802
                       context: grpc.ServicerContext) -> apb.IndexDocumentsResponse:
        out = apb.IndexDocumentsResponse()
        for request in request_iterator:
            if isinstance(request, Malformed):
                out.documents.add(error=errors.malformed(request.reason))
                continue
            out.documents.append(self._index_one(request.document, context))
        return out

    def _query(self, ask: Callable, request: object, context: grpc.ServicerContext) -> object:  # type: ignore[type-arg]
        if isinstance(request, Malformed):
            errors.abort(context, errors.malformed(request.reason))
        try:
            return ask(self.archive(), request)
        except api.ArchiveError as err:
            errors.abort(context, api.status(err))
        except Exception as exc:  # a bug or a broken database: report it, keep serving
            log.exception("archive query failed")
            errors.abort(context, status_proto(code_pb2.INTERNAL, f"archive query failed: {type(exc).__name__}"))

    def SearchQuotes(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["SearchQuotes"], request, context)

    def ListClusters(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["ListClusters"], request, context)

    def GetCluster(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["GetCluster"], request, context)

    def GetSpeaker(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["GetSpeaker"], request, context)

    def ListDocuments(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["ListDocuments"], request, context)

    def GetDocument(self, request, context):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._query(api.QUERIES["GetDocument"], request, context)


_METHODS: dict[str, tuple[Callable[..., grpc.RpcMethodHandler], type[Message], type[Message]]] = {
    "IndexDocuments": (grpc.stream_unary_rpc_method_handler, apb.IndexDocumentsRequest, apb.IndexDocumentsResponse),
    "SearchQuotes": (grpc.unary_unary_rpc_method_handler, apb.SearchQuotesRequest, apb.SearchQuotesResponse),
    "ListClusters": (grpc.unary_unary_rpc_method_handler, apb.ListClustersRequest, apb.ListClustersResponse),
    "GetCluster": (grpc.unary_unary_rpc_method_handler, apb.GetClusterRequest, apb.GetClusterResponse),
    "GetSpeaker": (grpc.unary_unary_rpc_method_handler, apb.GetSpeakerRequest, apb.GetSpeakerResponse),
    "ListDocuments": (grpc.unary_unary_rpc_method_handler, apb.ListDocumentsRequest, apb.ListDocumentsResponse),
    "GetDocument": (grpc.unary_unary_rpc_method_handler, apb.GetDocumentRequest, apb.GetDocumentResponse),
}


def add_archive_to_server(servicer: ArchiveServicer, server: grpc.Server) -> None:
    """Register the servicer with deserializers that report malformed bytes as INVALID_ARGUMENT."""
    handlers = {name: make(getattr(servicer, name), request_deserializer=tolerant(req.FromString),
                           response_serializer=resp.SerializeToString)
                for name, (make, req, resp) in _METHODS.items()}
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(ARCHIVE_SERVICE_NAME, handlers),))
