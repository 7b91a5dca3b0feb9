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
    ("The ministry said in a statement on Telegram that it had hit targets.", [("ministry", None, None)]),
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

