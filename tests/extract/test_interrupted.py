"""join_interrupted: one record for a quotation its attribution interrupts (PolNeAR's convention), only then."""
from __future__ import annotations

import pytest

from quoteservice.extract import QuoteType
from quoteservice.extract.interrupted import join_interrupted

HEAD = "Talks resume\n\n"


@pytest.mark.parametrize(("text", "expected"), [
    # the frame between the two parts holds the first part's cue: one mixed record from A to B
    ("“That's Mexico's vulnerability,” said Luis Rubio, who heads a research center in Mexico City. "
     "“There is nothing more important than Nafta.”",
     [("That's Mexico's vulnerability,” said Luis Rubio, who heads a research center in Mexico City. "
       "“There is nothing more important than Nafta.", QuoteType.MIXED)]),
    ("“We will not give up,” Podolyak said. “We will never do it.”",
     [("We will not give up,” Podolyak said. “We will never do it.", QuoteType.MIXED)]),
    # a new paragraph starts a new record
    ("“We will not give up,” Podolyak said.\n\n“We will never do it.”",
     [("We will not give up", QuoteType.DIRECT), ("We will never do it.", QuoteType.DIRECT)]),
    # the second part has a cue of its own: two records
    ("“We will not give up,” Podolyak said. “You will,” Peskov replied.",
     [("We will not give up", QuoteType.DIRECT), ("You will", QuoteType.DIRECT)]),
    # the cue comes after both parts: nothing interrupts them
    ("“We will not give up.” “We will never do it.” Podolyak said this on Monday.",
     None),
])
def test_join_interrupted(extractor, text, expected) -> None:
    text = HEAD + text
    plain = extractor.extract(text)
    joined = join_interrupted(plain, text)
    got = [(text[q.span.start:q.span.end], q.type) for q in joined.quotes]
    if expected is None:
        assert got == [(text[q.span.start:q.span.end], q.type) for q in plain.quotes]
        return
    assert got == expected
    if len(expected) == 1:
        assert joined.quotes[0].rule.endswith("+interrupted")
        assert joined.quotes[0].speaker == plain.quotes[0].speaker
        assert len(plain.quotes) == 2  # the default keeps a record per quotation
