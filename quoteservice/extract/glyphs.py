"""The quotation glyphs (data/quote_glyphs.tsv) and every set and pattern derived from them.

Adding a quotation style is one row of the table: quote pairing, label trimming, sentence-final tests
and spaCy's `Token.is_quote` all read the sets built here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Style:
    """One row of the table: a pair of quotation glyphs."""

    opener: str
    closer: str
    double: bool
    nests: bool
    name: str


def _load() -> tuple[Style, ...]:
    rows = []
    path = resources.files("quoteservice") / "data" / "quote_glyphs.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            opener, closer, family, nests, name = line.split("\t")
            rows.append(Style(opener, closer, family == "double", nests == "yes", name))
    return tuple(rows)


STYLES = _load()


def _family(double: bool) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(openers, closers, ambiguous) of one family: a glyph that opens some style is an opener, one that
    only closes is a closer, one that is both opener and closer of one style is ambiguous."""
    rows = [s for s in STYLES if s.double == double]
    ambiguous = frozenset(s.opener for s in rows if s.opener == s.closer)
    openers = frozenset(s.opener for s in rows) - ambiguous
    closers = frozenset(s.closer for s in rows) - openers - ambiguous
    return openers, closers, ambiguous


DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_AMBIG = _family(True)
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_AMBIG = _family(False)
NESTING = frozenset(s.opener for s in STYLES if s.nests)
_PAIRS = frozenset((s.opener, s.closer) for s in STYLES)

ALL_GLYPHS = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_AMBIG | SINGLE_OPEN | SINGLE_CLOSE | SINGLE_AMBIG
OPENERS = DOUBLE_OPEN | SINGLE_OPEN
CLOSERS = DOUBLE_CLOSE | SINGLE_CLOSE
AMBIGUOUS = DOUBLE_AMBIG | SINGLE_AMBIG
# single characters, for tests on one character of the text
MARK_CHARS = frozenset(ch for g in ALL_GLYPHS for ch in g)
OPEN_CHARS = frozenset(g for g in OPENERS | AMBIGUOUS if len(g) == 1)
CLOSE_CHARS = frozenset(g for g in CLOSERS | AMBIGUOUS if len(g) == 1)

# double marks (longest first, so '' wins over ') and newlines, the events of double-quote pairing
DOUBLE_MARK = re.compile("|".join(re.escape(g) for g in sorted(DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_AMBIG,
                                                              key=lambda g: (-len(g), g))) + r"|\n")
MULTI_CHAR_OPENERS = tuple(sorted(g for g in DOUBLE_OPEN | DOUBLE_AMBIG if len(g) > 1))


def closes_pair(opener: str, glyph: str) -> bool:
    """Whether `glyph` closes a quote opened by `opener` in some style (German „…“, where “ is an opener too)."""
    return (opener, glyph) in _PAIRS


def may_open(text: str) -> bool:
    """Whether a token's text is a glyph that can open a quote (an opener or an ambiguous mark)."""
    return text in OPENERS or text in AMBIGUOUS
