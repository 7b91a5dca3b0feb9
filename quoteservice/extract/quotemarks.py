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


class _DoublePairer:
    """The state of double-quote pairing over one text: the open quote (if any) and the spans found so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.glyphs = _Glyphs(text)
        self.spans: list[QuotedSpan] = []
        self.open_at: int | None = None  # index of the current opening mark
        self.open_w = 1  # its width in characters
        self.open_glyph = ""
        self.paras = 1
        self.resume = 0  # skip marks before this index (a continuation opener already consumed)
        self.depth = 0  # same-glyph quotes nested inside the open one ("… what he calls “hell” than …”)

    def _open(self, i: int, glyph: str) -> None:
        self.open_at, self.open_w, self.open_glyph, self.paras, self.depth = i, len(glyph), glyph, 1, 0

    def _unterminated(self, until: int, *, keep: bool = True) -> None:
        """End the open quote without a closing mark at `until` (its paragraph's end or the next opener)."""
        assert self.open_at is not None
        content = self.open_at + self.open_w
        end = _rstrip_end(self.text, content, until)
        if end > content and keep:
            self.spans.append(QuotedSpan(content, end, self.open_at, None, self.paras))
        self.open_at, self.depth = None, 0

    def newline(self, i: int) -> None:
        """A paragraph ends: the open quote goes on if the next paragraph re-opens it, else it ends here."""
        if self.open_at is None:
            return
        cont = _next_paragraph_opener(self.text, i)
        if cont is not None:  # English multi-paragraph quote: same record goes on
            self.paras += 1
            self.resume = cont + (2 if self.text.startswith(MULTI_CHAR_OPENERS, cont) else 1)
        else:
            self._unterminated(i)

    def mark_outside(self, i: int, j: int, glyph: str) -> None:
        """A mark while no quote is open: an opener, an ambiguous mark that does not close, or a ”Swedish” opener."""
        text = self.text
        if glyph in DOUBLE_OPEN or (glyph in DOUBLE_AMBIG and not (_closes_here(text, i, j) and not _opens_here(text, i, j))):
            self._open(i, glyph)
        elif glyph in DOUBLE_CLOSE and _opens_here(text, i, j) and not _closes_here(text, i, j):
            self._open(i, glyph)  # ”Swedish-style” opener

    def mark_inside(self, i: int, j: int, glyph: str) -> None:
        """A mark while a quote is open: it closes it, nests a same-glyph quote, or re-opens (the first never closed)."""
        assert self.open_at is not None
        text, closer = self.text, glyph in DOUBLE_CLOSE
        is_close = closer or glyph in DOUBLE_AMBIG or closes_pair(self.open_glyph, glyph) \
            or (glyph in DOUBLE_OPEN and _closes_here(text, i, j) and not _opens_here(text, i, j))
        if is_close and self.depth and closer:
            self.depth -= 1
        elif is_close:
            if i > self.open_at + self.open_w:
                self.spans.append(QuotedSpan(self.open_at + self.open_w, i, self.open_at, i, self.paras))
            self.open_at = None
        elif glyph in NESTING and glyph == self.open_glyph and self.glyphs.nests(i, glyph):
            self.depth += 1
        else:  # a second opener: the first one was never closed (kept only when it ran over paragraphs)
            self._unterminated(i, keep=self.paras > 1)
            self._open(i, glyph)

    def finish(self) -> list[QuotedSpan]:
        if self.open_at is not None:
            self._unterminated(self.glyphs.paragraph_end(self.open_at))
        return self.spans


def find_double_quotes(text: str) -> list[QuotedSpan]:
    """Pair double quotation marks into quoted spans, paragraph-aware."""
    pairer = _DoublePairer(text)
    for m in DOUBLE_MARK.finditer(text):
        i, glyph = m.start(), m.group()
        if i < pairer.resume:
            continue
        if glyph == "\n":
            pairer.newline(i)
        elif pairer.open_at is None:
            pairer.mark_outside(i, i + len(glyph) - 1, glyph)
        else:
            pairer.mark_inside(i, i + len(glyph) - 1, glyph)
    return pairer.finish()


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
            if open_at is not None and (unclosed := _unclosed_single(text, open_at, i)) is not None:
                spans.append(unclosed)
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
    if open_at is not None and (unclosed := _unclosed_single(text, open_at, len(text))) is not None:
        spans.append(unclosed)
    return spans


def _unclosed_single(text: str, open_at: int, line_end: int) -> QuotedSpan | None:
    """A ‘ that opens a sentence and runs to the end of its paragraph with no closing mark, as transcripts of
    speech leave it ("I'm like, ‘Are you insane?"); only the unambiguous opener, never a straight mark."""
    end = _rstrip_end(text, open_at + 1, line_end)
    if text[open_at] not in SINGLE_OPEN or text[open_at] in SINGLE_AMBIG or end <= open_at + 1 \
            or text[end - 1] not in ".?!…" or not text[open_at + 1].isupper():
        return None
    return QuotedSpan(open_at + 1, end, open_at, None, 1, single=True)


def find_quotes(text: str) -> list[QuotedSpan]:
    """All top-level quoted spans of `text`, in text order."""
    doubles = find_double_quotes(text)
    singles = find_single_quotes(text, doubles)
    return sorted(doubles + singles, key=lambda s: s.start)
