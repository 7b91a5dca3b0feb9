"""Sources the article does not name, as article-local entities: "an unnamed U.S. official" … "the U.S. official".

A definite description (or a bare one) takes up the latest earlier unnamed source with the same
head noun whose words include its own; an indefinite one ("a senior official", "another
official") introduces a new source. Ids (``unnamed:1``, ``unnamed:2`` …) are stable within one
response only, so tools can count an article's distinct unnamed sources; they mean nothing across
articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from quoteservice.extract.wordlists import words

LOOKBACK = 32  # earlier unnamed sources a definite description may take up (bounded work per quote)
_DEFINITE = words("definite_determiners")
_INDEFINITE = words("indefinite_determiners")
_IGNORED = words("unnamed_ignored")
_WORD = re.compile(r"[\w.]+(?:[’'-][\w.]+)*")


@dataclass
class _Source:
    id: str
    head: str
    words: frozenset[str]


class UnnamedSources:
    """Groups the unnamed-source descriptions of one article; add them in text order."""

    def __init__(self) -> None:
        self._sources: list[_Source] = []

    def add(self, description: str) -> str:
        """The id of the unnamed source `description` stands for (a new one if it introduces one)."""
        words = [w.lower().strip(".") or w for w in _WORD.findall(description)]
        if not words:
            return self._new("", frozenset())
        first, content = words[0], [w for w in words if w not in _DEFINITE | _INDEFINITE | _IGNORED]
        head = content[-1] if content else words[-1]
        bag = frozenset(content)
        if first not in _INDEFINITE:
            for source in reversed(self._sources[-LOOKBACK:]):
                if source.head == head and bag <= source.words:
                    return source.id
        return self._new(head, bag)

    def _new(self, head: str, words: frozenset[str]) -> str:
        source = _Source(f"unnamed:{len(self._sources) + 1}", head, words)
        self._sources.append(source)
        return source.id
