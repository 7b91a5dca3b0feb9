"""The per-article context every record pass reads, built once: text, parse, quotes, paragraphs, names, exclusions."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from quoteservice.extract.filters import excluded_regions, is_furniture, paragraphs
from quoteservice.extract.mentions import Mention
from quoteservice.extract.model import QuoteType
from quoteservice.extract.quotemarks import QuotedSpan, find_quotes


class Intervals:
    """Char intervals, merged where they overlap, with coverage and membership tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in self.spans]

    def overlap(self, span: tuple[int, int]) -> float:
        """Share of `span` covered by the intervals."""
        i = max(0, bisect.bisect_right(self.starts, span[0]) - 1)
        total = 0
        while i < len(self.spans) and self.spans[i][0] < span[1]:
            a, b = self.spans[i]
            total += max(0, min(span[1], b) - max(span[0], a))
            i += 1
        return total / max(1, span[1] - span[0])

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


@dataclass
class Draft:
    """A quote record before speaker resolution; `rule` names the pass and the rules that made it."""

    start: int
    end: int
    type: QuoteType
    mention: Mention | None
    cue: tuple[int, int] | None
    quote: QuotedSpan | None = None
    continuation: bool = False
    rule: str = ""
    belief: bool = False  # from a belief or evidence cue, not speech
    noun_phrase: bool = False  # a report whose content is a noun phrase, no clause ("denied the allegations")


@dataclass
class Article:
    """One article as the record passes see it. Build it with `Article.of`; nothing here is recomputed later."""

    text: str
    doc: Doc
    quotes: list[QuotedSpan]  # every quoted span outside the excluded regions, in text order
    excluded: Intervals  # headline and boilerplate paragraphs
    paragraphs: tuple[tuple[int, int], ...]
    names: list[SpacySpan] = field(default_factory=list)  # the article's person names
    in_quote: Intervals = field(init=False)
    furniture: Intervals = field(init=False)  # page furniture paragraphs: they name no one either
    _para_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.in_quote = Intervals([(q.open_mark, q.close_at + 1) for q in self.quotes])
        self._para_starts = [p[0] for p in self.paragraphs]
        self.furniture = Intervals([p for p in self.paragraphs if is_furniture(self.text[p[0]:p[1]])])

    @classmethod
    def of(cls, text: str, doc: Doc, names: list[SpacySpan] | None = None) -> Article:
        excluded = Intervals(excluded_regions(text))
        quotes = [q for q in find_quotes(text) if not excluded.contains(q.start)]
        return cls(text, doc, quotes, excluded, paragraphs(text), names or [])

    def paragraph_index(self, pos: int) -> int:
        """How many paragraphs start at or before `pos`."""
        return bisect.bisect_right(self._para_starts, pos)
