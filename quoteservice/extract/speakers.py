"""Resolve speaker mentions to named people and organisations, once per article (README: How speakers are found).

Names come straight from the mention; descriptions through an appositive name, a role the article
states next to a name (roles.py) or a place or body it names; pronouns through an ordered table of
steps (PRONOUN_STEPS), each checked for agreement against the article's entities (entities.py).
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from quoteservice.extract.documents import is_document
from quoteservice.extract.entities import ArticleEntities, EntityMention, agreement, compatible, pronoun_feature
from quoteservice.extract.filters import paragraphs
from quoteservice.extract.mentions import Mention, MentionKind, head_class, mention_of, person_names
from quoteservice.extract.pronouns import PronounResolver
from quoteservice.extract.roles import RoleTable
from quoteservice.extract.model import Method, SpeakerKind
from quoteservice.extract.wordlists import words

_ANAPHORIC = words("anaphoric_determiners")
_INDEFINITE = words("indefinite_determiners")
_AGE = re.compile(r"\d+ ?- ?year ?- ?old")
_OWN_REFERENT = frozenset({"prep", "relcl", "acl", "appos", "poss", "nmod"})  # "the judge in the case"

@dataclass(frozen=True)
class Resolution:
    """Who a mention stands for, before ids are assigned."""

    name: str  # a proper name, or the mention text for unnamed sources
    kind: SpeakerKind
    method: Method
    role: str = ""
    confidence: float | None = None  # the ranker's calibrated probability, when the ranker decided


_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "relcl", "pcomp", "dobj", "pobj", "prep", "advcl", "acl", "conj"})
_NOUN_LINKS = frozenset({"pobj", "prep", "dobj", "attr", "npadvmod", "appos", "conj"})


def _matrix_subject(pron: Token) -> Token | None:
    """The nearest subject before `pron` of a clause that embeds the pronoun's clause, if any.

    A possessive binds to the subject of the clause its noun sits in ("Putin has stuck with his
    insistence that …"): his is Putin.
    """
    if pron.dep_ == "poss":
        t = pron.head
        for _ in range(4):
            if t.pos_ in ("VERB", "AUX") or t.dep_ not in _NOUN_LINKS or t.head.i == t.i:
                break
            t = t.head
        while t.dep_ == "conj" and t.head.i != t.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            t = t.head  # "… and has accused Ukraine of …" shares the first verb's subject
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj if subj is not None and subj.i < pron.i and subj.pos_ != "PRON" else None
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pron.head
    lo, hi = clause.left_edge.i, clause.right_edge.i  # the pronoun's clause (projective: one range)
    t = clause
    for _ in range(4):
        if t.dep_ not in _CLAUSE_LINKS or t.head.i == t.i:
            return None
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and not lo <= c.i <= hi), None)
        if subj is not None:
            return subj if subj.i < pron.i else None
    return None


class SpeakerResolver:
    """Per-article resolution of mentions against the article's entities (entities.py).

    A pronoun speaker is decided by the first step of PRONOUN_STEPS that finds one agreeing with it
    (gender, person or organisation): bound by the clause that embeds it ("Ban condemned what he
    called …"); first person (a quotation's speaker, or the voice of an interview or speech); quote
    context; subject continuity; the nearest agreeing name, coreferee breaking a tie; else UNKNOWN.
    """

    FALLBACK_CHARS = 1500
    AGED_LOOKBACK = 600  # tokens looked back for the "a …" that introduced an unnamed source of the same head
    NEAREST_SCAN = 64  # mentions the nearest-name walk looks at: a name-dense window stays as cheap as a sparse one
    CONTINUITY_SENTENCES = 3  # earlier sentences a pronoun's subject continuity looks through

    def __init__(self, doc: Doc, pronouns: PronounResolver | None = None, names: list[SpacySpan] | None = None,
                 skip: Callable[[int], bool] | None = None, quoted: Callable[[int], bool] | None = None) -> None:
        """`skip(char)`: page furniture, which names nobody; `quoted(char)`: inside a quotation."""
        self._doc = doc
        self._quoted = quoted or (lambda _: False)
        self._coref = pronouns.for_doc(doc) if pronouns is not None else None
        self.names = person_names(doc) if names is None else names  # the article's person names
        self.entities = ArticleEntities(doc, self.names, skip)
        self._roles = RoleTable(doc, self.names)
        self._name_at = {i: n for n in self.names for i in range(n.start, n.end)}  # token -> person name
        self._surnames = {n[-1].lower_ for n in self.names}
        self._paragraph_starts = [p[0] for p in paragraphs(doc.text)]
        self._recent: list[tuple[int, Resolution]] = []  # (char position, named resolution)
        self._quotes: list[tuple[int, int, Resolution]] = []  # direct quotations and their speakers
        self._continued: dict[int, Resolution | None] = {}  # subject continuity, by pronoun token
        self._steps = [getattr(self, f"_step_{s}") for s in self.PRONOUN_STEPS]
        self._ents_by_start = {e.start: e for e in doc.ents if e.label_ in ("PERSON", "ORG")}

    def remember(self, position: int, res: Resolution) -> None:
        """Record a named speaker at `position` so later pronouns can refer to it."""
        if res.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION):
            bisect.insort(self._recent, (position, res), key=lambda r: r[0])

    def remember_quote(self, start: int, end: int, res: Resolution) -> None:
        """Record a quotation's speaker, so an I/we inside it speaks as that speaker (named or not)."""
        if res.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.UNNAMED):
            self._quotes.append((start, end, res))

    def _agrees(self, res: Resolution, feature: str) -> bool:
        return compatible(feature, res.kind, self.entities.gender(res.name) if res.kind is SpeakerKind.PERSON else "")

    def last_named(self, before: int, kind: SpeakerKind, feature: str = "") -> tuple[int, Resolution] | None:
        """The most recent named speaker of `kind` (agreeing with `feature`) within FALLBACK_CHARS."""
        recent = self._recent  # sorted by position, so the walk back stops at the window's edge
        for i in range(bisect.bisect_left(recent, before, key=lambda r: r[0]) - 1, -1, -1):
            pos, res = recent[i]
            if before - pos > self.FALLBACK_CHARS:
                break
            if res.kind == kind and (not feature or self._agrees(res, feature)):
                return pos, res
        return None

    def _paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, pos)

    def _nearest_names(self, mention: Mention, feature: str) -> tuple[EntityMention | None, EntityMention | None]:
        """The nearest agreeing named clause subject and the nearest agreeing name of any role before
        the pronoun, within FALLBACK_CHARS, in one walk back. A pronoun outside quotations does not take up a
        name spoken inside one ("“Surrey has 70,000 students,” she said": she is not Surrey)."""
        anyrole = None
        outside = not self._quoted(mention.start)
        for m in itertools.islice(self.entities.before(mention.start), self.NEAREST_SCAN):
            if mention.start - m.end > self.FALLBACK_CHARS:
                break
            if outside and self._quoted(m.start):
                continue
            if compatible(feature, m.kind, m.gender):
                anyrole = anyrole or m
                if m.subject:
                    return m, anyrole
        return None, anyrole

    def _in_context(self, mention: Mention, feature: str) -> Resolution | None:
        """The last agreeing named speaker quoted in the same or the previous paragraph.

        A named subject that agrees and comes after that speaker's cue takes over ("“…,” Peskov said.
        Putin met Macron. He said …": he is Putin).
        """
        found = self.last_named(mention.start, SpeakerKind.PERSON, feature)
        if found is None:
            return None
        pos, res = found
        if self._paragraph(mention.start) - self._paragraph(pos) > 1:
            return None
        later, _ = self._nearest_names(mention, feature)
        if later is not None and later.start > pos and self._paragraph(later.start) >= self._paragraph(pos) \
                and not self._same_person(later.name, res.name):
            return Resolution(later.name, later.kind, Method.COREFERENCE)
        return Resolution(res.name, res.kind, Method.FALLBACK, res.role)

    @staticmethod
    def _same_person(a: str, b: str) -> bool:
        return a.split()[-1:] == b.split()[-1:]

    def _continued_subject(self, token: Token, feature: str) -> Resolution | None:
        """The subject a pronoun continues: the main subject of the nearest earlier sentence (in this
        paragraph or the one before) that agrees, a name or an agreeing pronoun resolved the same way."""
        if token.i in self._continued:
            return self._continued[token.i]
        self._continued[token.i] = None  # a cycle guard while this one is being decided
        doc, found = self._doc, None
        start, para = token.sent.start, self._paragraph(token.idx)
        for _ in range(self.CONTINUITY_SENTENCES):
            if start == 0:
                break
            sent = doc[start - 1].sent
            start = sent.start
            if para - self._paragraph(sent.start_char) > 1:
                break
            subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            if subj.pos_ == "PRON":
                if pronoun_feature(subj.lower_) == feature:
                    found = self._continued_subject(subj, feature) or self._in_context(mention_of(subj), feature)
                    break
                continue
            name = self._name_at.get(subj.i)
            if name is not None:
                res = Resolution(name.text, SpeakerKind.PERSON, Method.COREFERENCE)
                if self._agrees(res, feature):
                    found = res
                    break
        if found is not None:
            found = dataclasses.replace(found, method=Method.COREFERENCE)
        self._continued[token.i] = found
        return found

    def _coreference(self, mention: Mention, feature: str) -> Resolution | None:
        """The agreeing named person coreferee links the pronoun to, if any."""
        if self._coref is None:
            return None
        for i in self._coref.antecedents(mention.head.i):
            name = self._name_at.get(i)
            if name is not None:
                res = Resolution(name.text, SpeakerKind.PERSON, Method.COREFERENCE)
                return res if self._agrees(res, feature) else None
        return None

    def _bound(self, mention: Mention, feature: str) -> Resolution | None:
        """A pronoun bound by the subject of the clause that embeds its own.

        "Ban Ki-moon condemned what he called …", "Trump said he told …": he is Ban, Trump. A
        he/she needs an agreeing person name there; it an organisation; they an organisation or a
        description.
        """
        subj = _matrix_subject(mention.head)
        if subj is None:
            return None
        if feature in ("m", "f"):
            name = self._name_at.get(subj.i)
            if name is None:
                return None
            res = Resolution(name.text, SpeakerKind.PERSON, Method.COREFERENCE)
            return res if self._agrees(res, feature) else None
        if subj.pos_ == "PRON":
            return None
        res = self.resolve(mention_of(subj))
        if res.kind is SpeakerKind.ORGANIZATION or (res.kind is SpeakerKind.UNNAMED and feature == "group"):
            return dataclasses.replace(res, method=Method.COREFERENCE)
        return None

    def _resumptive(self, mention: Mention, feature: str) -> Resolution | None:
        """A subject pronoun that takes up a subject written just before it: "the head of NATO, Hoop Scheffer, he has explained"."""
        head = mention.head
        if head.dep_ not in ("nsubj", "nsubjpass") or head.i == 0 or head.doc[head.i - 1].text != ",":
            return None
        other = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i), None)
        if other is None or other.pos_ == "PRON":
            return None
        res = self.resolve(mention_of(other))
        if res.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION) and self._agrees(res, feature):
            return dataclasses.replace(res, method=Method.COREFERENCE)
        return None

    def _first_person(self, mention: Mention, feature: str) -> Resolution | None:
        """I/we inside a quotation speak as its speaker; a first-person I outside any, as the article's voice."""
        # quotations arrive in text order; the innermost one holding the pronoun starts last before it
        i = bisect.bisect_right(self._quotes, mention.start, key=lambda q: q[0])
        inside = next((r for s, e, r in reversed(self._quotes[max(0, i - 3): i]) if mention.start < e), None)
        if inside is not None:
            return dataclasses.replace(inside, method=Method.COREFERENCE)
        voice = self.entities.voice if feature == "first" else None
        if voice is None:
            return None
        return Resolution(voice.name, SpeakerKind.PERSON, Method.FALLBACK)

    def _step_bound(self, mention: Mention, feature: str) -> Resolution | None:
        return self._bound(mention, feature) or self._resumptive(mention, feature)

    def _step_first_person(self, mention: Mention, feature: str) -> Resolution | None:
        return self._first_person(mention, feature) if feature in ("first", "first_plural") else None

    def _step_quote_context(self, mention: Mention, feature: str) -> Resolution | None:
        return self._in_context(mention, feature) if feature in ("m", "f") else None

    def _step_continuity(self, mention: Mention, feature: str) -> Resolution | None:
        return self._continued_subject(mention.head, feature) if feature in ("m", "f") else None

    def _step_nearest(self, mention: Mention, feature: str) -> Resolution | None:
        """The nearest agreeing name; when the nearest subject and the nearest mention of any role
        are different people, coreferee decides between them (one cached call per article region)."""
        if feature == "org":
            last = self.last_named(mention.start, SpeakerKind.ORGANIZATION)
            return dataclasses.replace(last[1], method=Method.FALLBACK) if last is not None else None
        if feature not in ("m", "f"):
            return None
        subject, anyrole = self._nearest_names(mention, feature)
        if subject is not None and anyrole is not None and not self._same_person(subject.name, anyrole.name):
            linked = self._coreference(mention, feature)
            if linked is not None and any(self._same_person(linked.name, c.name) for c in (subject, anyrole)):
                return linked
        near = subject or anyrole
        return Resolution(near.name, near.kind, Method.FALLBACK) if near is not None else None

    #: The order in which a pronoun's speaker is decided: the first step that finds one wins.
    PRONOUN_STEPS: tuple[str, ...] = ("bound", "first_person", "quote_context", "continuity", "nearest")

    def _pronoun(self, mention: Mention) -> Resolution:
        feature = pronoun_feature(mention.head.lower_)
        for step in self._steps:
            found = step(mention, feature)
            if found is not None:
                return found
        return Resolution(mention.text, SpeakerKind.UNKNOWN, Method.NONE)

    def step_picks(self, mention: Mention) -> dict[str, Resolution]:
        """What each step would pick for a pronoun or a description on its own (the ranker's features).

        The nearest step is given as its two parts (the nearest agreeing subject, the nearest agreeing name): the
        coreferee call that breaks their tie would cost more than the parse if made for every pronoun.
        """
        found: dict[str, Resolution | None] = {}
        if mention.kind is MentionKind.PRONOUN:
            feature = pronoun_feature(mention.head.lower_)
            for name, step in zip(self.PRONOUN_STEPS, self._steps):
                if name != "nearest":
                    found[name] = step(mention, feature)
            if feature in ("m", "f"):
                subject, anyrole = self._nearest_names(mention, feature)
                for name, near in (("nearest_subject", subject), ("nearest_name", anyrole)):
                    found[name] = Resolution(near.name, near.kind, Method.FALLBACK) if near is not None else None
        elif mention.kind is MentionKind.DESCRIPTION:
            found["appositive"] = self._appositive(mention)
            found["role"] = self._by_role(mention)
            found["label"] = self._by_label(mention)
        return {k: r for k, r in found.items()
                if r is not None and r.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION)}

    def _by_role(self, mention: Mention) -> Resolution | None:
        name = self._roles.match(mention.head, mention.start)
        return Resolution(name, SpeakerKind.PERSON, Method.ROLE) if name is not None else None

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
        if mention.head.text[:1].isupper() and mention.head.lower_ in self._surnames \
                and not any(c.dep_ == "det" for c in mention.head.children):
            # a surname of the article's people the tagger missed ("Trump this week also said", Trump read as a verb)
            return Resolution(mention.head.text, SpeakerKind.PERSON, Method.EXPLICIT)
        found = self._appositive(mention) or self._by_role(mention) or self._by_label(mention) \
            or self._possessor(mention) or self._aged(mention)
        if found is not None:
            return found
        return Resolution(mention.text, SpeakerKind.UNNAMED, Method.EXPLICIT)

    def _aged(self, mention: Mention) -> Resolution | None:
        """A definite person description by age ("The 32-year-old labourer says", "the 57-year-old scientist") is the
        nearest named person who is a clause subject in this paragraph or the one before.

        Not one that sets up its own referent ("the 40-year-old judge in the case"), one whose head an earlier
        "a …" introduced as an unnamed source, a plural, an organisation or a document. Role and epithet
        descriptions ("the former president", "the billionaire businessman") were tried this way and named the
        wrong one of two people more often than the right one on PolNeAR train, so they are left to the ranker.
        """
        head = mention.head
        if head.tag_ != "NN" or mention.start != head.left_edge.idx or head.ent_type_ or is_document(head) \
                or head_class(head) != "person":
            return None
        lemma = head.lemma_.lower()
        dets = [c for c in head.children if c.dep_ == "det"]
        if len(dets) != 1 or dets[0].lower_ != "the":
            return None
        if any(c.dep_ in _OWN_REFERENT or c.pos_ == "PROPN" for c in head.children):
            return None
        doc, para = self._doc, self._paragraph(mention.start)
        if _AGE.search(doc[head.left_edge.i: head.i].text) is None:
            return None
        if any(t.lemma_.lower() == lemma and any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in t.children)
               for t in doc[max(0, head.i - self.AGED_LOOKBACK): head.i]):
            return None
        for m in itertools.islice(self.entities.before(mention.start), self.NEAREST_SCAN):
            if para - self._paragraph(m.start) > 1:
                break
            if m.kind is SpeakerKind.PERSON and m.subject and not self._quoted(m.start):
                return Resolution(m.name, SpeakerKind.PERSON, Method.COREFERENCE)
        return None

    def _possessor(self, mention: Mention) -> Resolution | None:
        """A document owned by a pronoun speaks as whoever the pronoun is: "“…,” her statement read" is hers
        (a "my"/"our" inside a quotation, its speaker's)."""
        if not is_document(mention.head):
            return None
        poss = next((c for c in mention.head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is None:
            return None
        res = self._pronoun(mention_of(poss))
        if res.kind in (SpeakerKind.PERSON, SpeakerKind.ORGANIZATION):
            return dataclasses.replace(res, method=Method.COREFERENCE)
        return None

    def _appositive(self, mention: Mention) -> Resolution | None:
        """A name in apposition to the description: "a Washington lobby group, the Center for … (CSIS)"."""
        heads = [c for c in mention.head.children if c.dep_ == "appos" and c.i > mention.head.i]
        doc = mention.head.doc
        after = mention.head.i + 1
        if after + 1 < len(doc) and doc[after].text == ",":  # an appositive the parser hung elsewhere
            first = after + 2 if doc[after + 1].lower_ == "the" and doc[after + 1].ent_iob_ != "B" else after + 1
            ent = self._ents_by_start.get(first)
            if ent is not None and ent.end < len(doc) and doc[ent.end].text in (",", "(", ")"):  # closed off
                heads.append(ent.root)
        for head in heads:
            named = mention_of(head)
            if named.kind in (MentionKind.PERSON_NAME, MentionKind.ORG_NAME):
                return dataclasses.replace(self.resolve(named), method=Method.ROLE)
        return None

    def _by_label(self, mention: Mention) -> Resolution | None:
        """A definite place or body ("the city", "the station") is the last such entity the article names, unless
        an earlier one's name holds the description's noun: "the commission" is the Securities and Exchange
        Commission, "the city" the City of Surrey. A description with its own modifiers takes only a name that
        holds them too ("the budget office" the Congressional Budget Office, "the Russian government" no Ukrainian one)."""
        head = mention.head
        labels = agreement()["description_labels"].get(head.lemma_.lower())
        if not labels or not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in head.children):
            return None
        if any(c.dep_ in ("poss", "nmod") for c in head.children):
            return None  # "Ukraine's defense ministry" says which one itself
        noun = {head.lemma_.lower(), head.lower_}
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound")}
        last: EntityMention | None = None
        for m in self.entities.before(mention.start):
            if mention.start - m.end > self.FALLBACK_CHARS:
                break
            if m.label not in labels:
                continue
            name = set(m.name.lower().split())
            if noun & name and modifiers <= name:
                return Resolution(m.name, SpeakerKind.ORGANIZATION, Method.COREFERENCE)
            last = last or m
        if last is None or modifiers:
            return None
        return Resolution(last.name, SpeakerKind.ORGANIZATION, Method.COREFERENCE)
