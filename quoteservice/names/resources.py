"""Load the name tables shipped in quoteservice/data/names (cached; read once per process)."""
from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


def _path(name: str):  # -> importlib.resources.abc.Traversable
    return files("quoteservice").joinpath("data").joinpath("names").joinpath(name)


@cache
def text(name: str) -> str:
    """Whole text of a data file."""
    return _path(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of a data file, right-stripped."""
    out = []
    for line in text(name).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.rstrip())
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-per-line list as a lowercase set."""
    return frozenset(w.strip().lower() for w in lines(name))


@cache
def json_data(name: str) -> Any:
    """Parsed JSON data file."""
    return json.loads(text(name))
