"""Documents speak for the issuer the article names (issue 27); otherwise they stay unnamed sources."""
from __future__ import annotations

import pytest

from quoteservice.extract.documents import issuer
from quoteservice.extract.mentions import mention_of
from quoteservice.extract.model import SpeakerKind


@pytest.mark.parametrize(("text", "document", "expected"), [
    ("A release from UFCW Local 832 said the workers would strike.", "release", "UFCW Local 832"),
    ("A release sent to media from UFCW Local 832 late Friday said a majority voted.", "release", "UFCW Local 832"),
    ("Jobs are scarce, according to a study which is being released Monday by Civic Action.", "study", "Civic Action"),
    ("According to the Civic Action study, retail employed 226,000 youth.", "study", "Civic Action"),
    ("The Kelowna Rockets' lawsuit claims that the league broke its contract.", "lawsuit", "Kelowna Rockets"),
    ("The RCMP statement said that trust had been broken.", "statement", "RCMP"),
    ("Inflation will slow, the IMF report stated.", "report", "IMF"),
    # no named issuer: the document stays an unnamed source
    ("Prices will rise, the report said.", "report", None),
    ("Her time was hard, her statement read.", "statement", None),
    ("According to the memo obtained by The Globe, the fund believed in the papers.", "memo", None),  # a recipient
    ("The union's Friday release said the vote was clear.", "release", None),
    ("Anna Malar from Vienna said the plan would work.", "Malar", None),  # not a document
])
def test_issuer(nlp, text: str, document: str, expected: str | None) -> None:
    doc = nlp(text)
    head = next(t for t in doc if t.text == document)
    found = issuer(mention_of(head))
    assert (found[0] if found else None) == expected
    if found:
        assert found[1] is SpeakerKind.ORGANIZATION


@pytest.mark.parametrize(("text", "speaker", "kind"), [
    ("Environment Minister Shannon Phillips cancelled the sessions on Friday.\n\n"
     "“I have heard stories of Albertans afraid to attend,” her statement read.", "Shannon Phillips", "person"),
    ("Senator John Kerr wrote to the board on Monday.\n\n“The plan is flawed,” his letter said.", "John Kerr", "person"),
    # nobody for the pronoun to stand for: the document stays an unnamed source
    ("“Prices will rise,” his statement read.", "his statement", "unnamed"),
])
def test_document_owned_by_a_pronoun_speaks_as_its_referent(extractor, text: str, speaker: str, kind: str) -> None:
    q = extractor.extract(text).quotes[-1]
    assert q.speaker is not None and (q.speaker.name, q.speaker.kind.value) == (speaker, kind)


@pytest.mark.parametrize(("text", "speaker", "kind"), [
    # a definite document takes up the nearest document before it, and speaks for that one's issuer or author
    ("A study by the Fraser Institute looked at rents in 13 cities.\n\n"
     "“Housing is scarcer than ever,” the report said.", "Fraser Institute", "organization"),
    ("Economist Philip Cross wrote in a recent report for the institute that growth had stalled.\n\n"
     "Spending has risen only 8.7 per cent since 2016, the report said.", "Philip Cross", "person"),
    ("“Winters are hard on railways,” says a document titled White Paper: Railroading in the Canadian Winter on "
     "Canadian Pacific Railway's website.\n\nThe white paper said cold increases air leakage.", "Canadian Pacific Railway",
     "organization"),
    # a chain of definite documents goes back to the first, named one
    ("A report from the Conference Board of Canada was released on Monday.\n\nThe report said wages would rise. "
     "Prices will fall, the report added.", "Conference Board of Canada", "organization"),
    # a bare noun introduces no document; an issuer without a name leaves the document unnamed
    ("The train was in motion.\n\nPrices will rise, the report said.", "the report", "unnamed"),
    ("A report by the railway company details the risks of winter.\n\nSpeeds must be cut, the report said.",
     "the report", "unnamed"),
    # a survey takes up no executive order; who commented on a document is no author of it
    ("Ted Cruz would not comment on an executive order signed by the governor.\n\n"
     "Most prefer lower prices, the survey said.", "the survey", "unnamed"),
    # who did something else with a document is no author of it
    ("The WHL came up with a plan to cut hits to the head.\n\nConcussions dropped, the plan said.",
     "the plan", "unnamed"),
])
def test_definite_document_speaks_for_its_antecedents_issuer(extractor, text: str, speaker: str, kind: str) -> None:
    q = extractor.extract(text).quotes[-1]
    assert q.speaker is not None and (q.speaker.name, q.speaker.kind.value) == (speaker, kind)
    assert q.mention is not None and text[q.mention.start:q.mention.end] in ("the report", "The white paper", "the plan", "the survey")
