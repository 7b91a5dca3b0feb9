"""The learned speaker ranker (issue 27): its arithmetic, its shipped weights, and the speakers it picks in articles."""
from __future__ import annotations

import json
import math

import pytest

from quoteservice.extract import Method
from quoteservice.extract.article import Intervals
from quoteservice.extract.candidates import ENTITY, NOBODY, WRITTEN, Candidate, CandidateBuilder, entity_key
from quoteservice.extract.model import SpeakerKind
from quoteservice.extract.ranker import SpeakerRanker, shipped
from quoteservice.extract.speakers import SpeakerResolver


@pytest.mark.parametrize(("name", "kind", "key"), [
    ("Vladimir Putin", SpeakerKind.PERSON, "p:putin"),
    ("Putin’s", SpeakerKind.PERSON, "p:putin"),
    ("Donald Trump Jr.", SpeakerKind.PERSON, "p:trump"),
    ("The Kremlin", SpeakerKind.ORGANIZATION, "o:kremlin"),
    ("the Canadian Council for Refugees", SpeakerKind.ORGANIZATION, "o:canadian council for refugees"),
])
def test_entity_key(name, kind, key) -> None:
    assert entity_key(name, kind) == key


def test_choose_is_softmax_argmax_with_platt_scaling() -> None:
    ranker = SpeakerRanker({"step:sieve": 2.0, "prev": 1.0, "bias:pm:nobody": 0.5}, (2.0, -0.5))
    cands = [Candidate(ENTITY, "Anna Malar", SpeakerKind.PERSON, "p:malar", {"prev": 1.0}),
             Candidate(ENTITY, "Boris Petrov", SpeakerKind.PERSON, "p:petrov", {"step:sieve": 1.0}),
             Candidate(NOBODY, features={"bias:pm:nobody": 1.0})]
    choice = ranker.choose(cands)
    assert choice.candidate.name == "Boris Petrov"
    p = math.exp(2) / (math.exp(2) + math.exp(1) + math.exp(0.5))
    assert choice.probability == pytest.approx(1 / (1 + math.exp(-(2 * math.log(p / (1 - p)) - 0.5))))
    assert choice.method is Method.COREFERENCE  # step:sieve decided it


@pytest.mark.parametrize(("features", "type_", "method"), [
    ({"prev": 3.0}, ENTITY, Method.PREVIOUS_QUOTE),
    ({"head_near_name": 3.0}, ENTITY, Method.ROLE),
    ({"dist": 3.0}, ENTITY, Method.FALLBACK),
    ({"bias:desc:written": 3.0}, WRITTEN, Method.EXPLICIT),
    ({"bias:desc:nobody": 3.0}, NOBODY, Method.NONE),
])
def test_method_names_the_feature_group_that_decided(features, type_, method) -> None:
    cands = [Candidate(ENTITY, "Anna Malar", SpeakerKind.PERSON, "p:malar", {k: 1.0 for k in features}
                       if type_ == ENTITY else {}),
             Candidate(WRITTEN, "a spokeswoman", SpeakerKind.UNNAMED, "", {"bias:desc:written": 1.0}),
             Candidate(NOBODY, features={"bias:desc:nobody": 1.0})]
    choice = SpeakerRanker(features).choose(cands)
    assert choice.candidate.type == type_ and choice.method is method


def test_shipped_model_is_trained_and_calibrated() -> None:
    from importlib import resources

    raw = json.loads((resources.files("quoteservice") / "data" / "speaker_model.json").read_text(encoding="utf-8"))
    assert raw["trained_on"] and raw["decisions"] > 100
    assert len(shipped().weights) > 20
    assert 0 < raw["calibration"]["a"]


@pytest.mark.parametrize(("text", "quote_start", "speaker"), [
    # a pronoun after an exchange: the person the sentence before names, not the last speaker
    ("“We will not give up,” said Anna Malar, the mayor.\n\nBoris Petrov, the city's treasurer, disagrees. "
     "He said the budget could not pay for it.", "the budget could not pay", "Boris Petrov"),
    # a continuation paragraph is the previous quotation's speaker
    ("“The talks are over,” Dmitry Peskov told reporters on Monday.\n\n“There is nothing more to discuss.”",
     "There is nothing more", "Dmitry Peskov"),
    # a description with the name in apposition
    ("The party's leader, Michelle Rempel, spoke in Calgary. "
     "“We will vote against the bill,” the leader said.", "We will vote against", "Michelle Rempel"),
])
def test_ranked_speakers_in_articles(extractor, text, quote_start, speaker) -> None:
    hits = [q for q in extractor.extract(text).quotes if q.span.text.startswith(quote_start)]
    assert hits, f"no quote starting {quote_start!r}"
    assert hits[0].speaker is not None and hits[0].speaker.name == speaker
    assert 0.0 < hits[0].confidence <= 1.0


@pytest.mark.parametrize("text", [
    "They said the plan would not work.",
    "“It is over,” she said.",
])
def test_a_pronoun_nobody_named_is_no_speaker(extractor, text) -> None:
    [q] = extractor.extract(text).quotes
    assert q.speaker is None and q.method is Method.NONE
    assert q.mention is not None  # the pronoun stays visible as the mention


@pytest.mark.parametrize(("text", "linked"), [
    ("Economist Philip Cross wrote in a recent report that spending fell. Costs rose, the report said.", ["cross"]),
    ("A report by the Parliamentary Budget Officer was released. The report said costs rose.",
     ["officer"]),
    ("The report said costs rose.", []),
])
def test_documents_tie_to_who_issued_or_spoke_through_them(nlp, text, linked) -> None:
    """Entity keys (their last word: the tagger may read Philip Cross as an organisation) tied to earlier documents."""
    doc = nlp(text)
    resolver = SpeakerResolver(doc)
    builder = CandidateBuilder(doc, resolver.entities.mentions, [0], Intervals([]))
    assert [key.split(":")[-1].split()[-1] for key in builder._linked_before(len(text))] == linked
