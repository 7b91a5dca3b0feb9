"""In-process extraction for the CLI: one pipeline in this process, or one per process in a pool.

With `jobs` > 1 the documents go to a pool of spawned processes, each loading the pipeline once;
results come back in input order as serialized protobuf, so the output is identical to `jobs` = 1.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from google.rpc import status_pb2

from quoteservice.api import Limits, QuoteEngine, RequestError
from quoteservice.output import DocumentOutcome
from quoteservice.v1 import quote_service_pb2 as pb

_engine: QuoteEngine | None = None  # the pool worker's engine (one per process)


class WorkerCrashed(RuntimeError):
    """A pool process died (killed, out of memory) before answering."""


def load_engine(limits: Limits) -> QuoteEngine:
    from quoteservice.extract import Extractor
    from quoteservice.nlp import load_pipeline

    return QuoteEngine(Extractor(load_pipeline()), limits)


def extract_one(engine: QuoteEngine, doc: pb.Document, options: pb.ExtractionOptions) -> DocumentOutcome:
    """One document's outcome; bad input and an exhausted budget become error outcomes."""
    from quoteservice.extract.budget import Stopped
    from quoteservice.server.errors import from_request_error, stopped

    try:
        return DocumentOutcome(doc.id, response=engine.extract(doc, options, engine.budget()))
    except RequestError as exc:
        return DocumentOutcome(doc.id, error=from_request_error(exc))
    except Stopped as exc:
        return DocumentOutcome(doc.id, error=stopped(exc))


def _init_worker(limits: Limits) -> None:
    global _engine
    _engine = load_engine(limits)


def _work(item: tuple[bytes, bytes]) -> tuple[str, bytes | None, bytes | None]:
    """Pool side: (document, options) bytes in; (doc id, response bytes, error status bytes) out."""
    from quoteservice.server.errors import internal

    assert _engine is not None
    doc, options = pb.Document.FromString(item[0]), pb.ExtractionOptions.FromString(item[1])
    try:
        out = extract_one(_engine, doc, options)
    except Exception as exc:  # a bug: report this document, keep the pool
        return doc.id, None, internal(exc).SerializeToString()
    if out.error is not None:
        return doc.id, None, out.error.SerializeToString()
    assert out.response is not None
    return doc.id, out.response.SerializeToString(), None


def extract_local(docs: list[pb.Document], options: pb.ExtractionOptions, limits: Limits,
                  jobs: int = 1) -> Iterator[DocumentOutcome]:
    """Outcomes of `docs` in input order, extracted by `jobs` processes (1: this process)."""
    if jobs <= 1 or len(docs) <= 1:
        engine = load_engine(limits)
        for d in docs:
            yield extract_one(engine, d, options)
        return
    opts = options.SerializeToString()
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or locks
    with ProcessPoolExecutor(max_workers=min(jobs, len(docs)), mp_context=ctx, initializer=_init_worker,
                             initargs=(limits,)) as pool:
        try:
            for doc_id, resp, error in pool.map(_work, ((d.SerializeToString(), opts) for d in docs)):
                if error is not None:
                    yield DocumentOutcome(doc_id, error=status_pb2.Status.FromString(error))
                else:
                    assert resp is not None
                    yield DocumentOutcome(doc_id, response=pb.ExtractQuotesResponse.FromString(resp))
        except BrokenProcessPool as exc:
            raise WorkerCrashed("an extraction process died before answering") from exc
