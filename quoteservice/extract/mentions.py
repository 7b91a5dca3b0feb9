"""The speaker mention as written, and what kind of expression it is (name, pronoun, description)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from quoteservice.extract.entities import agreement, given_name_gender
from quoteservice.extract.wordlists import words

_TIME_PREPS = words("frame_time_prepositions")

# Dependents that are not part of a speaker mention ("Macron, who is also campaigning ..., said").
_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "punct"})
_PERSON = frozenset({"PERSON"})
_ORG = frozenset({"ORG", "GPE", "NORP", "FAC"})
_DETERMINERS = words("determiners")
_HEADLINE_VERBS = words("headline_verbs")
_OWN_SOURCE = words("own_source_nouns")


class MentionKind(str, Enum):
    PERSON_NAME = "person_name"
    ORG_NAME = "org_name"
    PRONOUN = "pronoun"
    DESCRIPTION = "description"


@dataclass(frozen=True)
class Mention:
    """A speaker mention: its char span, head token, kind and (for names) the name as written."""

    start: int
    end: int
    text: str
    head: Token
    kind: MentionKind
    name: str = ""  # the proper name inside the mention ("Dmitry Peskov"), if any
    role: str = ""  # words before the name ("Kremlin Spokesman"), if any
    written: tuple[int, int] | None = None  # the relative pronoun standing for it ("Makei, who said"), if any


def person_names(doc) -> list[SpacySpan]:
    """PERSON entities, split where NER ran across a quote mark or comma ('Vladimir Putin" Macron')."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].is_quote or doc[i].is_space or doc[i].text in ",;:()[]":
                run = doc[start:i]
                run = _strip_headline_verb(run)
                if len(run) and any(t.is_alpha for t in run):
                    out.append(_strip_possessive(run))
                start = i + 1
    return out


def _kept_tokens(head: Token) -> list[Token]:
    keep = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _DROP_DEPS and not (c.dep_ == "punct" and c.i < head.i and c.text in "’'") \
                    and not _inner_hyphen(c):
                continue
            if (c.dep_ == "prep" and c.lower_ in _TIME_PREPS and c.i > head.i) \
                    or (c.dep_ == "npadvmod" and t is head and c.ent_type_ in ("DATE", "TIME")):
                continue  # "said Peskov on Monday", "Trump this week also said": when, not who
            keep.append(c)
            stack.append(c)
    return sorted(keep, key=lambda t: t.i)


def _inner_hyphen(token: Token) -> bool:
    """A hyphen inside a word, which the tokenizer split off: "Nelson-Jones", "El-Hassan" stay whole."""
    return token.text in "-‐‑" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_ \
        and token.i + 1 < len(token.doc) and token.doc[token.i + 1].is_alpha


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive kept tokens around the head (a relative clause cuts the mention)."""
    idx = {t.i for t in tokens}
    lo = hi = head.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    # adjectives in a row ("the lanky, bespectacled professor") stay
    while lo - 2 in idx and head.doc[lo - 1].text == "," and head.doc[lo - 2].dep_ == "amod" \
            and head.doc[lo - 2].head.i == head.i:
        lo -= 2
        while lo - 1 in idx:
            lo -= 1
    # an appositive after a comma ("the UN's human rights chief, Michelle Bachelet") stays
    while hi + 2 in idx and head.doc[hi + 1].text == ",":
        hi += 2
        while hi + 1 in idx:
            hi += 1
    return list(head.doc[lo: hi + 1])


def _entity(tokens: list[Token], head: Token, labels: frozenset[str], *, modifiers: bool = False) -> SpacySpan | None:
    """The entity of `labels` inside the mention (clipped to it: NER may run across a quote mark).

    A name that only modifies the head ("a Putin aide") counts only with `modifiers`.
    """
    doc = head.doc
    found: list[SpacySpan] = []
    lo, hi = tokens[0].i, tokens[-1].i
    for ent in _ents_within(doc, lo, hi):
        if ent.label_ not in labels:
            continue
        start, end = ent.start, ent.end
        while start < end and not doc[start].is_alpha:
            start += 1
        while end > start and not (doc[end - 1].is_alpha or doc[end - 1].tag_ == "POS"):
            end -= 1
        if end > start:
            found.append(doc[start:end])
    if not found:
        return None
    for ent in found:
        if ent.start <= head.i < ent.end:
            return ent
    # a name that only modifies the head ("a Putin aide", "Zelensky's advisers") is not the speaker
    named = [e for e in found if modifiers or not (e.root.dep_ in ("compound", "poss", "nmod")
                                                   and e.root.head.pos_ == "NOUN" and not e.root.head.ent_type_)]
    return named[-1] if named else None


def _ents_within(doc, lo: int, hi: int) -> list[SpacySpan]:
    """Entity pieces inside tokens lo..hi, read from token IOB tags (doc.ents rebuilds every entity)."""
    out: list[SpacySpan] = []
    start = None
    for i in range(lo, hi + 2):
        tok = doc[i] if i <= hi else None
        if start is not None and (tok is None or tok.ent_iob_ != "I" or tok.ent_type_ != doc[start].ent_type_):
            out.append(SpacySpan(doc, start, i, label=doc[start].ent_type_))
            start = None
        if tok is not None and tok.ent_iob_ in ("B", "I") and start is None:
            start = i
    return out


def _propn_chain(head: Token) -> SpacySpan | None:
    """A capitalised proper-noun run ending at the head when NER missed the name."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    lo = head.i
    while lo > 0 and head.doc[lo - 1].pos_ == "PROPN" and head.doc[lo - 1].dep_ == "compound":
        lo -= 1
    return head.doc[lo: head.i + 1]


def _strip_headline_verb(span: SpacySpan) -> SpacySpan:
    """A title-case headline verb that NER took into a name: "Obama Says" -> "Obama"."""
    return span[:-1] if len(span) > 1 and span[-1].text in _HEADLINE_VERBS else span


def _strip_possessive(span: SpacySpan) -> SpacySpan:
    if len(span) > 1 and span[-1].tag_ == "POS":
        return span[:-1]
    return span


def _role_before(tokens: list[Token], name: SpacySpan) -> str:
    """The role words before a name as the article writes them ("UN’s human rights chief"), without a leading article."""
    words = [t for t in tokens if t.i < name.start and not t.is_punct and t.lower_ not in _DETERMINERS]
    if not words:
        return ""
    return name.doc.text[words[0].idx: words[-1].idx + len(words[-1].text)].strip()


def mention_of(head: Token, tokens: list[Token] | None = None) -> Mention:
    """Build the mention for a speaker head token (its parse subtree, or the given token run)."""
    tokens = list(tokens) if tokens else _contiguous(_kept_tokens(head), head)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):  # "an unnamed U.S. official\n\n"
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        tokens = [head]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = head.doc[tokens[0].i: tokens[-1].i + 1].text
    if head.pos_ == "PRON" or head.tag_ in ("PRP", "WP"):
        return Mention(start, end, text, head, MentionKind.PRONOUN)
    person = _entity(tokens, head, _PERSON)
    if person is not None:
        return _person_mention(start, end, text, head, tokens, _strip_possessive(person))
    org = _entity(tokens, head, _ORG)
    if org is not None and org.start <= head.i < org.end:
        org = _strip_possessive(org)
        inner = person_in_org(org)
        if inner is not None:  # "Major-General Igor Konashenkov" read as an organisation
            return Mention(start, end, text, head, MentionKind.PERSON_NAME, inner.text,
                           _role_before(tokens, inner))
        return Mention(start, end, text, head, MentionKind.ORG_NAME, org.text)
    chain = _propn_chain(head)
    if chain is not None:
        return _person_mention(start, end, text, head, tokens, chain)
    modifier = _entity(tokens, head, _ORG, modifiers=True)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if modifier is not None and modifier.root.ent_type_ == "ORG" and definite and _org_head(head):  # "the Interfax news agency"
        return Mention(start, end, text, head, MentionKind.ORG_NAME, _strip_possessive(modifier).text)
    return Mention(start, end, text, head, MentionKind.DESCRIPTION)


def _person_mention(start: int, end: int, text: str, head: Token, tokens: list[Token], name: SpacySpan) -> Mention:
    if _org_head(name[-1]):  # "Kyiv Independent" read as a person
        return Mention(start, end, text, head, MentionKind.ORG_NAME, name.text)
    name = _with_initials(name, tokens)
    return Mention(start, end, text, head, MentionKind.PERSON_NAME, name.text, _role_before(tokens, name))


_INITIAL = re.compile(r"(?:[A-Z]\.)+")


def _with_initials(name: SpacySpan, tokens: list[Token]) -> SpacySpan:
    """The name with the initials NER left out before it: "W. W. Rouse Ball", "J. R. R. Tolkien" (not a role)."""
    kept = {t.i for t in tokens}
    start = name.start
    while start - 1 in kept and _INITIAL.fullmatch(name.doc[start - 1].text):
        start -= 1
    return name.doc[start: name.end] if start < name.start else name


def _org_head(token: Token) -> bool:
    """A word that makes a name an organisation's ("Independent", "Times", "agency": data org_heads)."""
    return token.lower_ in _org_heads()


@functools.cache
def _org_heads() -> frozenset[str]:
    return frozenset(agreement()["org_heads"])


def head_class(head: Token) -> str:
    """What a description's head says it stands for: 'org' ("the city", "the agency"), 'own' for its own source ("the
    latest poll", "government data"), else 'person'. A document noun is told apart by documents.is_document."""
    lemma = head.lemma_.lower()
    if lemma in _org_nouns():
        return "org"
    return "own" if lemma in _OWN_SOURCE else "person"


@functools.cache
def _org_nouns() -> frozenset[str]:
    return words("organisation_nouns") | _org_heads()


def person_in_org(org: SpacySpan) -> SpacySpan | None:
    """The "Given Surname" at the end of an ORG entity when it is a person's name with a title."""
    words = [t for t in org if t.is_alpha or "-" in t.text]
    if len(words) < 2 or _org_head(words[-1]) or not words[-1].text[:1].isupper():
        return None
    given = words[-2]
    if not given.text[:1].isupper() or not given_name_gender(given.text):
        return None
    return org.doc[given.i: words[-1].i + 1]
