"""No input text can crash or hang the extractor (property-based)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quoteservice.adversarial import FAMILIES
from quoteservice.extract.parsing import PIECE_CHARS, pieces
from quoteservice.extract.quotemarks import find_quotes

MARKS = "\"'“”‘’«»„‹›`\n \xa0.,:;—"
texty = st.text(alphabet=st.sampled_from(list(MARKS) + list("abc XYZ said Peskov")), max_size=300)


@given(texty)
@settings(max_examples=400, deadline=None)
def test_quote_marks_total(text) -> None:
    for q in find_quotes(text):
        assert 0 <= q.open_mark < q.start <= q.end <= len(text)


@given(st.one_of(texty, st.text(max_size=200)))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extractor_total(extractor, text) -> None:
    result = extractor.extract(text)
    for q in result.quotes:
        assert 0 <= q.span.start <= q.span.end <= len(text)
        if q.mention is not None:
            assert text[q.mention.start:q.mention.end] == q.mention.text


def test_large_and_degenerate_inputs(extractor) -> None:
    for text in ["", "“" * 3000, "\"" * 3001, "a" * 100_000, "“x” said " * 500, "\n" * 10_000, "\x00\x01\ufffd" * 100]:
        extractor.extract(text)


def _check(text: str, result) -> None:  # type: ignore[no-untyped-def]
    for q in result.quotes:
        assert 0 <= q.span.start <= q.span.end <= len(text)
        assert q.span.text == text[q.span.start:q.span.end]
        if q.mention is not None:
            assert text[q.mention.start:q.mention.end] == q.mention.text


@given(st.sampled_from(sorted(FAMILIES)), st.integers(min_value=1, max_value=3_000))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_adversarial_families_never_raise(extractor, family, size) -> None:
    text = FAMILIES[family](size)
    assert len(text) == size
    _check(text, extractor.extract(text))


non_space = st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs"))


@given(st.text(alphabet=non_space, min_size=150, max_size=1_500), st.text(max_size=60))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_long_runs_without_spaces_never_raise(extractor, run, tail) -> None:
    text = run + " " + tail + " “Hello there my good friends,” he said."
    _check(text, extractor.extract(text))


@pytest.mark.parametrize("text", [
    "x" * 200 + "“Hello there my good friends.”",  # parse_text breaks the run next to the quote
    "“‘" * 2_000,
    "he said that " * 300,
    "“" + "(" * 500 + "Peskov said" + ")" * 500 + "”",
])
def test_inputs_that_once_crashed_or_stalled(extractor, text) -> None:
    _check(text, extractor.extract(text))


def test_pieces_concatenate_back_and_end_at_paragraphs() -> None:
    text = ("Peskov said the talks would go on.\n\n" * 600) + "x" * 30_000
    parts = pieces(text, size=2_000)
    assert "".join(parts) == text
    assert all(len(p) <= 2_000 for p in parts)
    paragraph_parts = [p for p in parts if not p.startswith("x")]
    assert all(p.endswith("\n\n") for p in paragraph_parts[:-1])


def test_parse_in_pieces_gives_the_same_records(extractor) -> None:
    text = "\n\n".join(f"“We will meet on day {i},” Peskov told reporters. He added that the talks went well."
                       for i in range(300))
    whole = extractor.from_doc(extractor.nlp(text), text)
    pieced = extractor.extract(text)  # parsed in pieces of PIECE_CHARS
    assert len(text) > 2 * PIECE_CHARS
    assert [(q.span.start, q.span.end, q.type, q.speaker) for q in pieced.quotes] == \
        [(q.span.start, q.span.end, q.type, q.speaker) for q in whole.quotes]
