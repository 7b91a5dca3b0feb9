"""Find quoted passages in raw text from quotation marks alone, before any parsing.

Handles straight and curly double quotes, ''doubled apostrophes'', guillemets, „low-high“, mismatched pairs (“…"),
English multi-paragraph quotes (a paragraph left open and the next re-opened with “), top-level
single quotes, and apostrophes that are not quotes (can’t, Russia’s, ’90s). Unbalanced marks never
raise: an unterminated quote ends at its paragraph and is flagged.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from quoteservice.extract.glyphs import (AMBIGUOUS, CLOSE_CHARS, DOUBLE_AMBIG, DOUBLE_CLOSE, DOUBLE_MARK, DOUBLE_OPEN,
                                         MULTI_CHAR_OPENERS, NESTING, OPEN_CHARS, SINGLE_AMBIG, SINGLE_CLOSE,
                                         SINGLE_OPEN, closes_pair)

_OPEN_LEFT = frozenset("([{—–-/:;") | OPEN_CHARS - AMBIGUOUS
_CLOSE_RIGHT = frozenset(".,;:!?)]}—–-…") | CLOSE_CHARS
_DOUBLE_STARTS = DOUBLE_OPEN | DOUBLE_AMBIG  # what may re-open a quote in the next paragraph


@dataclass(frozen=True)
class QuotedSpan:
    """Content between quotation marks: [start, end) excludes the enclosing marks."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the quote is never closed
    paragraphs: int = 1  # > 1 for a multi-paragraph quote
    single: bool = False  # delimited by single quotes

    @property
    def terminated(self) -> bool:
        return self.close_mark is not None

    @property
    def close_at(self) -> int:
        """Where the closing mark stands, or the content's end when the quote is never closed."""
        return self.close_mark if self.close_mark is not None else self.end

    @property
    def outer_end(self) -> int:
        """End of the quote with its closing mark: the first character after it."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def _opens_here(text: str, i: int, j: int | None = None) -> bool:
    """A mark at i..j looks like an opener: start of text or after space/opening punctuation, before text."""
    j = i if j is None else j
    left = i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_LEFT
    right = j + 1 < len(text) and not text[j + 1].isspace()
    return left and right


def _closes_here(text: str, i: int, j: int | None = None) -> bool:
    """A mark at i..j looks like a closer: after text, before space/closing punctuation or the end."""
    j = i if j is None else j
    left = i > 0 and not text[i - 1].isspace()
    right = j + 1 >= len(text) or text[j + 1].isspace() or text[j + 1] in _CLOSE_RIGHT
    return left and right


def _next_paragraph_opener(text: str, nl: int) -> int | None:
    """If the paragraph after the newline at `nl` starts with an opening double mark, its index."""
    j = nl
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and (text[j] in _DOUBLE_STARTS or text.startswith(MULTI_CHAR_OPENERS, j)):
        return j
    return None


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class _Glyphs:
    """Where each curly double mark and each newline sits, to count marks in a range by bisection."""

    def __init__(self, text: str) -> None:
        self._at: dict[str, list[int]] = {}
        for i, ch in enumerate(text):
            if ch in NESTING or ch in DOUBLE_CLOSE or ch == "\n":
                self._at.setdefault(ch, []).append(i)
        self._closers = sorted(i for ch in DOUBLE_CLOSE for i in self._at.get(ch, ()))
        self._length = len(text)

    def _count(self, positions: list[int], lo: int, hi: int) -> int:
        return bisect.bisect_left(positions, hi) - bisect.bisect_left(positions, lo)

    def paragraph_end(self, i: int) -> int:
        """Index of the newline ending the paragraph that contains i (or the text's length)."""
        nl = self._at.get("\n", [])
        k = bisect.bisect_left(nl, i)
        return nl[k] if k < len(nl) else self._length

    def nests(self, i: int, opener: str) -> bool:
        """Whether a second curly opener inside an open quote nests: its paragraph still closes both quotes."""
        end = self.paragraph_end(i)
        return self._count(self._closers, i + 1, end) - self._count(self._at.get(opener, []), i + 1, end) >= 2


def find_double_quotes(text: str) -> list[QuotedSpan]:
    """Pair double quotation marks into quoted spans, paragraph-aware."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None  # index of the current opening mark
    open_w = 1  # its width in characters
    open_glyph = ""
    paras = 1
    resume = 0  # skip marks before this index (a continuation opener already consumed)
    depth = 0  # same-glyph quotes nested inside the open one ("… what he calls “hell” than …”)
    glyphs = _Glyphs(text)
    for m in DOUBLE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if i < resume:
            continue
        w = len(ch)
        if ch == "\n":
            if open_at is not None:
                cont = _next_paragraph_opener(text, i)
                if cont is not None:  # English multi-paragraph quote: same record goes on
                    paras += 1
                    resume = cont + (2 if text.startswith(MULTI_CHAR_OPENERS, cont) else 1)
                    continue
                end = _rstrip_end(text, open_at + open_w, i)
                if end > open_at + open_w:
                    spans.append(QuotedSpan(open_at + open_w, end, open_at, None, paras))
                open_at, depth = None, 0
            continue
        ambiguous = ch in DOUBLE_AMBIG
        opener = ch in DOUBLE_OPEN
        closer = ch in DOUBLE_CLOSE
        j = i + w - 1  # last char of the mark, for the context tests
        if open_at is None:
            if opener or (ambiguous and not (_closes_here(text, i, j) and not _opens_here(text, i, j))):
                open_at, open_w, open_glyph, paras = i, w, ch, 1
            elif closer and _opens_here(text, i, j) and not _closes_here(text, i, j):
                open_at, open_w, open_glyph, paras = i, w, ch, 1  # ”Swedish-style” opener
        else:
            is_close = (
                closer or ambiguous
                or closes_pair(open_glyph, ch)
                or (opener and _closes_here(text, i, j) and not _opens_here(text, i, j))
            )
            if is_close and depth and closer:
                depth -= 1
                continue
            if is_close:
                if i > open_at + open_w:
                    spans.append(QuotedSpan(open_at + open_w, i, open_at, i, paras))
                open_at = None
            elif ch in NESTING and ch == open_glyph and glyphs.nests(i, ch):
                depth += 1
            else:  # a second opener: the first one was never closed
                end = _rstrip_end(text, open_at + open_w, i)
                if end > open_at + open_w and paras > 1:
                    spans.append(QuotedSpan(open_at + open_w, end, open_at, None, paras))
                open_at, open_w, open_glyph, paras = i, w, ch, 1
    if open_at is not None:
        end = _rstrip_end(text, open_at + open_w, glyphs.paragraph_end(open_at))
        if end > open_at + open_w:
            spans.append(QuotedSpan(open_at + open_w, end, open_at, None, paras))
    return spans


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters/digits (can’t, Russia’s) or eliding a year (’90s) is not a quote mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    return nxt.isdigit()


def find_single_quotes(text: str, outside: list[QuotedSpan]) -> list[QuotedSpan]:
    """Top-level ‘single-quoted’ spans (British style, headlines), outside every double-quoted span."""
    blocked = sorted((s.open_mark, s.close_at + 1) for s in outside)
    starts = [a for a, _ in blocked]

    def inside_double(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and i < blocked[k][1]

    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
            continue
        if ch not in SINGLE_OPEN and ch not in SINGLE_CLOSE and ch not in SINGLE_AMBIG:
            continue
        if inside_double(i) or _is_apostrophe(text, i) or text[i - 1:i] == "'" or text[i + 1:i + 2] == "'":
            continue
        if open_at is None:
            if (ch in SINGLE_OPEN or ch in SINGLE_AMBIG) and _opens_here(text, i):
                open_at = i
        elif (ch in SINGLE_CLOSE or ch in SINGLE_AMBIG) and _closes_here(text, i):
            if text[i - 1] == "s" and ch in SINGLE_CLOSE and i + 1 < len(text) and text[i + 1] == " " \
                    and i + 2 < len(text) and text[i + 2].islower():
                continue  # plural possessive (the countries’ leaders), not a closing mark
            if i > open_at + 1:
                spans.append(QuotedSpan(open_at + 1, i, open_at, i, 1, single=True))
            open_at = None
    return spans


def find_quotes(text: str) -> list[QuotedSpan]:
    """All top-level quoted spans of `text`, in text order."""
    doubles = find_double_quotes(text)
    singles = find_single_quotes(text, doubles)
    return sorted(doubles + singles, key=lambda s: s.start)
