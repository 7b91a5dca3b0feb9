"""Given-name equivalence classes (Mykhailo = Mikhail = Michael), read from data/names/given_names.txt.

A given name's class key is the rendered skeleton of its class's canonical spelling; names not
in the table are their own class, keyed by their own skeleton.
"""
from __future__ import annotations

from functools import cache

from . import resources
from .skeleton import render, word_skeleton


@cache
def _classes() -> tuple[dict[str, str], dict[str, frozenset[str]], frozenset[str]]:
    """(skeleton -> class key, class key -> initials of its spellings, lowercase spellings)."""
    key_of: dict[str, str] = {}
    initials: dict[str, set[str]] = {}
    spellings: set[str] = set()
    for line in resources.lines("given_names.txt"):
        variants = [v.strip() for v in line.split(",") if v.strip()]
        key = render(word_skeleton(variants[0]))
        for v in variants:
            sk = word_skeleton(v)
            if key_of.setdefault(sk, key) != key:
                raise ValueError(f"given name {v!r} is in two classes: {key_of[sk]} and {key}")
            initials.setdefault(key, set()).add(v[0].lower())
            spellings.add(v.lower())
    return key_of, {k: frozenset(v) for k, v in initials.items()}, frozenset(spellings)


def given_key(name: str) -> str:
    """Class key of a given name: equal for Volodymyr/Vladimir/Uladzimir, distinct otherwise."""
    sk = word_skeleton(name)
    return _classes()[0].get(sk, render(sk))


def is_known(name: str) -> bool:
    """True when the word is a given name in the equivalence table (any listed spelling class)."""
    return word_skeleton(name) in _classes()[0]


def is_listed_spelling(name: str) -> bool:
    """True when this exact spelling (case-insensitive) is listed in the table."""
    return name.lower() in _classes()[2]


def initial_matches(initial: str, key: str) -> bool:
    """True when some spelling of the class starts with this initial (A. or O. for Oleksandr)."""
    inits = _classes()[1].get(key)
    if inits is None:
        return key[:1] == initial.lower()[:1]
    return initial.lower()[:1] in inits


@cache
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def is_common(name: str) -> bool:
    """True for a given name of the table or of gender-guesser's (Charlie, Luther, Jingyi is not): the parser's
    evidence that a title word after it is a surname ("Charlie King", "Martin Luther King")."""
    if is_known(name):
        return True
    return len(name) > 1 and name[:1].isupper() and name.isalpha() and _detector().get_gender(name) != "unknown"
