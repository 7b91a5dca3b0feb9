"""The article's named mentions and their agreement features (quoteservice/extract/entities.py)."""
from __future__ import annotations

import pytest

from quoteservice.extract.entities import ArticleEntities, compatible, given_name_gender, pronoun_feature
from quoteservice.extract.mentions import person_names
from quoteservice.extract.model import SpeakerKind


@pytest.mark.parametrize(("word", "gender"), [
    ("Hillary", "f"), ("Donald", "m"), ("Volodymyr", "m"), ("Iryna", "f"), ("Mykhailo", "m"), ("Zzyx", ""),
])
def test_given_name_gender_comes_from_the_gender_table(word, gender) -> None:
    assert given_name_gender(word) == gender


@pytest.mark.parametrize(("pronoun", "kind", "gender", "ok"), [
    ("he", SpeakerKind.PERSON, "m", True), ("he", SpeakerKind.PERSON, "f", False), ("he", SpeakerKind.PERSON, "", True),
    ("she", SpeakerKind.PERSON, "m", False), ("he", SpeakerKind.ORGANIZATION, "", False),
    ("it", SpeakerKind.ORGANIZATION, "", True), ("it", SpeakerKind.PERSON, "m", False),
    ("they", SpeakerKind.ORGANIZATION, "", True), ("they", SpeakerKind.UNNAMED, "", True),
])
def test_agreement(pronoun, kind, gender, ok) -> None:
    assert compatible(pronoun_feature(pronoun), kind, gender) is ok


@pytest.mark.parametrize(("text", "name", "gender"), [
    ("Mr. Harrison Ford said so. Later Ford left.", "Ford", "m"),  # a bare surname inherits the full name's gender
    ("Mrs. Lee said so.", "Lee", "f"),  # a courtesy title states it
    ("Anna Malar spoke in Vienna.", "Anna Malar", "f"),
    ("Lee said so.", "Lee", ""),
    # the article's own pronouns outweigh the name table ("Darian" is a man's name there)
    ("Darian Lonechild is new to advocacy work, but has already proven herself. She studies law.", "Lonechild", "f"),
    ("Jordan Smith met the board. She said her plan would work.", "Jordan Smith", "f"),
    # a sentence that names two people tells nothing; a title still wins
    ("Michael Smith met Hillary Clinton in Ottawa, and she said her plan would work.", "Michael Smith", "m"),
    ("Ms. Jordan Smith spoke. He left the room.", "Jordan Smith", "f"),
])
def test_person_gender_in_the_article(nlp, text, name, gender) -> None:
    doc = nlp(text)
    assert ArticleEntities(doc, person_names(doc)).gender(name) == gender


def test_surnames_ner_missed_are_still_mentions(nlp) -> None:
    text = "Lord Byron wrote poems. Byron returned in 1804. Byron left. Byron stayed."
    doc = nlp(text)
    names = [m.name for m in ArticleEntities(doc, person_names(doc)).mentions if m.kind is SpeakerKind.PERSON]
    assert names.count("Byron") >= 3
