"""Resolve speaker mentions to named people and organisations within one article.

Names come straight from the mention; descriptions ("the Kremlin's spokesperson") through roles
the article states next to a name ("Kremlin Spokesman Dmitry Peskov"); pronouns through the most
recent compatible named speaker (coreference refines this, see quoteservice.coref).
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span as SpacySpan, Token

from quoteservice.extract.filters import paragraphs
from quoteservice.extract.mentions import Mention, MentionKind, mention_of, person_names
from quoteservice.extract.pronouns import PronounResolver
from quoteservice.extract.model import Method, SpeakerKind

_FUNCTION_WORDS = frozenset({"the", "a", "an", "'s", "’s", "of", "'", "’", "his", "her", "its", "their", "who"})


@dataclass(frozen=True)
class Resolution:
    """Who a mention stands for, before ids are assigned."""

    name: str  # a proper name, or the mention text for unnamed sources
    kind: SpeakerKind
    method: Method
    role: str = ""


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


_SUBJECT_FORM = {"his": "he", "her": "she", "its": "it", "their": "they"}
_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "relcl", "pcomp", "dobj", "pobj", "prep", "advcl", "acl", "conj"})


def _matrix_subject(pron: Token) -> Token | None:
    """The nearest subject before `pron` of a clause that embeds the pronoun's clause, if any."""
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pron.head
    inner = {t.i for t in clause.subtree}
    t = clause
    for _ in range(4):
        if t.dep_ not in _CLAUSE_LINKS or t.head.i == t.i:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inner), None)
        if subj is not None:
            return subj if subj.i < pron.i else None
    return None


class SpeakerResolver:
    """Per-article resolution of mentions; remembers earlier speakers for pronouns.

    A subject pronoun under a named subject is that subject ("Ban condemned what he called …").
    Otherwise a he/she speaker takes, in order: the named speaker quoted in the same or the previous
    paragraph (quote context; FALLBACK unless coreference agrees), the named antecedent coreferee
    finds (COREFERENCE), the nearest named speaker within FALLBACK_CHARS (FALLBACK), else UNKNOWN.
    """

    FALLBACK_CHARS = 1500

    def __init__(self, doc: Doc, pronouns: PronounResolver | None = None) -> None:
        self._doc = doc
        self._pronouns = pronouns
        self.names = person_names(doc)  # the article's person names, for callers too
        self._roles = role_table(doc, self.names)
        self._surnames = {n[-1].lower_ for n in self.names}
        self._paragraph_starts = [p[0] for p in paragraphs(doc.text)]
        self._recent: list[tuple[int, Resolution]] = []  # (char position, named resolution)

    def remember(self, position: int, res: Resolution) -> None:
        """Record a named speaker at `position` so later pronouns can refer to it."""
        if res.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION):
            self._recent.append((position, res))

    def last_named(self, before: int, kind: SpeakerKind) -> Resolution | None:
        """The most recent named speaker of `kind` within FALLBACK_CHARS before `before`."""
        for pos, res in reversed(self._recent):
            if pos < before and before - pos <= self.FALLBACK_CHARS and res.kind == kind:
                return res
        return None

    def _paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, pos)

    def _in_context(self, before: int, kind: SpeakerKind) -> Resolution | None:
        """The last named speaker of `kind` quoted in the same or the previous paragraph."""
        found = self.last_named(before, kind)
        if found is None:
            return None
        pos = max(p for p, r in self._recent if r is found)
        return found if self._paragraph(before) - self._paragraph(pos) <= 1 else None

    def _coreference(self, mention: Mention) -> Resolution | None:
        """The named person coreferee links the pronoun to, if any."""
        if self._pronouns is None:
            return None
        for i in self._pronouns.antecedents(self._doc, mention.head.i):
            for name in self.names:
                if name.start <= i < name.end:
                    return Resolution(name.text, SpeakerKind.PERSON, Method.COREFERENCE)
        return None

    def _bound(self, mention: Mention) -> Resolution | None:
        """A subject pronoun bound by the subject of the clause that embeds its own.

        "Ban Ki-moon condemned what he called …", "Trump said he told …": he is Ban, Trump. A
        he/she needs a person name there; it an organisation; they an organisation or a description.
        """
        subj = _matrix_subject(mention.head)
        if subj is None:
            return None
        if mention.head.lower_ in ("he", "she"):
            name = next((n for n in self.names if n.start <= subj.i < n.end), None)
            return Resolution(name.text, SpeakerKind.PERSON, Method.COREFERENCE) if name is not None else None
        if subj.pos_ == "PRON":
            return None
        res = self.resolve(mention_of(subj))
        if res.kind is SpeakerKind.ORGANIZATION or (res.kind is SpeakerKind.UNNAMED and mention.head.lower_ == "they"):
            return dataclasses.replace(res, method=Method.COREFERENCE)
        return None

    def _pronoun(self, mention: Mention) -> Resolution:
        p = _SUBJECT_FORM.get(mention.head.lower_, mention.head.lower_)  # "his claim that …" speaks as "he"
        bound = self._bound(mention)
        if bound is not None:
            return bound
        if p in ("he", "she"):
            context = self._in_context(mention.start, SpeakerKind.PERSON)
            if context is not None:
                return Resolution(context.name, context.kind, Method.FALLBACK, context.role)
            found = self._coreference(mention) or self.last_named(mention.start, SpeakerKind.PERSON)
        elif p == "it":
            found = self.last_named(mention.start, SpeakerKind.ORGANIZATION)
        else:
            found = None
        if found is None:
            return Resolution(mention.text, SpeakerKind.UNKNOWN, Method.NONE)
        method = Method.COREFERENCE if found.method is Method.COREFERENCE else Method.FALLBACK
        return Resolution(found.name, found.kind, method, found.role)

    def _by_role(self, mention: Mention) -> Resolution | None:
        toks = [t for t in mention.head.doc[mention.head.left_edge.i: mention.head.i + 1]
                if t.idx >= mention.start]
        words = _words(toks)
        if not words:
            return None
        head = words[-1]
        mods = set(words[:-1])
        cands = [r for r in self._roles if r.head == head and mods <= r.words]
        if not cands:
            return None
        before = [r for r in cands if r.position < mention.start]
        best = max(before, key=lambda r: r.position) if before else min(cands, key=lambda r: r.position)
        return Resolution(best.name, SpeakerKind.PERSON, Method.ROLE)

    def resolve(self, mention: Mention) -> Resolution:
        """Map a mention to a named speaker where the article allows, else an unnamed/unknown source."""
        if mention.kind is MentionKind.PERSON_NAME:
            return Resolution(mention.name, SpeakerKind.PERSON, Method.EXPLICIT, mention.role)
        if mention.kind is MentionKind.ORG_NAME:
            if " " not in mention.name and mention.name.lower() in self._surnames:  # NER tagged a surname ORG
                return Resolution(mention.name, SpeakerKind.PERSON, Method.EXPLICIT)
            return Resolution(mention.name, SpeakerKind.ORGANIZATION, Method.EXPLICIT)
        if mention.kind is MentionKind.PRONOUN:
            return self._pronoun(mention)
        by_role = self._by_role(mention)
        if by_role is not None:
            return by_role
        return Resolution(mention.text, SpeakerKind.UNNAMED, Method.EXPLICIT)
