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


def extract_all(engine: QuoteEngine, docs: list[pb.Document], options: pb.ExtractionOptions) -> Iterator[DocumentOutcome]:
    """Outcomes in order: parsed in batches, or one by one under the per-document time budget if set."""
    from quoteservice.server.errors import from_request_error

    if engine.limits.max_seconds_per_doc is not None:
        for d in docs:
            yield extract_one(engine, d, options)
        return
    for d, r in zip(docs, engine.extract_many(docs, options)):
        if isinstance(r, RequestError):
            yield DocumentOutcome(d.id, error=from_request_error(r))
        else:
            yield DocumentOutcome(d.id, response=r)


def _init_worker(limits: Limits) -> None:
    global _engine
    _engine = load_engine(limits)


Result = tuple[str, bytes | None, bytes | None]  # doc id, response bytes, error status bytes


def _work(item: tuple[list[bytes], bytes]) -> list[Result]:
    """Pool side: a few documents and the options as bytes in; their results as bytes out."""
    from quoteservice.server.errors import internal

    assert _engine is not None
    docs = [pb.Document.FromString(b) for b in item[0]]
    options = pb.ExtractionOptions.FromString(item[1])
    try:
        outs = list(extract_all(_engine, docs, options))
    except Exception as exc:  # a bug: report these documents, keep the pool
        return [(d.id, None, internal(exc).SerializeToString()) for d in docs]
    return [_serialized(o) for o in outs]


def _serialized(out: DocumentOutcome) -> Result:
    if out.error is not None:
        return out.doc_id, None, out.error.SerializeToString()
    assert out.response is not None
    return out.doc_id, out.response.SerializeToString(), None


def extract_local(docs: list[pb.Document], options: pb.ExtractionOptions, limits: Limits,
                  jobs: int = 1, chunk: int = 4) -> Iterator[DocumentOutcome]:
    """Outcomes of `docs` in input order, extracted by `jobs` processes (1: this process), `chunk`
    documents per task (parsed as one batch)."""
    if jobs <= 1 or len(docs) <= 1:
        yield from extract_all(load_engine(limits), docs, options)
        return
    opts = options.SerializeToString()
    tasks = [([d.SerializeToString() for d in docs[i:i + chunk]], opts) for i in range(0, len(docs), chunk)]
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or locks
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx, initializer=_init_worker,
                             initargs=(limits,)) as pool:
        # longest tasks first, so no process is left with a long one at the end; output in input order
        by_size = sorted(range(len(tasks)), key=lambda i: -sum(len(b) for b in tasks[i][0]))
        futures = {i: pool.submit(_work, tasks[i]) for i in by_size}
        try:
            for i in range(len(tasks)):
                for doc_id, resp, error in futures[i].result():
                    if error is not None:
                        yield DocumentOutcome(doc_id, error=status_pb2.Status.FromString(error))
                    else:
                        assert resp is not None
                        yield DocumentOutcome(doc_id, response=pb.ExtractQuotesResponse.FromString(resp))
        except BrokenProcessPool as exc:
            raise WorkerCrashed("an extraction process died before answering") from exc
