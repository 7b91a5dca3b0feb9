"""Text regions that hold no attributable quotes: the headline, photo captions and credits, boilerplate."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from quoteservice.extract.glyphs import CLOSE_CHARS

_TERMINAL = tuple(frozenset(".!?:…") | CLOSE_CHARS)


_SENTENCE_END = re.compile(r"[.!?…]\s")


@functools.cache
def _patterns(key: str = "patterns") -> list[re.Pattern[str]]:
    data = json.loads((resources.files("quoteservice") / "data" / "boilerplate.json").read_text(encoding="utf-8"))
    return [re.compile(p, re.IGNORECASE if not p.startswith("(?-i)") else 0) for p in data[key]]


@functools.lru_cache(maxsize=8)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Char spans of the non-blank paragraphs (newline-separated) of `text` (cached: four stages ask)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return tuple(spans)


def is_headline(text: str, para: tuple[int, int], index: int) -> bool:
    """The first paragraph, short and without sentence-final punctuation, is a headline."""
    body = text[para[0]:para[1]]
    return index == 0 and len(body.split()) <= 25 and not body.rstrip().endswith(_TERMINAL)


def is_boilerplate(body: str) -> bool:
    """Captions, photo credits, newsletter and donation blurbs, page furniture (patterns in data/boilerplate.json)."""
    return any(p.search(body) for p in _patterns()) or is_furniture(body)


def is_furniture(text: str) -> bool:
    """Page furniture: "Story continues below advertisement", "Advertisement", "Related: …" (never a quote or speaker)."""
    return any(p.search(text) for p in _patterns("furniture"))


def credit_start(body: str) -> int | None:
    """Where a photo credit's sentence starts in a caption ("… hold talks. AFP via Getty" → at "AFP"), or None."""
    hits = [m.start() for p in _patterns("credits") if (m := p.search(body))]
    if not hits:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(body, 0, min(hits))]
    return ends[-1] if ends else 0


def excluded_regions(text: str) -> list[tuple[int, int]]:
    """Spans whose quotes are not reported: headline and boilerplate paragraphs, and photo credits."""
    out = []
    for i, para in enumerate(paragraphs(text)):
        body = text[para[0]:para[1]]
        if is_headline(text, para, i) or is_boilerplate(body):
            out.append(para)
        elif (credit := credit_start(body)) is not None:
            out.append((para[0] + credit, para[1]))
    return out
