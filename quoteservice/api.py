"""Requests in, responses out: validation, extraction and protobuf conversion shared by server and CLI.

Both the gRPC servicer and the embedded CLI call `QuoteEngine.extract`, so a document gives the same
response, or the same error, whichever path it takes.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from quoteservice.extract import ArticleQuotes, Method, QuoteType, SpeakerKind
from quoteservice.extract.budget import UNLIMITED, Budget
from quoteservice.extract.contract import enforce
from quoteservice.extract.interrupted import join_interrupted
from quoteservice.v1 import quote_service_pb2 as pb

if TYPE_CHECKING:
    from quoteservice.extract import Extractor

DEFAULT_MAX_CHARS = 200_000
WORKER_KEY = "quotes-worker"  # initial metadata of a BatchExtractQuotes stream: the server process serving it
WORKERS_KEY = "quotes-workers"  # and how many worker processes that server runs (clients spread over them)
MAX_ID_CHARS = 1_024

# Model enums to proto enums by the proto naming convention (QuoteType.DIRECT -> QUOTE_TYPE_DIRECT);
# tests/test_api.py checks each map covers both sides.
TYPES = {t: pb.QuoteType.Value(f"QUOTE_TYPE_{t.name}") for t in QuoteType}
KINDS = {k: pb.SpeakerKind.Value(f"SPEAKER_KIND_{k.name}") for k in SpeakerKind}
METHODS = {m: pb.AttributionMethod.Value(f"ATTRIBUTION_METHOD_{m.name}") for m in Method}


@dataclass(frozen=True)
class Violation:
    """One bad field of a request (becomes a google.rpc.BadRequest.FieldViolation)."""

    field: str
    description: str


class RequestError(Exception):
    """A request the engine refuses; `code` is a google.rpc.Code value."""

    def __init__(self, code: int, message: str, violations: list[Violation]) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.violations = violations


@dataclass(frozen=True)
class Limits:
    """Input limits enforced on every document."""

    max_chars: int = DEFAULT_MAX_CHARS
    max_seconds_per_doc: float | None = None  # wall-clock budget of one document's extraction


def validate(document: pb.Document, options: pb.ExtractionOptions, limits: Limits) -> None:
    """Raise RequestError for empty, oversize or malformed input."""
    bad: list[Violation] = []
    if len(document.id) > MAX_ID_CHARS:
        bad.append(Violation("document.id", f"longer than {MAX_ID_CHARS} characters"))
    if not document.text.strip():
        bad.append(Violation("document.text", "empty: the article text is required"))
    if "\x00" in document.text:
        bad.append(Violation("document.text", "contains NUL characters: not plain text"))
    mc = options.min_confidence
    if math.isnan(mc) or not 0.0 <= mc <= 1.0:
        bad.append(Violation("options.min_confidence", "must be a number between 0 and 1"))
    for i, t in enumerate(options.exclude_types):
        if t not in (pb.QUOTE_TYPE_DIRECT, pb.QUOTE_TYPE_INDIRECT, pb.QUOTE_TYPE_MIXED):
            bad.append(Violation(f"options.exclude_types[{i}]", f"unknown quote type {t}"))
    if bad:
        raise RequestError(code_pb2.INVALID_ARGUMENT, "invalid request: " + "; ".join(
            f"{v.field}: {v.description}" for v in bad), bad)
    if len(document.text) > limits.max_chars:
        v = Violation("document.text", f"{len(document.text)} characters; the limit is {limits.max_chars}")
        raise RequestError(code_pb2.RESOURCE_EXHAUSTED, f"article too long: {v.description}", [v])


def _span(text: str, start: int, end: int) -> pb.TextSpan:
    return pb.TextSpan(text=text[start:end], start=start, end=end)


def status_proto(code: int, message: str, violations: Sequence[Violation] = ()) -> status_pb2.Status:
    """A google.rpc.Status with a BadRequest detail listing the field violations, if any."""
    status = status_pb2.Status(code=code, message=message)
    if violations:
        detail = any_pb2.Any()
        detail.Pack(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
            for v in violations]))
        status.details.append(detail)
    return status


def to_response(document: pb.Document, result: ArticleQuotes, options: pb.ExtractionOptions) -> pb.ExtractQuotesResponse:
    """Convert extractor records to the API response, applying the request's filters."""
    text = document.text
    if options.join_interrupted:
        result = join_interrupted(result, text)
        result = ArticleQuotes(enforce(result.quotes), result.speakers)  # a joined record may now hold another
    excluded = set(options.exclude_types)
    resp = pb.ExtractQuotesResponse(document_id=document.id)
    used: dict[str, pb.Speaker] = {}
    for q in result.quotes:
        qtype = TYPES[q.type]
        if qtype in excluded or q.confidence < options.min_confidence \
                or (q.noun_phrase and not options.include_noun_phrase_reports):
            continue
        msg = resp.quotes.add(id=f"q{len(resp.quotes) + 1}", text=text[q.span.start:q.span.end],
                              start=q.span.start, end=q.span.end, type=qtype, confidence=q.confidence,
                              method=METHODS[q.method])
        if q.speaker is not None:
            sp = q.speaker
            msg.speaker.CopyFrom(pb.Speaker(id=sp.id, name=sp.name, kind=KINDS[sp.kind], role=sp.role))
            if sp.id not in used:
                used[sp.id] = pb.Speaker(id=sp.id, name=sp.name, kind=KINDS[sp.kind], role=sp.role,
                                       aliases=sp.aliases)
        if q.mention is not None:
            msg.speaker_mention.CopyFrom(_span(text, q.mention.start, q.mention.end))
        if q.cue is not None:
            msg.cue.CopyFrom(_span(text, q.cue.start, q.cue.end))
        if q.via is not None:
            msg.via.CopyFrom(pb.Provenance(id=q.via.id, name=q.via.name, carried=q.via.carried,
                                           mention=_span(text, q.via.span.start, q.via.span.end)))
        if options.explain:
            msg.rule = q.rule
        if q.belief:
            msg.belief = True
        if q.noun_phrase:
            msg.noun_phrase = True
    resp.speakers.extend(used.values())
    return resp


class QuoteEngine:
    """Validate a document, extract its quotes and build the response."""

    def __init__(self, extractor: Extractor, limits: Limits | None = None) -> None:
        self.extractor = extractor
        self.limits = limits or Limits()

    def budget(self, caller_seconds: float | None = None, cancelled: Callable[[], bool] | None = None) -> Budget:
        """One document's budget: the tighter of the caller's remaining time and max_seconds_per_doc."""
        limits = [s for s in (caller_seconds, self.limits.max_seconds_per_doc) if s is not None]
        return Budget.of(min(limits) if limits else None, cancelled)

    def extract(self, document: pb.Document, options: pb.ExtractionOptions | None = None,
                budget: Budget = UNLIMITED) -> pb.ExtractQuotesResponse:
        """The response for one document; raises RequestError for bad input, budget.Stopped when
        the budget runs out or the caller cancels."""
        options = options or pb.ExtractionOptions()
        validate(document, options, self.limits)
        result = self.extractor.extract(document.text, budget, beliefs=options.include_beliefs)
        return to_response(document, result, options)

    def extract_many(self, documents: list[pb.Document], options: pb.ExtractionOptions | None = None,
                     batch_size: int = 8) -> Iterator[pb.ExtractQuotesResponse | RequestError]:
        """Responses (or the RequestError of a bad document) in order, parsed in batches of `batch_size`.

        Batched parsing is a few percent faster than one document at a time, but has no time budget:
        for batch jobs, not for calls with deadlines.
        """
        options = options or pb.ExtractionOptions()
        for i in range(0, len(documents), batch_size):
            batch: list[tuple[pb.Document, RequestError | None]] = []
            for d in documents[i:i + batch_size]:
                try:
                    validate(d, options, self.limits)
                    batch.append((d, None))
                except RequestError as exc:
                    batch.append((d, exc))
            results = self.extractor.pipe([d.text for d, e in batch if e is None], batch_size=batch_size,
                                          beliefs=options.include_beliefs)
            for d, e in batch:
                yield e if e is not None else to_response(d, next(results), options)
