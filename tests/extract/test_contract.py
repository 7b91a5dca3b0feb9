"""The speaker contract (issue 27): null, a named speaker with an id, or an unnamed source with its id; never junk."""
from __future__ import annotations

import json
import re

import pytest

from conftest import SEEDS
from quoteservice.extract.contract import clean, nobody, one_speaker
from quoteservice.extract.model import Method, Quote, QuoteType, Span, Speaker, SpeakerKind
from quoteservice.output import DocumentOutcome, to_dict
from quoteservice.v1 import quote_service_pb2 as pb


@pytest.mark.parametrize(("text", "expected"), [
    ("an unnamed U.S. official\n\n", "an unnamed U.S. official"),
    ("The governor\u00a0", "The governor"),
    ("Chuck Schumer‘s", "Chuck Schumer"),
    ("Donald Trump’s", "Donald Trump"),
    ("the Democratic presidential candidate’s", "the Democratic presidential candidate"),
    ('">Sanders', "Sanders"),
    ("the Kelowna Rockets'", "the Kelowna Rockets"),
    ("“Dmitry  Peskov”", "Dmitry Peskov"),
    ("Joseph R. Biden Jr.", "Joseph R. Biden Jr."),
    ("Lauri Nelson-Jones", "Lauri Nelson-Jones"),
])
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("they", True), ("She", True), ("which", True), ("someone", True), ("each", True), ("'s", True), ("", True),
    ("and two belt loops", True), ("Story continues below advertisement", True), ("Advertisement", True),
    ("WHO", False), ("a senior official", False), ("Anna Malar", False), ("Andrew Weaver", False),
])
def test_nobody(text: str, expected: bool) -> None:
    assert nobody(text) is expected


def _record(start: int, end: int, speaker: str | None, method: Method = Method.EXPLICIT) -> Quote:
    who = Speaker(speaker, speaker, SpeakerKind.PERSON) if speaker else None
    return Quote(Span(start, end, "x" * (end - start)), QuoteType.INDIRECT, who, Span(0, 1, "x"), None, 0.5, method)


@pytest.mark.parametrize(("records", "expected"), [
    # a nested record (at least half the outer one) is the outer statement's content: the outer speaker wins
    ([(2408, 2618, "per:putin", Method.COREFERENCE), (2499, 2618, "org:kremlin", Method.FALLBACK)],
     ["per:putin", "per:putin"]),
    # the outer record wins even when its speaker is nobody ("some note that … he says …")
    ([(0, 128, None, Method.NONE), (29, 128, "per:ellis", Method.FALLBACK)], [None, None]),
    # equal length: the most directly found speaker
    ([(0, 60, "per:a", Method.FALLBACK), (10, 70, "per:b", Method.EXPLICIT)], ["per:b", "per:b"]),
    # less than half of the longer one shared: two statements, two speakers
    ([(0, 100, "per:a", Method.EXPLICIT), (60, 100, "per:b", Method.EXPLICIT)], ["per:a", "per:b"]),
    ([(0, 10, "per:a", Method.EXPLICIT), (20, 30, "per:b", Method.EXPLICIT)], ["per:a", "per:b"]),
])
def test_one_statement_one_speaker(records, expected) -> None:
    quotes = [_record(*r) for r in records]
    one_speaker(quotes)
    assert [q.speaker.id if q.speaker else None for q in quotes] == expected


def _speaker(engine, text: str, quote_start: str) -> tuple[dict | None, dict | None]:
    resp = engine.extract(pb.Document(id="t", text=text))
    for q in to_dict(DocumentOutcome("t", response=resp))["quotes"]:
        if q["text"].startswith(quote_start):
            return q["speaker"], q["speaker_mention"]
    raise AssertionError(f"no record starting {quote_start!r}: {[q.text for q in resp.quotes]}")


@pytest.mark.parametrize(("text", "quote_start", "expected"), [
    # nobody: the speaker is null, the mention stays
    ("Someone said that the vote was rigged.", "that the vote", None),
    ("They said her injuries were not life-threatening.", "her injuries", None),
    ("“We will win,” she said.", "We will win", None),
    # a name without an id: a place speaks for its government
    ("Kyiv insists the Russian offensive was unprovoked.", "the Russian", ("org:kyiv", "Kyiv", "ORGANIZATION")),
    ("The U.S. alleges Meng deceived financial institutions.", "Meng", ("org:us", "U.S.", "ORGANIZATION")),
    # names whole, with an id
    ("“We will win,” said Lauri Nelson-Jones, a local organiser.", "We will win",
     ("per:nelson-ianes.lavri", "Lauri Nelson-Jones", "PERSON")),
    ("Mohamed El-Hassan Mohamed said the talks would resume on Monday.", "the talks",
     ("per:magamed.mogamed", "Mohamed El-Hassan Mohamed", "PERSON")),
    ("“We shall overcome,” Martin Luther King Jr. said.", "We shall", ("per:king.martin", "Martin Luther King Jr.", "PERSON")),
    ("“The bill is dead,” said John Smith III.", "The bill", ("per:smitg.iogn", "John Smith III", "PERSON")),
    ("“The markets are nervous,” said Jingyi Pan of IG.", "The markets", ("per:pan.ingi", "Jingyi Pan", "PERSON")),
    ("“They pay us well,” Mr. King said. Charlie King, a New York Democrat, said the race was tight.", "They pay",
     ("per:king.charle", "Charlie King", "PERSON")),
    # possessives and layout whitespace gone; "Trump‘s" is no second Trump
    ("Donald Trump‘s campaign said it would appeal. “We will appeal,” Trump said.", "We will appeal",
     ("per:trump.donald", "Donald Trump", "PERSON")),
    ("“She knows nothing,” The governor\u00a0added.", "She knows", ("unnamed:1", "The governor", "UNNAMED")),
    ("Talks ended on Monday.\n\n“It is very clear,” said an unnamed U.S. official\n\nThe talks ended.", "It is very",
     ("unnamed:1", "an unnamed U.S. official", "UNNAMED")),
    # documents speak for their issuer
    ("A release from UFCW Local 832 said the workers would strike on Friday.", "the workers",
     ("org:ufcw-local-832", "UFCW Local 832", "ORGANIZATION")),
    ("The Kelowna Rockets' lawsuit claims that the league broke its contract.", "that the league",
     ("org:kelowna-rockets", "Kelowna Rockets", "ORGANIZATION")),
    ("Jobs are scarce, according to a study which is being released Monday by Civic Action.", "Jobs are",
     ("org:civic-action", "Civic Action", "ORGANIZATION")),
    ("“Prices will rise,” the report said.", "Prices", ("unnamed:1", "the report", "UNNAMED")),
    # descriptions whole: an age before the noun, adjectives in a row
    ("The 26-year-old right wing said his new teammates were fast.", "his new", ("unnamed:1", "The 26-year-old right wing", "UNNAMED")),
    ("“Nobody makes money here,” the lanky, bespectacled professor said.", "Nobody",
     ("unnamed:1", "the lanky, bespectacled professor", "UNNAMED")),
])
def test_speaker_contract(engine, text: str, quote_start: str, expected: tuple[str, str, str] | None) -> None:
    speaker, mention = _speaker(engine, text, quote_start)
    if expected is None:
        assert speaker is None and mention is not None and mention["text"]
    else:
        assert speaker is not None and (speaker["id"], speaker["name"], speaker["kind"][len("SPEAKER_KIND_"):]) == expected


def test_a_document_keeps_its_mention(engine) -> None:
    speaker, mention = _speaker(engine, "A release from UFCW Local 832 said the workers would strike.", "the workers")
    assert speaker is not None and speaker["name"] == "UFCW Local 832"
    assert mention is not None and mention["text"] == "A release from UFCW Local 832"


def test_unattributed_report_has_a_null_speaker(engine) -> None:
    text = "Talks were held in Minsk. The Russian delegation is said to have already left Minsk."
    resp = engine.extract(pb.Document(id="t", text=text))
    [record] = to_dict(DocumentOutcome("t", response=resp))["quotes"]
    assert record["speaker"] is None and record["speaker_mention"] is None
    assert json.dumps(record).count("SPEAKER_KIND_UNKNOWN") == 0


def test_page_furniture_is_no_quote(engine) -> None:
    text = "Story continues below advertisement\n\n“We will win,” said Anna Malar.\n\n“Advertisement”\n"
    resp = engine.extract(pb.Document(id="t", text=text))
    assert [q.text for q in resp.quotes] == ["We will win"]


_PRONOUN = re.compile(r"(?i)^(i|me|we|us|you|he|him|his|she|her|it|its|they|them|their|who|which|that)$")


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_seed_speakers_obey_the_contract(seed_responses, seed: str) -> None:
    resp = seed_responses[seed]
    for q in resp.quotes:
        if not q.HasField("speaker"):
            continue
        sp = q.speaker
        assert sp.id and sp.name and sp.name == clean(sp.name) and not _PRONOUN.match(sp.name), (q.text, sp)
        assert (sp.kind == pb.SPEAKER_KIND_UNNAMED) == sp.id.startswith("unnamed:")
    spans = sorted(resp.quotes, key=lambda q: (q.start, -q.end))
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            shared = min(a.end, b.end) - max(a.start, b.start)
            if shared > 0 and shared >= 0.5 * max(a.end - a.start, b.end - b.start):
                assert a.speaker.id == b.speaker.id, (a.text, b.text)
