"""No input text can crash or hang the extractor (property-based)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
