"""Every rule stage is linear in the text, on every adversarial family (issue 12).

Work is the number of Python lines `Extractor.from_doc` executes (cues, records, speakers; the
parse is spaCy's and measured by bench/adversarial.py), counted under sys.settrace: deterministic
for a given input, unlike time. Four times the text may cost at most 4.6 times the work.
"""
from __future__ import annotations

import pytest

from linecount import executed_lines
from quoteservice.adversarial import FAMILIES, concatenated
from quoteservice.extract import Extractor
from quoteservice.extract.parsing import parse

pytestmark = pytest.mark.slow
SMALL = 5_000
NEWS = concatenated(["“We will wait for the talks,” Kremlin spokesman Dmitry Peskov told reporters on Monday. "
                     "He added that the delegations had found common ground, according to Interfax.",
                     "Ukrainian negotiator Mykhailo Podolyak said the talks were difficult. “Nothing is agreed "
                     "until everything is agreed,” he wrote on Twitter."])


def rule_work(ex: Extractor, text: str) -> int:
    """Python lines the rule stages execute on `text` (parsed beforehand, not counted)."""
    return executed_lines(ex.from_doc, parse(ex.nlp, text), text)


@pytest.fixture(scope="module")
def rules_only(nlp) -> Extractor:
    """Without coreferee, whose bounded cost per article would hide growth elsewhere."""
    ex = Extractor(nlp, coreference=False)
    ex.extract("Warm-up: the name and gender tables load now, he said.")
    return ex


@pytest.mark.parametrize("family", sorted(FAMILIES) + ["news"])
def test_rule_work_is_linear_in_the_text(rules_only, family) -> None:
    make = NEWS if family == "news" else FAMILIES[family]
    small, large = rule_work(rules_only, make(SMALL)), rule_work(rules_only, make(4 * SMALL))
    assert large <= 4.6 * small + 2_000, (small, large, round(large / max(small, 1), 2))
