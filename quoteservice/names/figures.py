"""Built-in table of public figures (data/names/public_figures.txt).

Gives the default bearer of a bare surname and preferred display spellings; it never decides
whether two spellings are one person.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from . import resources
from .keys import given_key, surname_key
from .skeleton import word_skeleton


@dataclass(frozen=True)
class Figure:
    """One table row: preferred display name split into given names and surname."""

    name: str
    given: tuple[str, ...]
    surname: str

    @property
    def surname_key(self) -> str:
        return surname_key(self.surname)

    @property
    def given_key(self) -> str:
        return given_key(self.given[0])

    @property
    def id(self) -> str:
        return f"per:{self.surname_key}.{self.given_key}"


@dataclass(frozen=True)
class _Index:
    by_surname: dict[str, Figure]
    by_id: dict[str, Figure]
    surname_first: dict[tuple[str, ...], Figure]


def _figure(line: str) -> Figure:
    cols = line.split("\t")
    name = cols[0].strip()
    words = name.split()
    surname = cols[1].strip() if len(cols) > 1 and cols[1].strip() else words[-1]
    sw = surname.split()
    start = next(i for i in range(len(words)) if words[i:i + len(sw)] == sw)
    given = tuple(words[:start] + words[start + len(sw):])
    return Figure(name, given, surname)


@cache
def _index() -> _Index:
    by_surname: dict[str, Figure] = {}
    by_id: dict[str, Figure] = {}
    surname_first: dict[tuple[str, ...], Figure] = {}
    for line in resources.lines("public_figures.txt"):
        fig = _figure(line)
        by_surname.setdefault(fig.surname_key, fig)
        by_id.setdefault(fig.id, fig)
        if fig.name.split()[0] == fig.surname.split()[0]:
            surname_first[tuple(word_skeleton(w) for w in fig.name.split())] = fig
    return _Index(by_surname, by_id, surname_first)


def default_for_surname(key: str) -> Figure | None:
    """Best-known bearer of a surname key, if the table has one."""
    return _index().by_surname.get(key)


def by_id(speaker_id: str) -> Figure | None:
    """Table row whose id is speaker_id, if any."""
    return _index().by_id.get(speaker_id)


def surname_first(words: list[str]) -> Figure | None:
    """Table row written surname-first (Xi Jinping) matching these name words, if any."""
    return _index().surname_first.get(tuple(word_skeleton(w) for w in words))
