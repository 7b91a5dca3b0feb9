"""What counts as a statement: short quotes with a cue do, titles and names given do not (issue 13's misses)."""
from __future__ import annotations

import pytest

HEAD = "Talks in Belarus\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("“No,” she said.", [("direct", "No")]),
    ("“Hi,” Boris Johnson said.", [("direct", "Hi")]),
    ("“I would,” Melanie said to the TV.", [("direct", "I would")]),
    # a lone quoted term stays a scare quote
    ("The so-called “experts” were wrong.", []),
    # titles and names given are not anyone's words
    ("She wrote “On the Last Day of the Year” in 1894.", []),
    ("The project is called “Stardust at Home” by its staff.", []),
    # "according to" a plan attributes nothing
    ("Putin says Russia will act according to its plan.", [("indirect", "Russia will act according to its plan")]),
])
def test_statements(extractor, text: str, expected: list[tuple[str, str]]) -> None:
    quotes = extractor.extract(HEAD + text).quotes
    assert [(q.type.value, q.span.text) for q in quotes] == expected


def test_quoted_saying_is_one_statement(extractor) -> None:
    text = HEAD + "He was also quoted saying that the peace negotiations would yield solutions in time of crisis."
    [q] = extractor.extract(text).quotes
    assert q.span.text.endswith("in time of crisis") and q.type.value == "indirect"
