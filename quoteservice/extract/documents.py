"""Documents speak for their issuer where the article says who issued them (issue 27).

"A release from UFCW Local 832 said …" is UFCW Local 832's statement, "a study which is being released Monday by
Civic Action" Civic Action's, "the Kelowna Rockets' lawsuit" the Kelowna Rockets', "The RCMP statement" the RCMP's,
"the Security Council issued a statement calling …" the Security Council's. "The report said" takes up the nearest
written work before it ("A study by …", "Philip Cross wrote in a recent report"). A document the article does not
tie to a named issuer ("the report" alone, "the memo obtained by The Globe": a recipient, not the issuer) stays
an unnamed source. The mention keeps the document as written, so a reader still tells "said" from "said in a
statement".
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from quoteservice.extract.lexicon import load_lexicon
from quoteservice.extract.mentions import Mention, mention_of, person_in_org
from quoteservice.extract.model import SpeakerKind
from quoteservice.extract.wordlists import words

_DOCUMENTS = words("document_nouns")
_ISSUING = words("issuing_verbs")
_BY_OR_FROM = words("issuer_prepositions")
_PLACES = words("document_places")
_WORKS = words("document_works")
_DEFINITE = words("definite_determiners")
_ON_OR_AT = words("document_place_prepositions")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
ANTECEDENT_CHARS = 1500  # how far back a definite document ("the report") looks for the document it takes up
_CHAIN = 4  # how many definite documents a chain back to the first mention may pass through
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_CLAUSES = frozenset({"acl", "relcl"})
_NAME_PARTS = frozenset({"compound", "nummod"})


def is_document(head: Token) -> bool:
    """Whether a mention's head is a document noun ("statement", "release", "lawsuit": data document_nouns)."""
    return head.lemma_.lower() in _DOCUMENTS or head.lower_ in _DOCUMENTS


def issuer(mention: Mention) -> tuple[str, SpeakerKind] | None:
    """The named issuer of a document mention, as (name as written, PERSON or ORGANIZATION), or None.

    Looked for, in order: a possessive ("the Kelowna Rockets' lawsuit"), a proper-noun modifier ("the Civic Action
    study"), "from"/"by" X on the document or on a clause that issues it ("A release sent to media from UFCW Local
    832", "a study which is being released Monday by Civic Action"), and the subject of a verb that issues it ("the
    Security Council issued a statement").
    """
    head = mention.head
    if not is_document(head):
        return None
    for child in head.children:  # not in a title: "Canada’s Food Price Report" is no report of Food Price's
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN" and head.pos_ != "PROPN"):
            found = named(child)
            if found is not None:
                return found
    for clause in [head, *(c for c in head.children if c.dep_ in _CLAUSES and c.lemma_.lower() in _ISSUING)]:
        for prep in clause.children:
            if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in _BY_OR_FROM):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = named(obj)
                        if found is not None:
                            return found
    verb = head.head
    if head.dep_ == "dobj" and verb.lemma_.lower() in _ISSUING:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return named(subj)
    return _posted_on(head)


def _posted_on(head: Token) -> tuple[str, SpeakerKind] | None:
    """The owner of the website or page the document is on ("a document titled … on Canadian Pacific Railway's
    website"), read in the document's sentence after it and before any finite verb (the parse of a title is
    unreliable, so the tree is not followed)."""
    for tok in head.doc[head.i + 1: head.sent.end]:
        if tok.tag_ in _FINITE:
            return None
        if tok.lower_ in _PLACES and tok.head.lower_ in _ON_OR_AT:
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            return named(owner) if owner is not None else None
    return None


def author(head: Token) -> tuple[str, SpeakerKind] | None:
    """Who spoke through a document by writing or saying in it ("economist Philip Cross wrote in a recent report");
    not whoever did something else with it ("the WHL came up with a plan")."""
    if head.dep_ != "pobj" or head.head.lower_ != "in":  # not "Cruz would not comment on an executive order"
        return None
    verb = head.head.head
    if verb.lemma_.lower() not in load_lexicon().speech | _ISSUING:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return named(subj) if subj is not None else None


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children)


def antecedent_issuer(mention: Mention) -> tuple[str, SpeakerKind] | None:
    """The issuer of the document a definite one with none of its own takes up: "the report said" after "A study
    by the University of Calgary's School of Public Policy" is the School's, after "Philip Cross wrote in a recent
    report" Cross's. The antecedent is the nearest document mentioned before, within ANTECEDENT_CHARS; a definite
    antecedent without an issuer passes the question on to its own (up to _CHAIN steps)."""
    head = mention.head
    for _ in range(_CHAIN):
        if not is_document(head) or not _definite(head):
            return None
        before = _document_before(head)
        if before is None:
            return None
        found = issuer(mention_of(before)) or author(before)
        if found is not None:
            return found
        head = before
    return None


def _document_before(head: Token) -> Token | None:
    """The nearest document of the same kind before `head` (outside its own phrase), within ANTECEDENT_CHARS: the
    same noun, or two written works ("the report" after "a study"), never "the survey" after "an executive order"."""
    doc = head.doc
    lo = min(t.i for t in head.subtree)
    for tok in reversed(doc[:lo]):
        if head.idx - tok.idx > ANTECEDENT_CHARS:
            return None
        if tok.pos_ in ("NOUN", "PROPN") and is_document(tok) and tok.head.i != head.i and _determined(tok) \
                and _same_kind(tok, head):
            return tok
    return None


def _same_kind(a: Token, b: Token) -> bool:
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    return la == lb or (la in _WORKS and lb in _WORKS)


def _determined(tok: Token) -> bool:
    """A noun phrase that can introduce a document ("a report", "its study", "White Paper"), not a bare noun
    ("once the train was in motion")."""
    return tok.pos_ == "PROPN" or tok.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in tok.children)


def named(token: Token) -> tuple[str, SpeakerKind] | None:
    """The named entity (or proper-noun run) `token` belongs to, as (text, kind), or None."""
    doc = token.doc
    if token.ent_type_ in _NAMED:
        span = _entity_at(token)
        label = token.ent_type_
        parts = [t.i for t in token.children if t.dep_ in _NAME_PARTS and abs(t.i - token.i) <= 3]
        lo, hi = min([span.start, *parts]), max([span.end - 1, *parts]) + 1  # "UFCW Local" + "832"
        span = doc[lo:hi]
    elif token.ent_type_:
        return None  # a date or a number ("the union's Friday release")
    elif token.pos_ == "PROPN" and token.text[:1].isupper():
        lo = token.i
        while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].dep_ == "compound":
            lo -= 1
        span = doc[lo: token.i + 1]
        label = "ORG"
    else:
        return None
    while len(span) and (span[0].lower_ == "the" or not (span[0].is_alpha or span[0].like_num)):
        span = span[1:]
    while len(span) and (span[-1].tag_ == "POS" or not (span[-1].is_alpha or span[-1].like_num)):
        span = span[:-1]
    if not len(span) or not any(t.text[:1].isupper() for t in span):
        return None
    person = person_in_org(span) if label != "PERSON" else None
    if person is not None and person.start > span.start:  # "economist Philip Cross" read as an organisation
        return person.text, SpeakerKind.PERSON
    return span.text, SpeakerKind.PERSON if label == "PERSON" else SpeakerKind.ORGANIZATION


def _entity_at(token: Token) -> SpacySpan:
    doc = token.doc
    lo, hi = token.i, token.i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi]
