"""Regions skipped as headline, caption or site boilerplate, and article text that must not be."""
from __future__ import annotations

import pytest

from quoteservice.extract.filters import credit_start, excluded_regions, is_boilerplate, is_furniture


@pytest.mark.parametrize("body", [
    "DONATE TO BIZPAC REVIEW",
    "Please help us! If you are fed up with the media, please consider making a donation to BPR.",
    "Success! Thank you for donating. Please share BPR content to help combat the lies.",
    "Sign up for our newsletter to get the latest news.",
    "VIA REUTERS",
    "© 2022 Reuters. All rights reserved.",
])
def test_boilerplate(body: str) -> None:
    assert is_boilerplate(body)


@pytest.mark.parametrize(("text", "expected"), [
    ("Story continues below advertisement", True),
    ("Story continues below advertisement.", True),
    ("Article Continued Below", True),
    ("Advertisement", True),
    ("Related: Trump says the talks failed", True),
    ("The story continues below the fold, he said.", False),
    ("Advertisements cost too much, the owner said.", False),
    ("related to the case", False),
])
def test_page_furniture(text: str, expected: bool) -> None:
    assert is_furniture(text) is expected
    assert not expected or is_boilerplate(text)


@pytest.mark.parametrize("body", [
    # quotes that mention donations are article text
    '"I just liked what he said at that time and wanted to make a donation," said Hayati Camlica.',
    "Trump said he would donate his salary to charity.",
    "The photo was taken by a Reuters photographer on Tuesday, officials said.",
])
def test_article_text_is_not_boilerplate(body: str) -> None:
    assert not is_boilerplate(body)


def test_excluded_regions_are_the_headline_and_boilerplate_paragraphs() -> None:
    text = "Peace talks to resume\n\nMedinsky said the talks would resume.\n\nDONATE TO BIZPAC REVIEW\n"
    assert [text[s:e] for s, e in excluded_regions(text)] == ["Peace talks to resume", "DONATE TO BIZPAC REVIEW"]


@pytest.mark.parametrize(("body", "credit"), [
    ("Ukrainian soldiers near Kyiv. (Daily Mail via EPA)", "(Daily Mail via EPA)"),
    ("Zelensky urged Russian soldiers to desert. UKRAINE PRESIDENCY/AFP via Getty", "UKRAINE PRESIDENCY/AFP via Getty"),
    ("Getty Images", "Getty Images"),
    ("Medinsky said the talks would resume.", None),
])
def test_a_credit_is_skipped_and_its_caption_kept(body: str, credit: str | None) -> None:
    start = credit_start(body)
    assert (body[start:] if start is not None else None) == credit


def test_a_caption_attribution_is_extracted(extractor) -> None:
    text = "Talks resume\n\nUkraine’s President Volodymyr Zelensky urged Russian soldiers to abandon their weapons. UKRAINE PRESIDENCY/AFP via Getty\n"
    quotes = extractor.extract(text).quotes
    assert [(q.span.text, q.cue.text if q.cue else None) for q in quotes] == [("Russian soldiers to abandon their weapons", "urged")]
