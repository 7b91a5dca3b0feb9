"""Speech cues over the spaCy parse: the verb (or "according to", or a reporting noun), its speaker and content.

The speaker is found in quoteservice.extract.subjects, the content in quoteservice.extract.content.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_QUOTE, LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from quoteservice.extract.content import (char_span, content_span, inside_report, noun_phrase_report, quoted_object,
                                          span_minus, subtree_span)
from quoteservice.extract.lexicon import Lexicon
from quoteservice.extract.subjects import find_subject, relative_subject


@dataclass(frozen=True)
class Cue:
    """A speech cue: `verb` is the head token, `cue` its char span as written (with auxiliaries)."""

    verb: Token
    cue: tuple[int, int]
    subject: Token | None
    content: tuple[int, int] | None  # char span of the reported clause, if the parse has one
    according_to: bool = False
    mention_tokens: tuple[Token, ...] = ()  # the speaker's tokens when found by surface pattern, not parse
    object_report: bool = False  # content is a noun-phrase object ("cited derogatory comments")
    relative: Token | None = None  # "who"/"which" when the subject is a relative clause's antecedent
    quoted_object: bool = False  # a verb of any kind, a cue only by the quoted words in its object
    unattributed: bool = False  # a question whose asker the text does not name: "Asked whether …", "was asked if …"


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue as written: auxiliaries, negation and adverbs between them and the verb ("had previously assured")."""
    if verb.lower_ == "according":
        to = [c for c in verb.children if c.lower_ == "to"]
        end = to[0] if to else verb
        return verb.idx, end.idx + len(end.text)
    auxes = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    first = auxes[0] if auxes else verb
    return first.idx, verb.idx + len(verb.text)


def _according_to(tok: Token) -> Cue | None:
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = [c for c in to[0].children if c.dep_ == "pobj"] or _bare_source(to[0])
    if not pobj:
        return None
    head = tok.head if tok.head.i != tok.i else None
    if head is not None and tok.i > head.i and head.pos_ in ("VERB", "AUX"):
        content = char_span(tok.doc, head.left_edge.i, tok.left_edge.i - 1)  # "C, according to S …": C
    else:
        content = span_minus(head, tok) if head is not None else None
    if head is None and tok.i == tok.sent.start:  # the parser made "According" the root: cut at the first comma
        comma = next((t for t in tok.doc[pobj[0].i: tok.sent.end] if t.text == ","), None)
        if comma is not None and sum(t.is_alpha for t in tok.doc[comma.i: tok.sent.end]) >= 3:  # not "…, basically."
            content = char_span(tok.doc, comma.i + 1, tok.sent.end - 1)
            pobj = [t for t in pobj if t.i < comma.i] or pobj
    return Cue(tok, cue_span(tok), pobj[0], content, according_to=True)


def _bare_source(to: Token) -> list[Token]:
    """The source's head when the parser left "to" without an object ("according to the F.A.A."): the noun
    phrase right after "to", up to the first word that cannot be part of it."""
    head = None
    for t in to.doc[to.i + 1: to.sent.end]:
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
        elif t.pos_ not in ("DET", "ADJ", "PRON", "NUM") or t.is_punct:
            break
    return [head] if head is not None else []


def _in_source(tok: Token, lexicon: Lexicon) -> Cue | None:
    """'In the latest Post-ABC poll, Clinton leads by 5 points': a document as the source of a clause.

    Only a sentence-opening "In" whose object is a source noun (data: source_nouns), followed by a comma.
    """
    if tok.lower_ != "in" or tok.dep_ != "prep" or (tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_punct):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or pobj.lemma_.lower() not in lexicon.source_nouns or head.pos_ not in ("VERB", "AUX") \
            or tok.right_edge.i + 1 >= len(tok.doc) or tok.doc[tok.right_edge.i + 1].text != "," or head.i < tok.i:
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), pobj, span_minus(head, tok), according_to=True)


_POSSESSIVE = frozenset({"his", "her", "their", "its"})


def _noun_cue(tok: Token, lexicon: Lexicon) -> Cue | None:
    """A reporting noun completed by its content: "Trump’s claim that …", "a promise by Obama to …".

    The source is the possessor, a "by" agent, or the subject of a light verb ("Obama made a promise
    to …"); a noun without one reports nobody's words ("the claim that …") and is left alone.
    """
    if tok.lemma_.lower() not in lexicon.noun_cues:
        return None
    comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i]
    comp = next((c for c in comps if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if comp is None and tok.lemma_.lower() in lexicon.noun_commitments:
        comp = next((c for c in comps if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is None and not (tok.dep_ == "dobj" and lexicon.is_cue(tok.head.lemma_.lower())):
        # "his comment about 47 percent of the country …", but "cited Clinton’s comments about …" is the citer's
        preps = lexicon.noun_prep_content.get(tok.lemma_.lower(), frozenset())
        comp = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i
                     for g in c.children if g.dep_ in ("pobj", "pcomp") and g.right_edge.i > g.left_edge.i), None)
    if comp is None:
        return None
    subj = next((c for c in tok.children if c.dep_ == "poss" and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in _POSSESSIVE)), None)
    if subj is None:
        subj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" and c.i < comp.i
                     for g in c.children if g.dep_ == "pobj"), None)
    if subj is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lexicon.light_verbs:
        subj = find_subject(tok.head, lexicon)
    if subj is None:
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), subj, subtree_span(comp))


def _candidates(doc: Doc) -> tuple[list[int], list[int]]:
    """Indices of the tokens a cue rule may fire on (nouns, verbs, auxiliaries, "according", "in") and of
    the quotation marks, read from the Doc's arrays without building a Token for every word."""
    if not len(doc):
        return [], []
    arr = doc.to_array([LOWER, POS, IS_QUOTE])
    lower, pos = arr[:, 0], arr[:, 1]
    words = [doc.vocab.strings.add(w) for w in ("according", "in")]
    keep = numpy.isin(pos, (NOUN, VERB, AUX)) | numpy.isin(lower, words)
    return numpy.flatnonzero(keep).tolist(), numpy.flatnonzero(arr[:, 2]).tolist()


def find_cues(doc: Doc, lexicon: Lexicon, *, cognition: bool = False) -> list[Cue]:
    """Every speech cue of the document, in text order."""
    cues: list[Cue] = []
    candidates, marks = _candidates(doc)  # marks: quoted_object looks for quotation marks inside a verb's clause
    for i in candidates:
        tok = doc[i]
        if tok.lower_ == "according":
            c = _according_to(tok)
            if c is not None:
                cues.append(c)
            continue
        if tok.lower_ == "in":
            c = _in_source(tok, lexicon)
            if c is not None:
                cues.append(c)
            continue
        if tok.pos_ == "NOUN" and tok.dep_ != "ROOT":
            c = _noun_cue(tok, lexicon)
            if c is not None:
                cues.append(c)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        lemma = tok.lemma_.lower()
        speech = lexicon.is_cue(lemma, cognition=cognition) or _speech_idiom(tok, lexicon)
        if not speech and tok.pos_ == "VERB" and lemma not in lexicon.prep_content:
            if bisect.bisect_right(marks, tok.right_edge.i + 1) == bisect.bisect_right(marks, tok.i):
                continue  # no quotation mark in the verb's clause: no quoted object
            quoted = quoted_object(tok)
            subject = find_subject(tok, lexicon) if quoted is not None else None
            if quoted is not None and not _inscription(subject, lexicon):
                cues.append(Cue(tok, cue_span(tok), subject, quoted, object_report=True, quoted_object=True))
            continue
        if not speech and (tok.pos_ != "VERB" or lemma not in lexicon.prep_content):
            continue
        content = content_span(tok, lexicon) if speech else None  # a prep_content verb alone: "spoke about …"
        obj = noun_phrase_report(tok, lexicon) if content is None else None
        quoted = quoted_object(tok, min_words=1) if speech and content is None and obj is None else None
        if not speech and obj is None:
            continue
        unnamed = (content or obj) is not None and _unnamed_asker(tok)  # "Asked whether …, 60 percent said no"
        if not unnamed and speech and _unnamed_source(tok, lexicon):
            unnamed, content, obj = True, subtree_span(tok), None  # "Mr. Quiros was accused of using $50 million …"
        subject = None if unnamed else find_subject(tok, lexicon)
        if _inscription(subject, lexicon):
            continue  # "a shirt that read “Settle for Hillary”": words on a thing, no one's statement
        cues.append(Cue(tok, cue_span(tok), subject, content or obj or quoted,
                        object_report=obj is not None or quoted is not None, relative=relative_subject(tok),
                        quoted_object=quoted is not None, unattributed=unnamed))
    return cues


def _inscription(subject: Token | None, lexicon: Lexicon) -> bool:
    """Whether the subject is a thing that bears words (a shirt, a sign) rather than a source."""
    return subject is not None and subject.lemma_.lower() in lexicon.inscriptions


_IDIOM_ARGS = frozenset({"dobj", "dative", "prep", "prt", "xcomp", "ccomp", "oprd", "attr", "acomp"})


def _speech_idiom(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that speaks only in a fixed phrase: "“…,” as one official put it" (not "put it on the table")."""
    word = lexicon.speech_idioms.get(verb.lemma_.lower())
    if word is None:  # called for every verb: most have no idiom
        return False
    args = [c for c in verb.children if c.dep_ in _IDIOM_ARGS and not (c.dep_ == "ccomp" and c.i < verb.i)]
    return len(args) == 1 and args[0].dep_ == "dobj" and args[0].lower_ == word


def _unnamed_source(verb: Token, lexicon: Lexicon) -> bool:
    """A passive report with no agent, in no other report: "X was accused of …", "a curfew was announced"."""
    return any(c.dep_ == "auxpass" for c in verb.children) and verb.dep_ in ("ROOT", "conj") \
        and any(c.dep_ == "nsubjpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children) and verb.lemma_.lower() not in ("quote", "ask") \
        and not inside_report(verb, lexicon)


def _unnamed_asker(verb: Token) -> bool:
    """A question put by someone the text leaves unnamed: passive "was asked if …" or an opening "Asked whether …"."""
    if verb.lemma_.lower() != "ask":
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    opening = verb.tag_ == "VBN" and verb.i == verb.sent.start
    return passive or opening
