"""The archive's API in protobuf terms, shared by the gRPC servicer and the CLI so both answer alike.

Requests are validated here (ArchiveError carries the gRPC code and the field at fault); answers are the
archive_pb2 messages, which the CLI prints as JSON with proto field names.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from google.protobuf import json_format
from google.rpc import code_pb2, status_pb2

from quoteservice.api import QuoteEngine, RequestError, Violation, status_proto
from quoteservice.archive.store import Archive, ArchiveDocument, Cluster, Member
from quoteservice.extract.budget import Budget
from quoteservice.v1 import archive_pb2 as apb
from quoteservice.v1 import quote_service_pb2 as pb

DEFAULT_PAGE, MAX_PAGE = 100, 1000
STATUS = {"added": apb.INDEX_STATUS_ADDED, "replaced": apb.INDEX_STATUS_REPLACED,
          "unchanged": apb.INDEX_STATUS_UNCHANGED}


class ArchiveError(Exception):
    """A request the archive cannot answer: a gRPC status code, a message and the field at fault."""

    def __init__(self, code: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


def status(err: ArchiveError) -> status_pb2.Status:
    """The google.rpc.Status of a refused request, its field as a BadRequest violation."""
    return status_proto(err.code, err.message, [Violation(err.field, err.message)] if err.field else [])


def speaker_id(speaker: str) -> str:
    """A speaker id as given ("per:peskav.dmitri"), or the id of a name in any spelling ("Dmitri Peskov")."""
    if not speaker or ":" in speaker:
        return speaker
    from quoteservice.names.ids import guess_kind
    from quoteservice.names.ids import speaker_id as id_of

    return id_of(speaker, guess_kind(speaker)) or speaker


def _page(size: int, field: str = "page_size") -> int:
    if size < 0 or size > MAX_PAGE:
        raise ArchiveError(code_pb2.INVALID_ARGUMENT, f"{field} must be between 0 and {MAX_PAGE}", field)
    return size or DEFAULT_PAGE


def _iso_date(value: str, field: str) -> str | None:
    if not value:
        return None
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise ArchiveError(code_pb2.INVALID_ARGUMENT, f"{field} {value!r} is not an ISO 8601 date", field) from None
    return value


def document(msg: apb.ArchiveDocument) -> ArchiveDocument:
    """The store's document for a request's, after the checks indexing needs."""
    if not msg.id:
        raise ArchiveError(code_pb2.INVALID_ARGUMENT, "document.id is empty", "document.id")
    _iso_date(msg.published_at, "document.published_at")
    return ArchiveDocument(msg.id, msg.text, url=msg.url, title=msg.title, outlet=msg.outlet,
                           published_at=msg.published_at)


def quote_message(m: Member) -> apb.ArchivedQuote:
    msg = apb.ArchivedQuote(doc_id=m.doc_id, quote_id=m.quote_id, start=m.start, end=m.end, text=m.text, type=m.type,
                            speaker_id=m.speaker_id, speaker_name=m.speaker_name, cue=m.cue, outlet=m.outlet,
                            published_at=m.published_at, confidence=m.confidence,
                            diff=[apb.Edit(**e) for e in m.diff])
    if m.via:
        msg.via.CopyFrom(apb.Via(id=m.via["id"], name=m.via["name"]))
    if m.cluster_id is not None:
        msg.cluster_id = m.cluster_id
    return msg


def cluster_message(c: Cluster) -> apb.Cluster:
    return apb.Cluster(id=c.id, speaker=apb.ClusterSpeaker(id=c.speaker_id, name=c.speaker_name),
                       canonical_text=c.canonical_text, altered=c.altered, first_seen=quote_message(c.first_seen),
                       members=[quote_message(m) for m in c.members])


def index_document(archive: Archive, engine: QuoteEngine, msg: apb.ArchiveDocument, budget: Budget
                   ) -> apb.IndexedDocument:
    """Extract and store one document (skipped when this exact document is stored already); a bad document
    is an outcome with `error`, not an exception. Raises budget.Stopped when the budget runs out."""
    try:
        stored = document(msg)
        if archive.known(stored):
            return apb.IndexedDocument(document_id=msg.id, status=apb.INDEX_STATUS_UNCHANGED)
        result = engine.extract(pb.Document(id=msg.id, text=msg.text), pb.ExtractionOptions(), budget)
        done = archive.index(stored, result)
        return apb.IndexedDocument(document_id=msg.id, status=STATUS[done.status], quote_count=done.quotes)
    except ArchiveError as err:
        return apb.IndexedDocument(document_id=msg.id, error=status(err))
    except RequestError as err:
        return apb.IndexedDocument(document_id=msg.id, error=status_proto(err.code, err.message, err.violations))


def search(archive: Archive, req: apb.SearchQuotesRequest) -> apb.SearchQuotesResponse:
    found = archive.search(speaker_id(req.speaker) or None, req.text or None, req.outlet or None,
                           _iso_date(req.since, "since"), _iso_date(req.until, "until"), _page(req.page_size))
    return apb.SearchQuotesResponse(quotes=[quote_message(m) for m in found])


def list_clusters(archive: Archive, req: apb.ListClustersRequest) -> apb.ListClustersResponse:
    found = archive.clusters(speaker_id(req.speaker) or None, req.altered_only, limit=_page(req.page_size))
    return apb.ListClustersResponse(clusters=[cluster_message(c) for c in found])


def get_cluster(archive: Archive, req: apb.GetClusterRequest) -> apb.GetClusterResponse:
    found = archive.clusters(cluster_id=req.id, limit=1)
    if not found:
        raise ArchiveError(code_pb2.NOT_FOUND, f"no cluster {req.id}", "id")
    return apb.GetClusterResponse(cluster=cluster_message(found[0]))


def get_speaker(archive: Archive, req: apb.GetSpeakerRequest) -> apb.GetSpeakerResponse:
    sid = speaker_id(req.speaker)
    found = archive.speaker(sid) if sid else None
    if found is None:
        raise ArchiveError(code_pb2.NOT_FOUND, f"no speaker {req.speaker!r} in the archive", "speaker")
    return apb.GetSpeakerResponse(id=found["id"], name=found["name"], kind=found["kind"], quote_count=found["quotes"])


def list_documents(archive: Archive, req: apb.ListDocumentsRequest) -> apb.ListDocumentsResponse:
    found = archive.documents(req.outlet or None, _page(req.page_size))
    return apb.ListDocumentsResponse(documents=[apb.DocumentSummary(**d) for d in found])


def get_document(archive: Archive, req: apb.GetDocumentRequest) -> apb.GetDocumentResponse:
    found = archive.document(req.id) if req.id else None
    if found is None:
        raise ArchiveError(code_pb2.NOT_FOUND, f"no document {req.id!r} in the archive", "id")
    doc, members = found
    return apb.GetDocumentResponse(
        document=apb.ArchiveDocument(id=doc.id, text=doc.text, url=doc.url, title=doc.title, outlet=doc.outlet,
                                     published_at=doc.published_at),
        quotes=[quote_message(m) for m in members])


QUERIES = {"SearchQuotes": search, "ListClusters": list_clusters, "GetCluster": get_cluster,
           "GetSpeaker": get_speaker, "ListDocuments": list_documents, "GetDocument": get_document}


def to_json(msg: Any) -> dict[str, Any]:
    """A message as the CLI and HTTP print it: proto field names, defaults included, unset `via` and
    `cluster_id` as null (every record has every key)."""
    d = json_format.MessageToDict(msg, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    _nulls(d)
    return d


def _nulls(node: Any) -> None:
    if isinstance(node, list):
        for x in node:
            _nulls(x)
    elif isinstance(node, dict):
        if "quote_id" in node:  # an ArchivedQuote
            node.setdefault("via", None)
            node.setdefault("cluster_id", None)
        for v in node.values():
            _nulls(v)
