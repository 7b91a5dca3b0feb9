"""Text regions that hold no attributable quotes: the headline, photo captions and credits, boilerplate."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from quoteservice.extract.glyphs import CLOSE_CHARS

_TERMINAL = tuple(frozenset(".!?:…") | CLOSE_CHARS)


@functools.cache
def _patterns() -> list[re.Pattern[str]]:
    data = json.loads((resources.files("quoteservice") / "data" / "boilerplate.json").read_text(encoding="utf-8"))
    return [re.compile(p, re.IGNORECASE if not p.startswith("(?-i)") else 0) for p in data["patterns"]]


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
    """Captions, photo credits, newsletter and donation blurbs (patterns in data/boilerplate.json)."""
    return any(p.search(body) for p in _patterns())


def excluded_regions(text: str) -> list[tuple[int, int]]:
    """Spans whose quotes are not reported: headline and boilerplate paragraphs."""
    out = []
    for i, para in enumerate(paragraphs(text)):
        body = text[para[0]:para[1]]
        if is_headline(text, para, i) or is_boilerplate(body):
            out.append(para)
    return out
