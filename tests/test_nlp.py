"""The shared pipeline's own components (quoteservice/nlp.py)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc


@pytest.mark.parametrize(("text", "dropped"), [
    # each is tagged ORG by the bare pipeline
    ('"I\'m sure in a couple of days when I look back on it, I will have a little smile," said the rookie '
     "defenceman, younger brother of Seth Jones of the Columbus Blue Jackets.", "defenceman"),
    ("Officials at the justice department said the case was closed.", "department"),
])
def test_no_entity_without_a_capital(nlp, text: str, dropped: str) -> None:
    doc = nlp(text)
    assert all(any(ch.isupper() for ch in e.text) for e in doc.ents if e.label_ in ("PERSON", "ORG"))
    assert not any(dropped in e.text for e in doc.ents)


def test_the_component_drops_only_uncased_entities(nlp) -> None:
    from quoteservice.nlp import uncased_entities

    doc = Doc(nlp.vocab, words=["the", "rookie", "defenceman", "met", "Seth", "Jones", "last", "year"])
    doc.ents = [doc.char_span(0, 21, label="ORG"), doc.char_span(26, 36, label="PERSON"),
                doc.char_span(37, 46, label="DATE")]
    assert [(e.text, e.label_) for e in uncased_entities(doc).ents] == [("Seth Jones", "PERSON"), ("last year", "DATE")]
