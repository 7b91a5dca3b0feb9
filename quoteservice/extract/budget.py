"""How long one extraction may run: a deadline and a cancellation test, checked between units of work.

The gRPC layer builds a Budget from the call's deadline, the server's per-document limit and
`context.is_active()`; the extractor calls `check()` between parse pieces and stages, so a call whose
client has gone, or whose time is spent, stops and frees its thread instead of computing on.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


class Stopped(Exception):
    """An extraction stopped before its end; `stage` is where it noticed."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


class OverBudget(Stopped):
    """The deadline passed (the caller's deadline or the per-document limit)."""


class Cancelled(Stopped):
    """The caller went away (cancelled the call or disconnected)."""


@dataclass(frozen=True)
class Budget:
    """A monotonic-clock deadline (None: no limit) and an optional test for a cancelled caller."""

    deadline: float | None = None
    cancelled: Callable[[], bool] | None = None
    seconds: float | None = None  # the budget as granted, for messages

    @classmethod
    def of(cls, seconds: float | None, cancelled: Callable[[], bool] | None = None) -> Budget:
        """A budget of `seconds` from now (None: unlimited)."""
        deadline = None if seconds is None else time.monotonic() + seconds
        return cls(deadline, cancelled, seconds)

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def check(self, stage: str) -> None:
        """Raise OverBudget or Cancelled if the extraction must stop now (a passed deadline first:
        it also ends the call, and it is the better explanation)."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            granted = f" of {self.seconds:g} s" if self.seconds is not None else ""
            raise OverBudget(stage, f"extraction exceeded its time budget{granted} (stopped during {stage})")
        if self.cancelled is not None and self.cancelled():
            raise Cancelled(stage, f"the caller cancelled the call (stopped during {stage})")


UNLIMITED = Budget()
