"""Documents speak for their issuer where the article says who issued them (issue 27).

"A release from UFCW Local 832 said …" is UFCW Local 832's statement, "a study which is being released Monday by
Civic Action" Civic Action's, "the Kelowna Rockets' lawsuit" the Kelowna Rockets', "The RCMP statement" the RCMP's,
"the Security Council issued a statement calling …" the Security Council's. A document the article does not tie to
a named issuer ("the report", "the memo obtained by The Globe": a recipient, not the issuer) stays
an unnamed source. The mention keeps the document as written, so a reader still tells "said" from "said in a
statement".
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from quoteservice.extract.mentions import Mention
from quoteservice.extract.model import SpeakerKind
from quoteservice.extract.wordlists import words

_DOCUMENTS = words("document_nouns")
_ISSUING = words("issuing_verbs")
_BY_OR_FROM = words("issuer_prepositions")
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
    return None


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
    return span.text, SpeakerKind.PERSON if label == "PERSON" else SpeakerKind.ORGANIZATION


def _entity_at(token: Token) -> SpacySpan:
    doc = token.doc
    lo, hi = token.i, token.i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi]
