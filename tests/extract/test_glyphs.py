"""The glyph table: every style in data/quote_glyphs.tsv pairs, and every derived set agrees with it."""
from __future__ import annotations

import pytest

from quoteservice.extract import glyphs
from quoteservice.extract.quotemarks import find_quotes


@pytest.mark.parametrize("style", glyphs.STYLES, ids=lambda s: s.name)
def test_every_style_pairs(style: glyphs.Style) -> None:
    text = f"The minister said {style.opener}we will win the vote{style.closer} on Monday."
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["we will win the vote"]


@pytest.mark.parametrize("style", [s for s in glyphs.STYLES if s.double], ids=lambda s: s.name)
def test_every_double_style_runs_over_paragraphs(style: glyphs.Style) -> None:
    text = f"He said: {style.opener}First paragraph of it.\n\n{style.opener}Second one.{style.closer} Then more."
    (q,) = find_quotes(text)
    assert q.paragraphs == 2 and text[q.start:q.end].endswith("Second one.")


def test_derived_sets_partition_the_table() -> None:
    every = {g for s in glyphs.STYLES for g in (s.opener, s.closer)}
    assert every == glyphs.ALL_GLYPHS
    sets = [glyphs.DOUBLE_OPEN, glyphs.DOUBLE_CLOSE, glyphs.DOUBLE_AMBIG, glyphs.SINGLE_OPEN, glyphs.SINGLE_CLOSE,
            glyphs.SINGLE_AMBIG]
    assert sum(len(s) for s in sets) == len(every)  # no glyph in two roles
    assert glyphs.closes_pair("„", "“") and not glyphs.closes_pair("“", "„")


@pytest.mark.parametrize("glyph", sorted(glyphs.ALL_GLYPHS))
def test_spacy_sees_every_glyph_as_a_quote(nlp, glyph: str) -> None:
    assert nlp.vocab[glyph].is_quote


@pytest.mark.parametrize(("opener", "closer"), [("“", "”"), ("«", "»"), ("„", "”")])
def test_nesting_styles_nest(opener: str, closer: str) -> None:
    text = f"{opener}I would rather live in what he calls {opener}hell{closer} than in his world.{closer} he said."
    assert [text[q.start:q.end] for q in find_quotes(text)] == \
        [f"I would rather live in what he calls {opener}hell{closer} than in his world."]
