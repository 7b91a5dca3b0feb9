"""Quotation-mark pairing on raw text: every mark style, apostrophes, mismatches, multi-paragraph quotes."""
from __future__ import annotations

import pytest

from quoteservice.extract.quotemarks import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we will win" today.', ["we will win"]),
    ("He said “we will win” today.", ["we will win"]),
    ("Il a dit « nous gagnerons » hier.", [" nous gagnerons "]),
    ("Er sagte „wir gewinnen“ gestern.", ["wir gewinnen"]),
    ("''This isn't tax reform,'' said Mr. Holtz-Eakin.", ["This isn't tax reform,"]),
    # mismatched pair: opens curly, closes straight (seed 004)
    ('“It\'s very clear Minsk is now an extension of the Kremlin," an official said.',
     ["It's very clear Minsk is now an extension of the Kremlin,"]),
    # nested single quotes stay inside the outer quote
    ("“I often get these questions, ‘can’t we hurry it up?’ We can,” Putin said.",
     ["I often get these questions, ‘can’t we hurry it up?’ We can,"]),
    # nested double quotes of the same glyph, when the paragraph closes both
    ("“I’d rather live in what he calls “hell” than live in his world.” ― Adriana Rodarte",
     ["I’d rather live in what he calls “hell” than live in his world."]),
    ("“We won.” Then “we lost” came later.", ["We won.", "we lost"]),
    # apostrophes are not quotes
    ("Russia’s army can’t advance, as in the ’90s.", []),
    ("Kyiv's mayor didn't say it.", []),
    # top-level single quotes (headline style)
    ("Peace talks ‘to resume’ on Monday", ["to resume"]),
    # a transcript's ‘ left open to the end of its paragraph, a whole sentence; never a straight mark or a lowercase run
    ("I'm like, ‘Are you insane?\n\nI won't hire them.", ["Are you insane?"]),
    ("I'm like, 'Are you insane?\n\nNo.", []),
    ("He wrote ‘em a letter.\n\nNo.", []),
    # non-breaking spaces around the marks
    ("He said\xa0“we will\xa0win”\xa0today.", ["we will\xa0win"]),
])
def test_pairs(text, expected) -> None:
    assert quoted(text) == expected


def test_multi_paragraph_quote_is_one_record() -> None:
    text = ("The ministry tweeted an update, warning that:\n\n“Forces remain north of Kyiv.\n\n"
            "“Heavy fighting continues.\n\n“Logistical failures continue.”\n\nThe ministry also posted a map.")
    [q] = find_quotes(text)
    assert q.paragraphs == 3 and q.terminated
    assert text[q.start:q.end].startswith("Forces remain") and text[q.start:q.end].endswith("failures continue.")


@pytest.mark.parametrize("text", [
    '"', "“", "”", '""', "“”", '" " "', "“a", "a”", "‘", "''", "«", '"\n"', "“x\n\ny”z\n“",
])
def test_unbalanced_marks_never_raise(text) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_unterminated_quote_ends_at_paragraph() -> None:
    text = "He said “we will win the war\n\nNext paragraph here."
    [q] = find_quotes(text)
    assert not q.terminated and text[q.start:q.end] == "we will win the war"
