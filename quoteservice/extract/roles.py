"""Roles the article states next to person names, and descriptions matched against them.

"Russian President Vladimir Putin", "the UN's rights chief, Michelle Bachelet": a later "the Russian
president" or "the rights chief" is that person. Role words treated as one are data
(data/role_synonyms.json).
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span as SpacySpan, Token
from quoteservice.extract.wordlists import words

_FUNCTION_WORDS = words("role_function_words")


@dataclass(frozen=True)
class _RoleEntry:
    name: str
    words: frozenset[str]
    head: str
    position: int


@functools.cache
def _role_synonyms() -> dict[str, str]:
    data = json.loads((resources.files("quoteservice") / "data" / "role_synonyms.json").read_text(encoding="utf-8"))
    return {w: group[0] for group in data["groups"] for w in group}


def _norm(word: str) -> str:
    w = word.lower().strip("’'.")
    return _role_synonyms().get(w, w)


def _words(tokens: list[Token]) -> list[str]:
    return [_norm(t.text) for t in tokens if not t.is_punct and t.lower_ not in _FUNCTION_WORDS and t.tag_ != "POS"]


def role_table(doc: Doc, names: list[SpacySpan]) -> list[_RoleEntry]:
    """Roles stated next to person names: "Russian President Vladimir Putin", "the UN's rights chief, Michelle Bachelet"."""
    table: list[_RoleEntry] = []
    for ent in names:
        root = ent.root
        lo = max(ent.sent.start, ent.start - 8)
        for j in range(ent.start - 1, lo - 1, -1):  # the role never reaches across a quote mark or clause
            if doc[j].is_quote or doc[j].text in ";:()":
                lo = j + 1
                break
        pre = list(doc[lo: ent.start])
        # the modifiers of the name inside its noun phrase
        mods = [t for t in pre if t.head.i >= ent.start and t.head.i < ent.end or t.head in pre]
        mods = [t for t in mods if t.dep_ in ("compound", "amod", "poss", "nmod", "case", "det", "npadvmod")]
        if root.dep_ == "appos" and root.head.i < ent.start:  # "chief, Michelle Bachelet"
            mods = list(root.head.subtree)
            mods = [t for t in mods if t.i < ent.start]
        if root.dep_ != "appos":
            appos = [c for c in root.children if c.dep_ == "appos" and c.i > root.i]
            if appos:  # "Michelle Bachelet, the UN's rights chief"
                mods = mods + list(appos[0].subtree)
        words = _words(mods)
        if not words:
            continue
        heads = [t for t in mods if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.lower_ in _role_synonyms())]
        head = _norm(heads[-1].text) if heads else words[-1]
        table.append(_RoleEntry(ent.text, frozenset(words), head, ent.start_char))
    return table


class RoleTable:
    """The article's roles by head word; matches a description to the person it names."""

    def __init__(self, doc: Doc, names: list[SpacySpan]) -> None:
        self._by_head: dict[str, list[_RoleEntry]] = {}
        for entry in role_table(doc, names):
            self._by_head.setdefault(entry.head, []).append(entry)

    def match(self, head: Token, start: int) -> str | None:
        """The person a description (head token, first char `start`) names: the latest role before it
        with the same head word and all of its modifiers, else the first after it."""
        words = _words([t for t in head.doc[head.left_edge.i: head.i + 1] if t.idx >= start])
        if not words:
            return None
        mods = set(words[:-1])
        cands = [r for r in self._by_head.get(words[-1], []) if mods <= r.words]
        if not cands:
            return None
        before = [r for r in cands if r.position < start]
        return (max(before, key=lambda r: r.position) if before else min(cands, key=lambda r: r.position)).name
