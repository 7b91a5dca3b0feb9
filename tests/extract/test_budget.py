"""The extractor honours its Budget between units of work: a passed deadline or a cancelled caller stops it."""
from __future__ import annotations

import pytest

from quoteservice.extract.budget import UNLIMITED, Budget, Cancelled, OverBudget

TEXT = "“We will wait for the talks,” Kremlin spokesman Dmitry Peskov said. He added that nothing was agreed.\n\n" * 3


def _cancel_after(calls: int):  # type: ignore[no-untyped-def]
    """A cancellation test that turns true on its `calls`-th question (so a later stage notices)."""
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] >= calls
    return cancelled


def test_unlimited_never_stops(extractor) -> None:
    assert extractor.extract(TEXT, UNLIMITED).quotes


def test_a_spent_budget_stops_before_the_parse(extractor) -> None:
    with pytest.raises(OverBudget) as info:
        extractor.extract(TEXT, Budget.of(0.0))
    assert info.value.stage == "parse"
    assert "time budget of 0 s" in str(info.value)


@pytest.mark.parametrize(("calls", "stage"), [(1, "parse"), (2, "cues"), (3, "records"), (4, "speakers")])
def test_cancellation_is_noticed_by_each_stage(extractor, calls, stage) -> None:
    with pytest.raises(Cancelled) as info:
        extractor.extract(TEXT, Budget(cancelled=_cancel_after(calls)))
    assert info.value.stage == stage


def test_long_articles_are_checked_between_parse_pieces(extractor) -> None:
    text = TEXT * 120  # several PIECE_CHARS pieces
    with pytest.raises(Cancelled) as info:
        extractor.extract(text, Budget(cancelled=_cancel_after(3)))
    assert info.value.stage == "parse"


def test_engine_budget_is_the_tighter_limit(engine) -> None:
    from dataclasses import replace

    tight = type(engine)(engine.extractor, replace(engine.limits, max_seconds_per_doc=5.0))
    assert tight.budget(60.0).seconds == 5.0
    assert tight.budget(1.0).seconds == 1.0
    assert engine.budget(None).deadline is None
