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
    # quoted words are read in the verb phrase that holds them, up to a comma or another cue
    ("At a rally, Trump likened the refugees to a “vicious snake” in a song about a snake.",
     [("mixed", "the refugees to a “vicious snake” in a song about a snake")]),
    ("Flynn says Trump 'absolutely right' in saying generals reduced to rubble.",
     [("mixed", "Trump 'absolutely right'"), ("indirect", "generals reduced to rubble")]),
    # a described source may report a noun object; a non-source, a denial, a forecast or background may not
    ("A group of doctors sent a letter, calling for his dismissal.", [("indirect", "his dismissal")]),
    ("The GOP nominee outlined his cybersecurity plan on Monday.", [("indirect", "his cybersecurity plan")]),
    ("The world condemned the attack on the city.", []),
    ("The Russian delegation did not announce an official position.", []),
    ("The Ukrainian delegation will likely demand an immediate cease fire.", []),
    ("The talks ended after the president's office called for an immediate cease-fire.", []),
    # a reason clause is the speaker's even when it holds a gerund cue ("questioning")
    ("Trey Gowdy said that claim smacked of hypocrisy, because Democrats have been at the forefront of questioning"
     " the FBI's decisions.",
     [("indirect", "that claim smacked of hypocrisy, because Democrats have been at the forefront of questioning"
       " the FBI's decisions")]),
])
def test_statements(extractor, text: str, expected: list[tuple[str, str]]) -> None:
    quotes = extractor.extract(HEAD + text).quotes
    assert [(q.type.value, q.span.text) for q in quotes] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # quoted words in any verb's object inside a report are the reporter's: one record, the outer speaker
    ("Sen. Debbie Stabenow said Schumer has “an uncanny way to be able to listen” to the various views.",
     [("mixed", "Schumer has “an uncanny way to be able to listen” to the various views", "Debbie Stabenow")]),
    ("Police say they have \"adequate resources\" to secure the city during the event.",
     [("mixed", "they have \"adequate resources\" to secure the city during the event", "Police")]),
    ("John Kerry said the United States would work with allies to take \"robust steps\" in response.",
     [("mixed", "the United States would work with allies to take \"robust steps\" in response", "John Kerry")]),
    # a verb of saying inside the report still owns its own quoted words
    ("Trump said Clinton called him a “puppet” on Monday.",
     [("mixed", "Clinton called him a “puppet” on Monday", "Trump"), ("mixed", "him a “puppet”", "Clinton")]),
    # outside any report, a verb's quoted object is its subject's words
    ("Clinton kept pounding Trump as a “con artist” on Tuesday night.",
     [("mixed", "Trump as a “con artist” on Tuesday night", "Clinton")]),
])
def test_quoted_object_in_a_report_is_the_reporters(extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    quotes = extractor.extract(HEAD + text).quotes
    assert [(q.type.value, q.span.text, q.speaker.name if q.speaker else None) for q in quotes] == expected


def test_quoted_saying_is_one_statement(extractor) -> None:
    text = HEAD + "He was also quoted saying that the peace negotiations would yield solutions in time of crisis."
    [q] = extractor.extract(text).quotes
    assert q.span.text.endswith("in time of crisis") and q.type.value == "indirect"


def test_source_document_by_a_person_credits_the_person(extractor) -> None:
    [q] = extractor.extract(HEAD + "The economy is growing, according to a speech by Mrs. Clinton on Monday.").quotes
    assert q.speaker is not None and q.speaker.name.endswith("Clinton") and q.mention.text.endswith("Clinton")


def test_transcript_in_quotation_marks_is_split_into_turns(extractor) -> None:
    text = (HEAD + "Chris Wallace spoke with Mike Pence on Sunday. Partial transcript as follows:\n\n"
            "\"WALLACE: Why would Trump even go down the road of bringing up Gennifer Flowers?\n\n"
            "\"PENCE: Well, the question really should be why Hillary Clinton invited a celebrity to the debate.\n\n"
            "\"WALLACE: So the answer is no, then?\"\n")
    speakers = [q.speaker.name for q in extractor.extract(text).quotes if q.speaker is not None]
    assert speakers == ["Chris Wallace", "Mike Pence", "Chris Wallace"]


def test_quote_right_after_a_report_joins_it(extractor) -> None:
    text = HEAD + "He became a Christian when he responded to the altar call at his church “to accept Christ as my Saviour.”"
    [q] = extractor.extract(text).quotes
    assert q.type.value == "mixed" and q.span.text.startswith("the altar call") and q.mention is not None


def test_a_subjectless_cue_misread_as_a_second_complement_is_not_the_content(extractor) -> None:
    text = (HEAD + "The news set off fireworks on Friday: Republicans said they're increasingly convinced the Justice"
            " Department mishandled the investigation and Democrats accused the GOP of stoking the issue for maximum"
            " political damage in the heat of the campaign.")
    [q, *_] = extractor.extract(text).quotes
    assert q.cue is not None and q.cue.text == "said"
    assert q.span.text.startswith("they're increasingly convinced the Justice Department mishandled")
