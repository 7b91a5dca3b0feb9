"""Layout-made attributions (quoteservice/extract/labels.py): transcripts, labelled headlines, block quotes."""
from __future__ import annotations

import pytest


def records(extractor, text: str) -> list[tuple[str, str, str]]:
    return [(text[q.span.start:q.span.end], q.type.value, q.speaker.name if q.speaker else "")
            for q in extractor.extract(text).quotes]


TRANSCRIPT = (
    "Republican vice-presidential nominee Mike Pence spoke to Fox News host Chris Wallace on Sunday.\n\n"
    "Partial transcript as follows:\n\n"
    "WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
    "PENCE: Gennifer Flowers will not be attending the debate tomorrow night.\n"
)


def test_transcript_lines_are_attributed_to_their_labels(extractor) -> None:
    got = records(extractor, TRANSCRIPT)
    assert ("Will Gennifer Flowers be at the debate tomorrow night?", "direct", "Chris Wallace") in got
    assert ("Gennifer Flowers will not be attending the debate tomorrow night.", "direct", "Mike Pence") in got


def test_headline_led_by_a_speaker_name(extractor) -> None:
    text = ("Pat Caddell: Democrat Voters Worried About Clinton’s Health\n\n"
            "Longtime Democratic pollster Pat Caddell spoke to Breitbart News on Thursday about the race.\n")
    got = records(extractor, text)
    assert ("Democrat Voters Worried About Clinton’s Health", "indirect", "Pat Caddell") in got


@pytest.mark.parametrize(("text", "record"), [
    # a document as the source, as "according to the poll" is
    ("Poll: Clinton and Trump in dead heat heading into first debate\n\nThe race is tied, a new survey shows.\n",
     ("Clinton and Trump in dead heat heading into first debate", "indirect", "Poll")),
    # a whole quotation after a label that names a person
    ("A lesson from Loretta Lynch: 'Be the voice that people hear.'\n\nLoretta Lynch spoke to students on Monday.\n",
     ("Be the voice that people hear.", "direct", "Loretta Lynch")),
    ("Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’\n\nWarren spoke.\n",
     ("You Should Be Criminally Investigated.", "direct", "Elizabeth Warren")),
    # an apostrophe inside the quotation is no closing mark
    ("Elizabeth Warren to Stumpf: ‘You Don’t Deserve to Keep Your Job.’\n\nElizabeth Warren spoke.\n",
     ("You Don’t Deserve to Keep Your Job.", "direct", "Elizabeth Warren")),
])
def test_headline_led_by_a_source(extractor, text, record) -> None:
    assert record in records(extractor, text)


@pytest.mark.parametrize(("frame", "qtype"), [
    ("Limbaugh added:", "direct"),
    ("Limbaugh told his listeners:", "direct"),  # the cue's own object may stand before the colon
    ("Limbaugh, who hosts the show, told us that:", "indirect"),
])
def test_block_quote_after_a_colon_ended_cue(extractor, frame, qtype) -> None:
    text = ("Rush Limbaugh discussed the debate on his radio show on Monday.\n\n"
            f"{frame}\n\n"
            "She can’t beat this guy without stacking the deck, and everybody knows it by now.\n")
    got = records(extractor, text)
    assert ("She can’t beat this guy without stacking the deck, and everybody knows it by now.", qtype,
            "Rush Limbaugh") in got


def test_block_quote_after_a_misread_who(extractor) -> None:
    """A "who" the parser did not hang on its antecedent still speaks for the person before it."""
    text = ("I would challenge anyone not to feel hopeful today after listening to Amanda Gorman, the amazing "
            "22–year-old poet, wise far beyond her years, who told us that:\n\n"
            "Somehow we’ve weathered and witnessed a nation that isn’t broken but simply unfinished\n")
    got = records(extractor, text)
    assert ("Somehow we’ve weathered and witnessed a nation that isn’t broken but simply unfinished", "indirect",
            "Amanda Gorman") in got


@pytest.mark.parametrize("text", [
    # a section label or a headline that is not a person of the article
    "Peace talks begin in Belarus: Ukraine demands immediate cease fire\n\nThe talks began on Monday.\n",
    "UPDATE: The talks were postponed until Monday, officials in Minsk confirmed.\n",
    "Zelensky in Kyiv: 'Peace talks'\n\nVolodymyr Zelensky met envoys on Monday.\n",  # a short title, not a quote
    # a title about the person: an article-led noun phrase with no verb
    "Frank Messina: An Interview with the 'Mets Poet'\n\nFrank Messina writes poems about the Mets.\n",
    # capitals that name nobody in the article
    "The meeting ended late.\n\nNOTE: This story has been updated with comments from the delegation.\n",
])
def test_labels_that_name_no_speaker(extractor, text) -> None:
    assert not any(q.cue is not None and q.cue.text == ":" for q in extractor.extract(text).quotes)


@pytest.mark.parametrize(("text", "record"), [
    ("Russian forces shelled the city overnight.\n\nKharkiv is under fire again. Civilians are dying.\n"
     "— Dmytro Kuleba (@DmytroKuleba) February 28, 2022\n\nThe talks resumed on Monday.",
     ("Kharkiv is under fire again. Civilians are dying.", "direct", "Dmytro Kuleba")),
    # the post's closing link is no part of its words
    ("Talks resumed.\n\nWe will not give up. pic.twitter.com/abc123\n— Volodymyr Zelensky (@ZelenskyyUa) March 1, 2022",
     ("We will not give up.", "direct", "Volodymyr Zelensky")),
])
def test_embedded_post_is_its_author_s_quote(extractor, text, record) -> None:
    """A post embedded with its byline ("— Name (@handle) Date") is a direct quote of Name (issue 28)."""
    assert record in records(extractor, text)


def test_a_dash_line_without_a_handle_is_no_byline(extractor) -> None:
    text = "The talks ended.\n\nNothing was agreed on Monday.\n— Reporting by Jane Doe\n"
    assert not [r for r in records(extractor, text) if r[0].startswith("Nothing was agreed")]
