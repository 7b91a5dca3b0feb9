"""One spaCy memory zone shared by the concurrent calls of a process, so a long-lived server stays flat.

spaCy keeps every new string and lexeme it sees in the shared vocab for good; `nlp.memory_zone()` (spaCy
3.8) frees the ones added inside it when it exits, and no Doc made inside may be used after. The zone is
global to the vocab, so concurrent calls share one: the first call opens it, the last one out closes it.
After `docs_per_zone` calls have entered, new calls wait until the open zone drains, so the zone closes
(and memory is given back) even under steady load. Every call must turn its Docs into plain data before
it leaves (the Extractor returns model records that hold no spaCy objects).
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from spacy.language import Language


class SharedMemoryZone:
    """A reference-counted `nlp.memory_zone()`; use `with zone():` around each call's spaCy work."""

    def __init__(self, nlp: Language, docs_per_zone: int = 64) -> None:
        self._nlp, self._limit = nlp, docs_per_zone
        self._cond = threading.Condition()
        self._active = 0
        self._entered = 0
        self._zone: Any = None
        self.closed = 0  # zones closed so far (for tests and benches)

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        self._enter()
        try:
            yield
        finally:
            self._leave()

    def _enter(self) -> None:
        with self._cond:
            while self._entered >= self._limit:  # this zone is full: wait for it to drain and close
                self._cond.wait()
            if self._active == 0:
                self._zone = self._nlp.memory_zone()
                self._zone.__enter__()
            self._active += 1
            self._entered += 1

    def _leave(self) -> None:
        with self._cond:
            self._active -= 1
            if self._active == 0:
                zone, self._zone = self._zone, None
                zone.__exit__(None, None, None)  # frees the strings and lexemes added since it opened
                self._entered = 0
                self.closed += 1
                self._cond.notify_all()
