"""Same utterance or not, and how a version differs (archive/matching.py)."""
from __future__ import annotations

import pytest

from quoteservice.archive.matching import QuoteText, diff, keys, same_utterance, words

D, M, I = "direct", "mixed", "indirect"  # noqa: E741
PESKOV = "I suggest we wait for the talks. I would not declare any negotiating positions"
GRAD = "Kharkiv has just been massively fired upon by grads. Dozens of dead and hundreds of wounded"


@pytest.mark.parametrize(("a", "b", "same"), [
    ((D, PESKOV), (D, PESKOV.upper() + "!"), True),  # case and punctuation
    ((D, PESKOV), (D, "I would not declare any negotiating positions."), True),  # one part of a split quote
    ((D, PESKOV), (D, "I suggest we wait for the talks"), True),
    ((D, GRAD), (D, GRAD.replace("grads.", "grads [rockets].")), True),  # an editorial insertion
    ((D, "We will fight to the end … and we will win"), (D, "We will fight to the end and we will win"), True),
    ((D, PESKOV), (D, "We will not give up our positions at the talks"), False),
    ((M, "that it will “demilitarize” and “denazify” Ukraine by any means"), (M, "to “demilitarize” and “denazify” Ukraine"),
     True),  # every quoted fragment shared
    ((M, "Russian officials “definitely have an interest in reaching some agreements”"),
     (M, "that the leadership “definitely have an interest in reaching some agreements as soon as possible.”"), True),
    ((I, "the two delegations had found common positions that they could further work on"),
     (M, "officials from both sides had “found certain points on which common positions could be foreseen.”"), True),
    ((I, "the talks would resume on Monday"), (I, "the talks had failed and Ukraine would fight"), False),
    ((M, "the move was a “mistake”"), (M, "the sanctions were a “mistake”"), False),  # one shared word is not enough
])
def test_same_utterance(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    qa, qb = QuoteText(*a), QuoteText(*b)
    assert same_utterance(qa, qb) is same
    assert same_utterance(qb, qa) is same


@pytest.mark.parametrize(("a", "b"), [
    (PESKOV, "I would not declare any negotiating positions."),
    (GRAD, GRAD.replace("grads.", "grads [rockets].")),
])
def test_versions_of_one_quote_share_a_blocking_key(a: str, b: str) -> None:
    assert keys(QuoteText(D, a)) & keys(QuoteText(D, b))


def test_unrelated_quotes_share_no_key() -> None:
    assert not keys(QuoteText(D, PESKOV)) & keys(QuoteText(D, GRAD))


@pytest.mark.parametrize(("canonical", "member", "expected"), [
    (GRAD, GRAD.replace("grads.", "grads [rockets]."), [("insert", "", "[rockets]")]),
    (PESKOV, "I would not declare any negotiating positions.", []),  # a part is not an omission
    (PESKOV, "I suggest we wait for the talks", []),
    (PESKOV, "i suggest we wait for the TALKS; I would not declare any negotiating positions!", []),
    (PESKOV, "I suggest we wait for the talks. I would not declare negotiating positions", [("delete", "any", "")]),
    (PESKOV, "I suggest we wait for the negotiations. I would not declare any negotiating positions",
     [("replace", "talks", "negotiations")]),
])
def test_diff(canonical: str, member: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.op, e.canonical, e.member) for e in diff(canonical, member)] == expected


@pytest.mark.parametrize(("canonical", "member", "where"), [
    (GRAD, GRAD.replace("grads.", "grads [rockets]."), "[rockets]"),
    (PESKOV, "I suggest we wait for the negotiations. I would not declare any negotiating positions", "negotiations"),
    (PESKOV, "I suggest we wait for the talks. I would not declare negotiating positions", ""),
])
def test_diff_says_where_the_change_is_in_the_member(canonical: str, member: str, where: str) -> None:
    (edit,) = diff(canonical, member)
    assert member[edit.member_start:edit.member_end] == where
    if not where:  # an omission: the point before the next word
        assert member[edit.member_start:].startswith("negotiating positions")


def test_words_keep_brackets_as_one_word() -> None:
    assert words("Fired upon by grads [rockets]. Dozens …") == ["fired", "upon", "by", "grads", "[rockets]", "dozens"]
