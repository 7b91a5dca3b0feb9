"""The article's named mentions, built once per article: who is named where, as what, and of which gender.

Pronoun and description resolution (speakers.py) read candidates from here instead of re-reading
the parse for every quote. Gender comes from a courtesy title or role word next to the name, else
from the first given name (the gender-guesser package's table), and a bare surname inherits the
gender of the full names it shares a surname with in the article.
"""
from __future__ import annotations

import bisect
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

import numpy
from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span as SpacySpan

from quoteservice.extract.model import SpeakerKind
from quoteservice.names.parse import parse_name

MIN_REPEATS = 3
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


NAME_CACHE = 4096  # per-word caches stay bounded on a long-lived server that sees new names every day


@functools.cache
def agreement() -> dict:
    """data/speaker_agreement.json: title genders, pronoun features, description labels, org heads."""
    return json.loads((resources.files("quoteservice") / "data" / "speaker_agreement.json").read_text(encoding="utf-8"))


@functools.cache
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=NAME_CACHE)
def given_name_gender(word: str) -> str:
    """'m', 'f' or '' for a given name, from gender-guesser's table ('mostly_' counts, 'andy' does not)."""
    if len(word) < 2 or not word[:1].isalpha():
        return ""
    guess = _detector().get_gender(word)
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess, "")


def pronoun_feature(word: str) -> str:
    """What a pronoun can stand for: 'm', 'f', 'org', 'group', 'first', 'first_plural' or ''."""
    return str(agreement()["pronouns"].get(word.lower(), ""))


def compatible(feature: str, kind: SpeakerKind, gender: str) -> bool:
    """Whether a pronoun of `feature` can stand for an entity of `kind` and `gender`."""
    if feature in ("m", "f"):
        return kind is SpeakerKind.PERSON and gender in ("", feature)
    if feature == "org":
        return kind is SpeakerKind.ORGANIZATION
    if feature == "group":
        return kind in (SpeakerKind.ORGANIZATION, SpeakerKind.UNNAMED)
    return kind is SpeakerKind.PERSON


def _given_gender(span: SpacySpan) -> str:
    """Gender of the name's first given name by gender-guesser's table (a one-word name has none)."""
    words = [t for t in span if t.is_alpha]
    return given_name_gender(words[0].text) if len(words) >= 2 else ""


def _title_gender(span: SpacySpan) -> str:
    """Gender stated by a title or role word right before the name or at its start ("Ms.", "Mr", "spokeswoman")."""
    titles = agreement()["title_gender"]
    doc = span.doc
    for i in range(span.start - 1, max(span.sent.start, span.start - 3) - 1, -1):
        g = titles.get(doc[i].lower_.strip("."))
        if g:
            return str(g)
        if doc[i].is_punct and doc[i].text not in ".":
            break
    words = [t for t in span if t.is_alpha]
    first = words[0].lower_.strip(".") if words else ""
    return str(titles[first]) if first in titles else ""


REFLEXIVE_WEIGHT = 3  # "Darian Lonechild … has proven herself": a reflexive is bound by its own clause's subject
EVIDENCE_MIN = 2  # one "he" after "Rempel said" may be Scheer's: a lone plain pronoun decides nothing


def pronoun_evidence(doc: Doc, persons: list[SpacySpan]) -> dict[str, str]:
    """Surname -> 'm' or 'f' as the article's own pronouns tell it: the he/she words after a person's name in a
    sentence that names no one else, and in the next sentence when it names no one. A name's gender by the table
    ("Darian") yields to this ("Darian Lonechild … has proven herself"); a lone pronoun or a split count decides
    nothing."""
    features = agreement()["pronouns"]
    sents = list(doc.sents) if len(doc) else []
    starts = [s.start for s in sents]  # each name's sentence by bisection over the sentence starts
    named: dict[int, dict[str, int]] = {}  # sentence start token -> surname -> first token after the name
    for p in persons:
        if p[-1].is_alpha:
            start = starts[bisect.bisect_right(starts, p.start) - 1]
            named.setdefault(start, {}).setdefault(p[-1].lower_, p.end)
    tally: dict[str, Counter[str]] = {}
    for k, sent in enumerate(sents):
        here = named.get(sent.start, {})
        if len(here) != 1:
            continue
        (surname, after), = here.items()
        tokens = list(doc[after: sent.end])
        if k + 1 < len(sents) and sents[k + 1].start not in named:
            tokens += list(sents[k + 1])
        for t in tokens:
            g = features.get(t.lower_)
            if g in ("m", "f"):
                tally.setdefault(surname, Counter())[g] += REFLEXIVE_WEIGHT if t.lower_.endswith("self") else 1
    out = {}
    for surname, c in tally.items():
        (g, n), *rest = c.most_common()
        if n >= EVIDENCE_MIN and (not rest or n >= 3 * rest[0][1]):
            out[surname] = g
    return out


def _repeated_surnames(doc: Doc, persons: list[SpacySpan]) -> list[SpacySpan]:
    """Person mentions NER missed: a surname the article names a person by ("Byron finally returned"),
    or an unlabelled proper-noun subject the article repeats as one (MIN_REPEATS times or more)."""
    surnames = {p[-1].text for p in persons if p[-1].text[:1].isupper() and p[-1].is_alpha}
    covered = {i for p in persons for i in range(p.start, p.end)}
    propn = numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist() if len(doc) else []  # no Token per word
    loose = [t for t in (doc[i] for i in propn) if t.i not in covered and t.dep_ != "compound" and t.is_alpha
             and t.text[:1].isupper() and t.ent_type_ in ("", "PERSON", "ORG")]
    counts = Counter(t.text for t in loose if not t.ent_type_)
    frequent = {w for w, n in counts.items() if n >= MIN_REPEATS and not parse_name(w).is_empty}
    return [doc[t.i: t.i + 1] for t in loose if t.text in surnames
            or (not t.ent_type_ and t.text in frequent and t.dep_ in _SUBJECT_DEPS)]


@dataclass(frozen=True)
class EntityMention:
    """One named mention of a person or organisation."""

    start: int  # char offsets of the name
    end: int
    name: str
    kind: SpeakerKind
    gender: str  # 'm', 'f' or '' (organisations, or unknown)
    subject: bool  # the name heads a clause subject
    label: str  # NER label (PERSON, ORG, GPE …)


class ArticleEntities:
    """Every PERSON / ORG / GPE mention of one article in text order, with agreement features."""

    def __init__(self, doc: Doc, persons: list[SpacySpan], skip: Callable[[int], bool] | None = None) -> None:
        """`skip(char)` is true inside text that names nobody (page furniture: "Story continues below …")."""
        persons = persons + _repeated_surnames(doc, persons)
        raw: list[tuple[SpacySpan, SpeakerKind]] = [(p, SpeakerKind.PERSON) for p in persons]
        covered = {i for p in persons for i in range(p.start, p.end)}
        raw += [(e, SpeakerKind.ORGANIZATION) for e in doc.ents
                if e.label_ in _ORG_LABELS and not covered.intersection(range(e.start, e.end))]
        if skip is not None:
            raw = [r for r in raw if not skip(r[0].start_char)]
        raw.sort(key=lambda r: r[0].start_char)
        evidence = pronoun_evidence(doc, persons)
        stated = {id(s): (_title_gender(s) or evidence.get(s[-1].lower_) or _given_gender(s))
                  if k is SpeakerKind.PERSON else "" for s, k in raw}
        by_surname: dict[str, set[str]] = {}
        for span, kind in raw:
            if kind is SpeakerKind.PERSON and len(span) >= 2 and stated[id(span)]:
                by_surname.setdefault(span[-1].lower_, set()).add(stated[id(span)])
        self.mentions: list[EntityMention] = []
        for span, kind in raw:
            gender = stated[id(span)]
            if kind is SpeakerKind.PERSON and not gender:
                known = by_surname.get(span[-1].lower_, set())
                gender = next(iter(known)) if len(known) == 1 else ""
            root = span.root
            self.mentions.append(EntityMention(span.start_char, span.end_char, span.text, kind, gender,
                                               root.dep_ in _SUBJECT_DEPS, span.label_ or "PERSON"))
        self._starts = [m.start for m in self.mentions]
        self._gender_by_name = {m.name: m.gender for m in self.mentions if m.kind is SpeakerKind.PERSON}
        self._genders_by_last: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.kind is SpeakerKind.PERSON and m.name.split() and m.gender:
                self._genders_by_last.setdefault(m.name.split()[-1], set()).add(m.gender)

    def gender(self, name: str) -> str:
        """The gender of a person named `name` in this article ('' when unknown)."""
        if name in self._gender_by_name:
            return self._gender_by_name[name]
        genders = self._genders_by_last.get(name.split()[-1] if name.split() else "", set())
        return next(iter(genders)) if len(genders) == 1 else ""

    def before(self, pos: int) -> Iterator[EntityMention]:
        """Mentions that end before char `pos`, nearest first."""
        for i in range(bisect.bisect_left(self._starts, pos) - 1, -1, -1):
            if self.mentions[i].end <= pos:
                yield self.mentions[i]

    @functools.cached_property
    def voice(self) -> EntityMention | None:
        """The person an interview turn or a speech speaks as: the first full name the article gives
        (a given name the gender table knows and a surname), as in its title or opening line."""
        return next((m for m in self.mentions if m.kind is SpeakerKind.PERSON and len(m.name.split()) >= 2
                     and given_name_gender(m.name.split()[0])), None)
