"""`via`: the outlet a quote was relayed through, never its speaker (extract/provenance.py)."""
from __future__ import annotations

import pytest

from quoteservice.extract.provenance import outlet_at

PESKOV_NYP = ("“I suggest we wait for the talks. I would not declare any negotiating positions,” said Kremlin"
              " Spokesman Dmitry Peskov in a press conference, the New York Post reported.")
GERASHCHENKO_REUTERS = ("“Kharkiv has just been massively fired upon by grads. Dozens of dead and hundreds of"
                        " wounded,” Ukrainian Interior Ministry adviser Anton Gerashchenko wrote in a Facebook post,"
                        " referring to Russian BM-21 “Grad” 122 mm rockets, Reuters reported.")


@pytest.mark.parametrize(("text", "expected"), [
    # relay frames: the outlet's verb closes the sentence or governs the cue
    (PESKOV_NYP, [("Dmitry Peskov", "org:new-york-post", "New York Post")]),
    (GERASHCHENKO_REUTERS, [("Anton Gerashchenko", "org:reuters", "Reuters")]),
    ("Bachelet also said 422,000 people have fled, while others are “forced to huddle in bomb shelters,” CNN reported.",
     [("Bachelet", "org:cnn", "CNN")]),
    # one statement, one speaker (issue 27): the nested record is the outlet's report, as PolNeAR marks it
    ("Reuters reported that Peskov said the talks would resume.",
     [("Reuters", None, None), ("Reuters", None, None)]),
    # "according to" an outlet, or to something the outlet made
    ("The Kremlin has so far declined to comment on the progress of the operation, referring questions to the"
     " military, according to CNN.", [("Kremlin", "org:cnn", "CNN")]),
    ("According to a translation done by CNN, he was also quoted saying that the talks would yield solutions.",
     [("he", "org:cnn", "CNN")]),
    # the outlet the words were given to
    ("Peskov told Russian media that the talks would go on.", [("Peskov", "org:russian-media", "Russian media")]),
    ("Podolyak said in an interview with Sky News that the talks were hard.", [("Podolyak", "org:sky-news", "Sky News")]),
    ("Zelensky said in a CNN interview that he was ready.", [("Zelensky", "org:cnn", "CNN")]),
    ("“We will not give up,” Zelensky told CNN.", [("Zelensky", "org:cnn", "CNN")]),
    ("A Biden administration official told The Washington Post that Minsk is making preparations.",
     [("A Biden administration official", "org:washington-post", "Washington Post")]),
    # an outlet reporting on its own account is the speaker, with no via
    ("Kyiv Independent reported late Monday that the talks have now ended “with no results.”",
     [("Kyiv Independent", None, None)]),
    ("Russian forces had seized the towns, the Interfax news agency reported Monday.", [("Interfax", None, None)]),
    # people, officials and institutions are not outlets
    ("Peskov told reporters that the talks would go on.", [("Peskov", None, None)]),
    ("Zelensky told Macron that he was ready.", [("Zelensky", None, None)]),
    ("The ministry said in a statement that it had hit targets.", [("ministry", None, None)]),
    # the platform words were posted on (issue 28)
    ("The ministry said in a statement on Telegram that it had hit targets.", [("ministry", "org:telegram", "Telegram")]),
    ("Mykhailo Podolyak said on Telegram that the negotiations were difficult.",
     [("Podolyak", "org:telegram", "Telegram")]),
    # relays: the one quoted speaks, the outlet that quotes is the via (issue 28)
    ("Dmitry Peskov was quoted by the TASS news agency as saying that the talks had produced no breakthrough.",
     [("Peskov", "org:tass", "TASS news agency")]),
    ("Interfax quoted Vladimir Medinsky as saying the talks were constructive.",
     [("Medinsky", "org:interfax", "Interfax")]),
    ("Reuters cited Mykhailo Podolyak as saying that the talks would resume on Monday.",
     [("Podolyak", "org:reuters", "Reuters")]),
    ("The talks will resume on Monday, the RIA news agency reported, citing Vladimir Medinsky.",
     [("Medinsky", "org:ria-novosti", "RIA news agency")]),
    ("Russia is ready to talk, TASS reported, quoting Kremlin spokesman Dmitry Peskov.",
     [("Peskov", "org:tass", "TASS")]),
    ("The plant was shut, Reuters reported, citing two sources familiar with the matter.",
     [("sources", "org:reuters", "Reuters")]),
    # citing a reason, not a source: the outlet stays the speaker (of the report and of the noun phrase it cites)
    ("Officials closed the road, Reuters reported, citing security concerns.",
     [("Reuters", None, None), ("Reuters", None, None)]),
    ("“It is over,” Peskov said on Monday, according to the Kremlin.", [("Peskov", None, None)]),
    # a continuation keeps the via of the quote it continues
    ("“We will not give up,” Zelensky told CNN. “We will fight to the end.”",
     [("Zelensky", "org:cnn", "CNN"), ("Zelensky", "org:cnn", "CNN")]),
])
def test_via(extractor, text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    quotes = extractor.extract(text).quotes
    got = [(q.mention.text if q.mention else "", q.via.id if q.via else None,
            text[q.via.span.start:q.via.span.end] if q.via else None) for q in quotes]
    assert len(got) == len(expected), got
    for (mention, via_id, via_text), (want_speaker, want_id, want_text) in zip(got, expected):
        assert want_speaker in mention or want_speaker == mention, got
        assert (via_id, via_text) == (want_id, want_text), got


def test_via_span_is_the_outlet_as_written(extractor) -> None:
    q = extractor.extract(PESKOV_NYP).quotes[0]
    assert q.via is not None and PESKOV_NYP[q.via.span.start:q.via.span.end] == q.via.span.text == "New York Post"


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("He read the New York Post.", "Post", "org:new-york-post"),
    ("He watched Russian state television.", "television", "org:russian-state-television"),
    ("He called the agency.", "agency", None),  # an agency needs "news" to be an outlet
    ("He called the news agency.", "agency", "org:news-agency"),
    ("He met the Kremlin.", "Kremlin", None),
])
def test_outlet_at(nlp, text: str, word: str, expected: str | None) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    found = outlet_at(tok)
    assert (found.id if found else None) == expected



@pytest.mark.parametrize(("text", "mention", "via"), [
    ("According to reports, both Putin and Zelensky were not present at the talks.", "reports", "unspecified reports"),
    ("Media reports say the delegation left Minsk on Monday.", "Media reports", "unspecified reports"),
    ("News outlets are saying the talks have stalled.", "News outlets", "News outlets"),
    ("It was reported that Russian gunfire did not stop during the talks.", None, "unspecified reports"),
])
def test_reports_no_one_is_named_for_have_no_speaker(extractor, text: str, mention: str | None, via: str) -> None:
    """Reports with no outlet named are no one's words: speaker null, the mention kept, and a via that says whose
    reports (issue 28)."""
    [q] = extractor.extract(text).quotes
    assert q.speaker is None and (q.mention.text if q.mention else None) == mention
    assert q.via is not None and q.via.name == via


@pytest.mark.parametrize(("text", "quoted"), [
    ("“Absolutely not,” said Dmitry Kuleba.", "Absolutely not"),
    ("“Of Course Not,” Peskov said.", "Of Course Not"),
    ("“Never,” Peskov said.", "Never"),
])
def test_a_short_reply_with_a_cue_is_a_quote(extractor, text: str, quoted: str) -> None:
    """However capitalised, words set off by a comma before their cue are a statement, not a title (issue 28)."""
    assert [q.span.text for q in extractor.extract(text).quotes] == [quoted]


def test_titles_without_a_cue_stay_out(extractor) -> None:
    assert extractor.extract("He starred in “Fargo,” “Juno,” and “Up.”").quotes == []


MARKAROVA = "Ukrainian Ambassador Oksana Markarova said in an interview with ABC News that Ukraine would not surrender."


@pytest.mark.parametrize(("text", "expected"), [
    # an interview's outlet carries to the same speaker's later records, across paragraphs, marked as carried
    (MARKAROVA + "\n\nThe talks in Belarus ended on Monday.\n\n“We are ready for talks,” Markarova said.",
     [("ABC News", False), ("ABC News", True)]),
    ("A source has told Russian media that the talks were postponed.\n\n"
     "The unidentified source says “It is not a postponement, it is a pause.”",
     [("Russian media", False), ("Russian media", True)]),
    # another speaker inside the sentence that stated the outlet does not come between
    ("A source has told Russian media that the talks will resume on Monday after the Russian president said the "
     "talks had run into a deadlock.\n\nThe unidentified source says “It is not a postponement, it is a pause.”",
     [("Russian media", False), None, ("Russian media", True)]),
    # it stops where the speaker states another occasion ...
    (MARKAROVA + "\n\n“We are ready for talks,” Markarova told reporters on Tuesday.", [("ABC News", False), None]),
    # ... where another speaker's record comes between ...
    (MARKAROVA + "\n\nDmitry Peskov told CNN that the talks had stalled.\n\n“We are ready,” Markarova said.",
     [("ABC News", False), ("CNN", False), None]),
    (MARKAROVA + "\n\nDmitry Peskov said the talks had stalled.\n\n“We are ready,” Markarova said.",
     [("ABC News", False), None, None]),
    # ... and it never passes to another speaker
    (MARKAROVA + "\n\n“We will see,” Dmitry Peskov said.", [("ABC News", False), None]),
])
def test_via_carries_to_the_same_speaker(extractor, text: str, expected: list[tuple[str, bool] | None]) -> None:
    got = [(q.via.name, q.via.carried) if q.via else None for q in extractor.extract(text).quotes]
    assert got == expected
