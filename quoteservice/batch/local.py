"""The `local` batch engine: a pool of processes, one pipeline each, fed a bounded window of chunks, so memory
stays flat however long the input is; records are written in input order as their chunk finishes.

A process that dies (killed, out of memory) costs nothing but time: the pool is made anew and the chunks it
held are retried one document at a time; a document that kills a process again gets an error record.
"""
from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from google.rpc import code_pb2

from quoteservice.api import Limits
from quoteservice.archive.store import ArchiveDocument
from quoteservice.batch.records import InputError, error_record, extract_records, invalid
from quoteservice.batch.sinks import Sink
from quoteservice import embedded
from quoteservice.embedded import _init_worker, load_engine
from quoteservice.v1 import quote_service_pb2 as pb

CHUNK = 8  # documents per task, parsed as one spaCy batch
Item = ArchiveDocument | InputError


@dataclass
class Counts:
    """What a run did: records written (ok, failed) and documents skipped as already written."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    words: int = 0
    by_code: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, records: list[dict[str, Any]], docs: list[Item]) -> None:
        for r in records:
            if "error" in r:
                self.failed += 1
                self.by_code[r["error"]["code"]] += 1
            else:
                self.ok += 1
        self.words += sum(len(d.text.split()) for d in docs if isinstance(d, ArchiveDocument))


def _chunks(items: Iterable[Item], done: set[str], counts: Counts, size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        if (item.id if isinstance(item, ArchiveDocument) else item.doc_id) in done:
            counts.skipped += 1
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _docs(chunk: list[Item]) -> list[pb.Document]:
    return [pb.Document(id=d.id, text=d.text) for d in chunk if isinstance(d, ArchiveDocument)]


def _work(item: tuple[list[bytes], bytes]) -> list[dict[str, Any]]:
    """Pool side: documents and options as bytes in, their output records out. The records are made here, not
    in the parent, so the parent's share of the CPU (writing) stays small as workers are added."""
    assert embedded._engine is not None
    docs = [pb.Document.FromString(b) for b in item[0]]
    return extract_records(embedded._engine, docs, pb.ExtractionOptions.FromString(item[1]))


def _merged(chunk: list[Item], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chunk's records in order: its documents' records, its input errors where they stood."""
    got = iter(records)
    return [invalid(i) if isinstance(i, InputError) else next(got) for i in chunk]


def run_local(items: Iterable[Item], sink: Sink, limits: Limits, jobs: int = 1,
              options: pb.ExtractionOptions | None = None, progress: Callable[[int], None] = lambda n: None) -> Counts:
    """Extract every document of `items` not yet in `sink` and write its record there; the counts."""
    options = options or pb.ExtractionOptions()
    counts = Counts()
    chunks = _chunks(items, sink.done(), counts, CHUNK)
    try:
        if jobs <= 1:
            engine = load_engine(limits)
            for chunk in chunks:
                _write(sink, counts, chunk, _merged(chunk, extract_records(engine, _docs(chunk), options)), progress)
        else:
            _PoolRun(limits, jobs, options).run(chunks, lambda c, r: _write(sink, counts, c, r, progress))
    finally:
        sink.close()
    return counts


def _write(sink: Sink, counts: Counts, chunk: list[Item], records: list[dict[str, Any]],
           progress: Callable[[int], None]) -> None:
    sink.write(records)
    counts.add(records, chunk)
    progress(len(records))


class _PoolRun:
    """Chunks through a process pool, at most 2 per process in flight, answered in input order."""

    def __init__(self, limits: Limits, jobs: int, options: pb.ExtractionOptions) -> None:
        self.limits, self.jobs, self.options = limits, jobs, options.SerializeToString()
        self.pool = self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.limits,))

    def _submit(self, chunk: list[Item]) -> Future:  # type: ignore[type-arg]
        return self.pool.submit(_work, ([d.SerializeToString() for d in _docs(chunk)], self.options))

    def run(self, chunks: Iterator[list[Item]], write: Callable[[list[Item], list[dict[str, Any]]], None]) -> None:
        window: collections.deque[tuple[list[Item], Future]] = collections.deque()  # type: ignore[type-arg]
        try:
            for chunk in chunks:
                window.append((chunk, self._submit(chunk)))
                while len(window) >= 2 * self.jobs:
                    self._drain_one(window, write)
            while window:
                self._drain_one(window, write)
        finally:
            self.pool.shutdown(cancel_futures=True)

    def _drain_one(self, window: collections.deque, write: Callable) -> None:  # type: ignore[type-arg]
        chunk, future = window.popleft()
        try:
            write(chunk, _merged(chunk, future.result()))
        except BrokenProcessPool:
            held = [chunk] + [c for c, _ in window]
            window.clear()
            self.pool.shutdown(cancel_futures=True)
            self.pool = self._pool()
            for c in held:
                write(c, [self._alone(i) for i in c])

    def _alone(self, item: Item) -> dict[str, Any]:
        """One document in a fresh pool if need be: its record, or an error record if it kills a process."""
        if isinstance(item, InputError):
            return invalid(item)
        try:
            return _merged([item], self._submit([item]).result())[0]
        except BrokenProcessPool:
            self.pool.shutdown(cancel_futures=True)
            self.pool = self._pool()
            return error_record(item.id, code_pb2.INTERNAL, "the extraction process died on this document")
