"""Each rule of the ordered tables (cues.CUE_RULES, content.CONTENT_RULES) on a sentence it is for.

A record's `rule` reads "<pass> <- <cue rule>/<content rule>" (docs/rules.md); every rule in the tables
must have a case here, so a new rule comes with its own.
"""
from __future__ import annotations

import pytest

from quoteservice.extract.content import CONTENT_RULES
from quoteservice.extract.cues import CUE_RULES

HEAD = "Talks in Belarus\n\n"  # a headline first: the opening paragraph of an article holds no records

# (text, rule of the record, its text)
CASES = [
    ("According to the Pentagon, the troops have left the area near Kyiv.",
     "report <- according_to", "the troops have left the area near Kyiv"),
    ("In the latest Post-ABC poll, Clinton leads Trump by five points.",
     "report <- in_source", "Clinton leads Trump by five points"),
    ("Trump’s claim that the election was rigged drew wide criticism.",
     "report <- reporting_noun", "that the election was rigged"),
    ("Obama spoke about how the consulate had been taken over by militants.",
     "report <- topic_verb", "how the consulate had been taken over by militants"),
    ("Clinton kept pounding Trump as a “con artist” on Tuesday night.",
     "report <- quoted_object", "Trump as a “con artist” on Tuesday night"),
    ("Peskov said that the talks would resume on Monday.",
     "report <- speech_verb/clausal_complement", "that the talks would resume on Monday"),
    ("Three-quarters of the voters said the same of Sanders.",
     "report <- speech_verb/the_same", "the same of Sanders"),
    ("Obama told a meeting of leaders that few people understood the threat.",
     "report <- speech_verb/misread_complement", "that few people understood the threat"),
    ("Clinton is calling for the United States to step up its efforts.",
     "report <- speech_verb/for_clause", "the United States to step up its efforts"),
    ("Trump vowed to build a wall on the southern border.",
     "report <- speech_verb/to_complement", "to build a wall on the southern border"),
    ("It was what he called a “brazen breach” of the rules.",
     "report <- speech_verb/wh_object", "what he called a “brazen breach” of the rules"),
    ("Zelensky accused Moscow of shelling the city overnight.",
     "report <- speech_verb/object_complement", "Moscow of shelling the city overnight"),
    ("Peskov called the charges unsubstantiated and absurd.",
     "report <- speech_verb/object_predicate", "the charges unsubstantiated and absurd"),
    ("The plan, Kuleba argued, was doomed from the start.",
     "report <- speech_verb/parenthetical_frame", "The plan, Kuleba argued, was doomed from the start"),
    ("These employees, Stumpf explained earlier in the committee hearing, were “well-paid” and happy.",
     "report <- speech_verb/split_clause", None),
    ("The talks have stalled, as Reuters reported on Monday.",
     "report <- speech_verb/as_clause", "The talks have stalled"),
    ("Mr. Quiros was accused of using $50 million in investor money.",
     "report <- speech_verb/unnamed_passive", "Mr. Quiros was accused of using $50 million in investor money"),
    ("Clinton called Trump “disgusting” and worse.",
     "report <- speech_verb/quoted_object", None),
    ("Most voters believe that the economy is getting worse.",
     "report <- belief_verb/clausal_complement", "that the economy is getting worse"),
    ("Clinton plans to visit Charlotte on Sunday.", "report <- belief_verb/to_infinitive", "to visit Charlotte on Sunday"),
    ("The latest poll shows a tight race in Ohio.", "report <- belief_verb/finding_object", "a tight race in Ohio"),
    ("The American Federation of Teachers endorsed Hillary Clinton for president.",
     "report <- belief_verb/stance_object", None),
    ("“We will not stop,” Peskov said.", "quote_with_cue <- speech_verb/clausal_complement", "We will not stop"),
    ("“We will not stop,” he said. “We never will.”", "continuation", "We never will."),
    ("A reader wrote to us.\n\n“We will keep fighting for our land.” ― Sonya Herridge",
     "quote_with_cue <- dash_byline", "We will keep fighting for our land."),
]


@pytest.mark.parametrize(("text", "rule", "span"), CASES, ids=[c[1] for c in CASES])
def test_rule_makes_the_record(extractor, text: str, rule: str, span: str | None) -> None:
    records = [(q.rule, q.span.text) for q in extractor.extract(HEAD + text, beliefs=True).quotes]
    assert any(r == rule and (span is None or s == span) for r, s in records), records


def _covered(name: str) -> bool:
    return any(f"<- {name}" in rule or f"/{name}" in rule for _, rule, _ in CASES)


@pytest.mark.parametrize("name", [r.name for r in CUE_RULES] + [r.name for r in CONTENT_RULES if r.name != "closing_frame"])
def test_every_rule_in_the_tables_has_a_case(name: str) -> None:
    """closing_frame is for misparses the parser makes on real text; its case builds the parse below."""
    assert _covered(name), f"rule {name} has no case in CASES"


@pytest.mark.parametrize("text", [
    "He showed his passport at the border.",  # a finding needs a poll or study as its source
    "We believe that the economy is getting worse.",  # the writer's belief
    "Do voters believe that the economy is getting worse?",  # asked, not held
    "The data supports the view of the ministry.",  # a stance needs a named holder
])
def test_no_belief(extractor, text: str) -> None:
    assert not [q for q in extractor.extract(HEAD + text, beliefs=True).quotes if q.belief]


def test_closing_frame_reads_a_frame_the_parser_left_without_a_complement(nlp) -> None:
    """"C, S said." with "said" read as the root and C as an unattached clause (a misparse the real parser makes)."""
    from spacy.tokens import Doc

    from quoteservice.extract.content import match_content
    from quoteservice.extract.lexicon import load_lexicon

    words = ["The", "troops", "left", ",", "police", "said", "."]
    heads = [1, 2, 5, 5, 5, 5, 5]
    deps = ["det", "nsubj", "dep", "punct", "nsubj", "ROOT", "punct"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words],
              sent_starts=[True] + [False] * 6)
    span, rule = match_content(doc[5], load_lexicon())
    assert rule == "closing_frame" and doc.text[span[0]:span[1]] == "The troops left"


@pytest.mark.parametrize(("text", "span"), [
    # a clause that stopped at a colon or at ", but" goes on when no other cue follows
    ("Mr. McKinley notes that we're at a rare economic moment where three things are happening at once: Home "
     "values are rising nicely in many parts of the country, interest rates are low and lenders are a bit looser.",
     "that we're at a rare economic moment where three things are happening at once: Home values are rising nicely "
     "in many parts of the country, interest rates are low and lenders are a bit looser"),
    ("Gowdy said that claim smacked of hypocrisy, because Democrats had ignored the FBI for years.",
     "that claim smacked of hypocrisy, because Democrats had ignored the FBI for years"),
    # ... but not over another speaker's cue
    ("Gowdy said the claim was false; Democrats said it was true.", "the claim was false"),
    # an object's report runs on through what the parser hung on the verb, but not a time phrase
    ("The Republican National Committee cited Bill Clinton’s comments about the health care law on Tuesday.",
     "Bill Clinton’s comments about the health care law"),
])
def test_content_extent(extractor, text: str, span: str) -> None:
    assert span in [q.span.text for q in extractor.extract(HEAD + text).quotes]
