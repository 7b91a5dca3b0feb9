"""The HTTP API answered in this process, for `quotes web`: the engine extracts, the archive (when given) answers
the archive's RPCs, through the same functions the gRPC servicers and the CLI call, so the JSON is the same."""
from __future__ import annotations

from typing import Any

from google.rpc import code_pb2

from quoteservice.api import QuoteEngine, RequestError, status_proto
from quoteservice.archive import api as archive_api
from quoteservice.archive.store import Archive
from quoteservice.extract.budget import Stopped
from quoteservice.http.gateway import Failed
from quoteservice.http.routes import Route
from quoteservice.server import errors
from quoteservice.v1 import archive_pb2 as apb
from quoteservice.v1 import quote_service_pb2 as pb


class EmbeddedBackend:
    """Answers a gateway call with `engine` and `archive` (None: the archive's RPCs are UNIMPLEMENTED, as on a
    `quotes serve` without --db). `timeout` bounds one document's extraction."""

    def __init__(self, engine: QuoteEngine, archive: Archive | None = None, timeout: float = 120.0) -> None:
        self.engine, self.archive, self.timeout = engine, archive, timeout

    def __call__(self, route: Route, request: Any, metadata: list[tuple[str, str]]) -> Any:
        name = route.method.name
        try:
            if name == "ExtractQuotes":
                return self._extract(request)
            archive = self._archive()
            if name == "IndexDocuments":
                return apb.IndexDocumentsResponse(documents=[
                    archive_api.index_document(archive, self.engine, r.document, self.engine.budget(self.timeout))
                    for r in request])
            return archive_api.QUERIES[name](archive, request)
        except archive_api.ArchiveError as err:
            raise Failed(archive_api.status(err)) from None
        except RequestError as err:
            raise Failed(errors.from_request_error(err)) from None
        except Stopped as stop:
            raise Failed(errors.stopped(stop)) from None

    def _extract(self, request: pb.ExtractQuotesRequest) -> pb.ExtractQuotesResponse:
        return self.engine.extract(request.document, request.options, self.engine.budget(self.timeout))

    def _archive(self) -> Archive:
        if self.archive is None:
            raise Failed(status_proto(code_pb2.UNIMPLEMENTED, "no archive: start quotes web with --db URL"))
        return self.archive
