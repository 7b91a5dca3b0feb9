"""Regions skipped as headline, caption or site boilerplate, and article text that must not be."""
from __future__ import annotations

import pytest

from quoteservice.extract.filters import excluded_regions, is_boilerplate


@pytest.mark.parametrize("body", [
    "DONATE TO BIZPAC REVIEW",
    "Please help us! If you are fed up with the media, please consider making a donation to BPR.",
    "Success! Thank you for donating. Please share BPR content to help combat the lies.",
    "Sign up for our newsletter to get the latest news.",
    "Ukrainian soldiers near Kyiv. (Daily Mail via EPA)",
    "VIA REUTERS",
    "© 2022 Reuters. All rights reserved.",
])
def test_boilerplate(body: str) -> None:
    assert is_boilerplate(body)


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
