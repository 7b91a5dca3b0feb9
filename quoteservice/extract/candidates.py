"""Speaker candidates of one record and their features, for the learned ranker (ranker.py).

For a record whose mention is not a name (a pronoun, a description, a continuation, no mention) the
candidates are the article's entities named near it (people grouped by surname, organisations by
name), the description as written (an unnamed source) and nobody. Each gets a sparse feature dict:
what the hand-ordered steps of speakers.py would pick, distance in characters, sentences and
paragraphs, agreement, the previous records' speakers, salience, layout. Everything is computed from
the parse and the article's entity mentions once per article, so each record costs a walk over the
mentions within WINDOW characters.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from spacy.tokens import Doc

from quoteservice.extract.article import Intervals
from quoteservice.extract.documents import author, is_document, issuer
from quoteservice.extract.entities import EntityMention, compatible, pronoun_feature
from quoteservice.extract.mentions import Mention, MentionKind, head_class, mention_of
from quoteservice.extract.model import SpeakerKind
from quoteservice.extract.wordlists import words

WINDOW = 2500  # chars before a record's position in which entities are candidates
AFTER = 250  # chars after it (same paragraph): appositives, "…, said a spokeswoman, Jane Doe"
MAX_ENTITIES = 8
MAX_SCAN = 64  # mentions walked back per record: a name-dense window costs what a sparse one does
_SUFFIXES = words("name_suffixes")
_INDEFINITE = words("indefinite_determiners")
_DEFINITE = words("definite_determiners")

SALIENCE_CAP = 20  # mentions, subjects, records spoken: beyond this many, more says nothing new


def _salience(n: int) -> float:
    """log(1 + n), capped: a feature that grew with the article's length would let a long article flip a decision."""
    return math.log1p(min(n, SALIENCE_CAP))


def _person_read_as_org(name: str, person_keys: set[str]) -> bool:
    """A one- or two-word capitalised organisation name whose last word is the surname of a person the article
    names: the tagger's ORG/NORP for a person ("Schuh", "economist Philip Cross" → "Philip Cross")."""
    words = name.split()
    return 0 < len(words) <= 2 and all(w[:1].isupper() for w in words) \
        and entity_key(name, SpeakerKind.PERSON) in person_keys


ENTITY = "entity"
WRITTEN = "written"
NOBODY = "nobody"


def entity_key(name: str, kind: SpeakerKind) -> str:
    """People by surname (suffixes and possessives off), organisations by lowercased name."""
    words = [w.strip(".,’'`\"“”").lower() for w in name.split()]
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words if w]
    if kind is SpeakerKind.PERSON:
        while len(words) > 1 and words[-1] in _SUFFIXES:
            words.pop()
        return "p:" + (words[-1] if words else "")
    if words and words[0] == "the":
        words = words[1:]
    return "o:" + " ".join(words)


def mention_class(mention: Mention | None, continuation: bool) -> str:
    """The record's kind of speaker evidence: pronoun by feature, description, continuation, none."""
    if continuation:
        return "cont"
    if mention is None:
        return "none"
    if mention.kind is MentionKind.PRONOUN:
        feature = pronoun_feature(mention.head.lower_)
        return {"m": "pm", "f": "pm", "org": "po", "group": "pg", "first": "p1", "first_plural": "p1"}.get(feature, "px")
    return "desc"


@dataclass
class Candidate:
    """One possible speaker of a record: an entity, the description as written, or nobody."""

    type: str  # ENTITY, WRITTEN or NOBODY
    name: str = ""
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    key: str = ""
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class _Group:
    key: str
    name: str
    kind: SpeakerKind
    gender: str
    label: str = ""
    positions: list[int] = field(default_factory=list)
    subjects: int = 0


class CandidateBuilder:
    """Per-article index of entity mentions, sentences, paragraphs and past speakers."""

    def __init__(self, doc: Doc, mentions: list[EntityMention], para_starts: list[int], in_quote: Intervals) -> None:
        self._doc = doc
        self._mentions = [m for m in mentions if m.name.strip()]
        self._starts = [m.start for m in self._mentions]
        self._para_starts = para_starts
        self._sent_starts = [s.start_char for s in doc.sents] if len(doc) else [0]
        self._in_quote = in_quote
        self._groups: dict[str, _Group] = {}
        self._key_of: list[str] = []
        surnames = {entity_key(m.name, m.kind) for m in self._mentions if m.kind is SpeakerKind.PERSON}
        for m in self._mentions:
            kind, label = m.kind, m.label
            if kind is not SpeakerKind.PERSON and _person_read_as_org(m.name, surnames):
                kind, label = SpeakerKind.PERSON, "PERSON"  # "Schuh" tagged NORP where "Guenther Schuh" is named
            key = entity_key(m.name, kind)
            g = self._groups.get(key)
            if g is None:
                g = self._groups[key] = _Group(key, m.name, kind, m.gender, label)
            elif len(m.name.split()) > len(g.name.split()) and not m.name.endswith(("’s", "'s")):
                g.name = m.name  # the fullest form names the entity
            g.gender = g.gender or m.gender
            g.positions.append(m.start)
            g.subjects += m.subject
            self._key_of.append(key)
        self._by_key: dict[str, list[EntityMention]] = {}
        for m, k in zip(self._mentions, self._key_of):
            self._by_key.setdefault(k, []).append(m)
        self._context: dict[str, set[str]] = {}  # entity -> lowercased words next to its mentions
        self.spoke: dict[str, int] = {}  # entity -> records it was the speaker of so far
        self.spoke_at: dict[str, int] = {}  # entity -> paragraph of the last record it spoke
        self._doc_links: list[tuple[int, str]] | None = None  # (char, entity key) of documents tied to an entity
        self.history: list[str] = []  # speakers' keys of earlier records, text order, repeats collapsed
        self.direct_history: list[str] = []

    def _sent(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos)

    def _para(self, pos: int) -> int:
        return bisect.bisect_right(self._para_starts, pos)

    def context_words(self, key: str) -> set[str]:
        """Lowercased words within four tokens of the entity's mentions (roles next to names)."""
        words = self._context.get(key)
        if words is None:
            words = set()
            doc = self._doc
            for m in self._by_key.get(key, []):
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in doc[max(0, span.start - 4): min(len(doc), span.end + 4)]:
                    if t.is_alpha:
                        words.add(t.lemma_.lower())
            self._context[key] = words
        return words

    def record(self, key: str, direct: bool, pos: int) -> None:
        """Note the speaker of a record just decided, for the history features of the next ones."""
        if not key:
            return
        self.spoke[key] = self.spoke.get(key, 0) + 1
        self.spoke_at[key] = self._para(pos)
        if not self.history or self.history[-1] != key:
            self.history.append(key)
        if direct and (not self.direct_history or self.direct_history[-1] != key):
            self.direct_history.append(key)

    def ensure(self, name: str, kind: SpeakerKind) -> str:
        """The entity key of a name a step found outside the entity mentions (a tagger miss), added if new."""
        key = entity_key(name, kind)
        if key not in self._groups:
            self._groups[key] = _Group(key, name, kind, "")
        return key

    def _nearby(self, pos: int) -> list[tuple[str, int, bool]]:
        """(entity key, nearest mention start, after pos) for the entities named around `pos`, nearest first."""
        found: dict[str, tuple[int, bool]] = {}
        i = bisect.bisect_left(self._starts, pos)
        j = i
        para = self._para(pos)
        while j < len(self._mentions) and self._starts[j] - pos <= AFTER and self._para(self._starts[j]) == para:
            found.setdefault(self._key_of[j], (self._starts[j], True))
            j += 1
        for k in range(i - 1, -1, -1):
            if pos - self._mentions[k].end > WINDOW or len(found) >= 3 * MAX_ENTITIES or i - k > MAX_SCAN:
                break
            key = self._key_of[k]
            if key not in found or found[key][1]:
                found[key] = (self._starts[k], False)
        ordered = sorted(found.items(), key=lambda kv: abs(pos - kv[1][0]))
        return [(k, p, after) for k, (p, after) in ordered[:MAX_ENTITIES]]

    def build(self, pos: int, mclass: str, mention: Mention | None, picks: dict[str, str],
              unnamed: str = "", document: bool = False) -> list[Candidate]:
        """Candidates for a record at char `pos`; `picks` maps a step's name to the entity key it chose;
        `unnamed` is the unnamed source the steps chose (a description, a continued one), if any."""
        cands: list[Candidate] = []
        feature = pronoun_feature(mention.head.lower_) if mention is not None and mention.kind is MentionKind.PRONOUN else ""
        keys = self._nearby(pos)
        seen = {k for k, _, _ in keys}
        for extra in [*picks.values(), *self.history[-2:]]:
            if extra and extra not in seen and extra in self._groups:
                seen.add(extra)
                keys.append((extra, -1, False))
        counts = {k: bisect.bisect_left(g.positions, pos) for k, g in self._groups.items() if k in seen}
        top = max(counts.values(), default=0)
        head = mention.head.lemma_.lower() if mention is not None and mclass == "desc" else ""
        desc = self._description_class(mention, document) if head else ""
        linked = self._linked_before(pos) if document else []
        for rank, (key, at, after) in enumerate(keys):
            g = self._groups[key]
            if feature in ("m", "f") and g.kind is SpeakerKind.ORGANIZATION:
                continue  # he/she never stands for an organisation (a gender guessed from a name may be wrong)
            if desc.startswith("own") and mention is not None and not mention.start <= at < mention.end:
                continue  # a poll or data is its own source, or the one named in it ("numbers from Statistics Canada")
            f: dict[str, float] = {f"bias:{mclass}:entity": 1.0}
            for step, chosen in picks.items():
                if chosen == key:
                    f[f"step:{step}"] = 1.0
                    f[f"step:{step}:{mclass}"] = 1.0
            self._history_features(f, key, mclass)
            self._place_features(f, pos, at, after, rank, mclass)
            f["kind:org" if g.kind is SpeakerKind.ORGANIZATION else "kind:person"] = 1.0
            f[f"kind:{g.kind.value}:{mclass}"] = 1.0
            if feature:
                f["agree" if compatible(feature, g.kind, g.gender) else "disagree"] = 1.0
                if feature in ("m", "f") and g.gender == feature:
                    f["gender_same"] = 1.0
            n = counts.get(key, 0)
            f["mentions"] = _salience(n) / 3
            f["most_mentioned"] = float(n == top and n > 0)
            if head and head in self.context_words(key):
                f["head_near_name"] = 1.0
            f[f"label:{g.label}"] = 1.0
            if mclass == "pm" or mclass == "desc":  # where a place or a title is the likely mistake
                f[f"label:{g.label}:{mclass}"] = 1.0
            if desc:
                f[f"desc:{desc}:{g.kind.value}"] = 1.0
            if key in linked:
                f["doc_link:last" if key == linked[-1] else "doc_link"] = 1.0
            if g.kind is SpeakerKind.PERSON and len(g.name.split()) == 1:
                f["one_word_person"] = 1.0
            if g.subjects:
                f["subject"] = _salience(g.subjects) / 2
            if mention is not None and after and mention.start <= at < mention.end:
                f["inside_mention"] = 1.0
                if document:
                    f["inside_document"] = 1.0
            if key in self.spoke_at:
                f[f"spoke_para:{min(self._para(pos) - self.spoke_at[key], 2)}"] = 1.0
            cands.append(Candidate(ENTITY, g.name, g.kind, key, f))
        if mclass == "desc" and mention is not None:
            f = self._written_features(mention)
            f[f"written:{desc}"] = 1.0
            if document:
                f["written:document"] = 1.0
            if unnamed:
                f["written:steps"] = 1.0
            cands.append(Candidate(WRITTEN, mention.text, SpeakerKind.UNNAMED, "", f))
        elif unnamed:
            cands.append(Candidate(WRITTEN, unnamed, SpeakerKind.UNNAMED, "",
                                   {f"bias:{mclass}:written": 1.0, "written:steps": 1.0}))
        cands.append(Candidate(NOBODY, features={f"bias:{mclass}:nobody": 1.0}))
        return cands

    @staticmethod
    def _description_class(mention: Mention | None, document: bool) -> str:
        """'doc' for a document, 'org' for an organisation noun ("the city"), 'own' for its own source ("the
        latest poll", "government data"), else 'person', with ':def' for a definite singular ("the rookie
        defenceman": likely someone named before)."""
        if mention is None:
            return ""
        head = mention.head
        cls = "doc" if document else head_class(head)
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)
        return f"{cls}:def" if definite and head.tag_ not in ("NNS", "NNPS") else cls

    def _linked_before(self, pos: int) -> list[str]:
        """Entity keys tied to a document mentioned before `pos`, oldest first: its issuer ("a report by the PBO"),
        or who spoke through it ("Philip Cross wrote in a recent report")."""
        if self._doc_links is None:
            self._doc_links = []
            for t in self._doc:
                if t.pos_ not in ("NOUN", "PROPN") or not is_document(t):
                    continue
                found = issuer(mention_of(t)) or author(t)
                key = self._group_for(*found) if found is not None else ""
                if key:
                    self._doc_links.append((t.idx, key))
        keys = [k for at, k in self._doc_links if at < pos and pos - at <= 4 * WINDOW]
        return list(dict.fromkeys(reversed(keys)))[::-1]

    def _group_for(self, name: str, kind: SpeakerKind) -> str:
        """The entity key of a name found outside the entity mentions: its own, else the entity whose name ends
        in the same word ("economist Philip Cross" tagged as one organisation is Philip Cross), else ''."""
        key = entity_key(name, kind)
        if key in self._groups:
            return key
        last = key.split()[-1].removeprefix("o:").removeprefix("p:") if key[2:] else ""
        return next((k for k in self._groups if k[2:].split() and k[2:].split()[-1] == last), "")

    def _history_features(self, f: dict[str, float], key: str, mclass: str) -> None:
        if self.history and self.history[-1] == key:
            f["prev"] = 1.0
            f[f"prev:{mclass}"] = 1.0
        elif len(self.history) > 1 and self.history[-2] == key:
            f["prev2"] = 1.0
            f[f"prev2:{mclass}"] = 1.0
        if self.direct_history and self.direct_history[-1] == key:
            f["prev_direct"] = 1.0
        if self.spoke.get(key):
            f["spoke"] = _salience(self.spoke[key]) / 2

    def _place_features(self, f: dict[str, float], pos: int, at: int, after: bool, rank: int, mclass: str) -> None:
        if at < 0:
            f["far"] = 1.0
            return
        f["dist"] = math.log1p(abs(pos - at)) / 8
        sents = abs(self._sent(pos) - self._sent(at))
        paras = abs(self._para(pos) - self._para(at))
        f[f"sent:{min(sents, 3)}"] = 1.0
        f[f"para:{min(paras, 2)}"] = 1.0
        f[f"rank:{min(rank, 3)}"] = 1.0
        f[f"rank:{min(rank, 3)}:{mclass}"] = 1.0
        if after:
            f["after"] = 1.0
            f[f"after:{mclass}"] = 1.0
        if self._in_quote.contains(at):
            f["in_quote"] = 1.0

    @staticmethod
    def _written_features(mention: Mention) -> dict[str, float]:
        f: dict[str, float] = {"bias:desc:written": 1.0}
        dets = [c.lower_ for c in mention.head.children if c.dep_ in ("det", "nummod", "amod", "poss")]
        if any(d in _INDEFINITE for d in dets) or not dets:
            f["written:indefinite"] = 1.0
        if mention.head.tag_ in ("NNS", "NNPS"):
            f["written:plural"] = 1.0
        if any(c.dep_ == "prep" for c in mention.head.children):
            f["written:of"] = 1.0
        if mention.kind is MentionKind.ORG_NAME or mention.kind is MentionKind.PERSON_NAME:
            f["written:named"] = 1.0
        return f
