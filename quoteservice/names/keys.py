"""Name keys used in ids and comparisons: surname key and given-name class key."""
from __future__ import annotations

from .given import given_key
from .skeleton import render, word_skeleton

__all__ = ["surname_key", "given_key"]


def surname_key(surname: str) -> str:
    """Rendered skeleton of a (possibly multi-word) surname; words joined by '-'."""
    return "-".join(render(word_skeleton(w, surname=True)) for w in surname.split() if word_skeleton(w))
