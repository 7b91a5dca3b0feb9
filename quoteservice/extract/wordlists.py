"""Closed-class word lists of the rules (data/rule_words.json), read once per process."""
from __future__ import annotations

import functools
import json
from importlib import resources


@functools.cache
def _lists() -> dict[str, frozenset[str]]:
    raw = json.loads((resources.files("quoteservice") / "data" / "rule_words.json").read_text(encoding="utf-8"))
    return {name: frozenset(entry["words"]) for name, entry in raw["lists"].items()}


def words(name: str) -> frozenset[str]:
    """The list called `name`; a KeyError names a list the data file lacks."""
    return _lists()[name]


def names() -> list[str]:
    """Every list the data file holds."""
    return sorted(_lists())
