"""Speech cues over the spaCy parse: the verb (or "according to"), its speaker and its content clause."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quoteservice.extract.lexicon import Lexicon

# Verbs whose reported content is an object plus a complement: "accused Russia of stalling",
# "urged soldiers to desert", "blamed Kyiv for the stalemate".
_OBJECT_COMPLEMENT = frozenset({"accuse", "blame", "urge", "call", "warn", "ask", "charge", "criticize", "praise"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})
_WH_SUBJECTS = frozenset({"WP", "WDT"})


@dataclass(frozen=True)
class Cue:
    """A speech cue: `verb` is the head token, `cue` its char span as written (with auxiliaries)."""

    verb: Token
    cue: tuple[int, int]
    subject: Token | None
    content: tuple[int, int] | None  # char span of the reported clause, if the parse has one
    according_to: bool = False


def _char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue as written: auxiliaries, negation and adverbs between them and the verb ("had previously assured")."""
    if verb.lower_ == "according":
        to = [c for c in verb.children if c.lower_ == "to"]
        end = to[0] if to else verb
        return verb.idx, end.idx + len(end.text)
    auxes = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    first = auxes[0] if auxes else verb
    return first.idx, verb.idx + len(verb.text)


def find_subject(verb: Token) -> Token | None:
    """The speaker's head token: the subject, climbing from participles and conjuncts to their governor."""
    t = verb
    for _ in range(5):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            s = subj[0]
            if s.tag_ in _WH_SUBJECTS and t.dep_ == "relcl":  # "Makei, who said ..." -> Makei
                return t.head
            return s
        passive = [c for c in t.children if c.dep_ == "nsubjpass"]
        if passive:
            agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent[0]
            if t.lemma_ == "quote":  # "he was quoted as saying" -> he
                return passive[0]
            return None  # "it was reported that", "the delegation is said to ..."
        if t.dep_ == "relcl" and t.head is not t:
            return t.head
        if t.dep_ in _CLIMB_DEPS and t.head is not t:
            t = t.head
            continue
        break
    return None


def _span_minus(head: Token, drop: Token) -> tuple[int, int] | None:
    """The part of head's subtree on the far side of `drop`'s subtree (for "C, S said" and "according to")."""
    sub = list(head.subtree)
    lo, hi = drop.left_edge.i, drop.right_edge.i
    left = [t for t in sub if t.i < lo]
    right = [t for t in sub if t.i > hi]
    # "According to S, C" keeps the clause after; "C, according to S" keeps the clause before.
    side = right if len(right) >= len(left) else left
    return _char_span(side)


def content_span(verb: Token) -> tuple[int, int] | None:
    """Char span of what the cue reports: its clausal complement, or object + complement for accuse-type verbs."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        comp = max(comps, key=lambda c: len(list(c.subtree)))
        return _char_span(comp.subtree)
    if verb.lemma_ in _OBJECT_COMPLEMENT:
        obj = [c for c in verb.children if c.dep_ == "dobj"]
        rest = [c for c in verb.children if c.dep_ in ("prep", "xcomp") and obj and c.i > obj[0].i]
        if obj and rest:
            return _char_span(t for t in verb.doc[obj[0].left_edge.i: rest[-1].right_edge.i + 1])
    if verb.dep_ == "parataxis" and verb.head is not verb:  # "C, S said" parsed as parataxis
        return _span_minus(verb.head, verb)
    return None


def _according_to(tok: Token) -> Cue | None:
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = [c for c in to[0].children if c.dep_ == "pobj"]
    if not pobj:
        return None
    head = tok.head if tok.head is not tok else None
    content = _span_minus(head, tok) if head is not None else None
    return Cue(tok, cue_span(tok), pobj[0], content, according_to=True)


def find_cues(doc: Doc, lexicon: Lexicon, *, cognition: bool = False) -> list[Cue]:
    """Every speech cue of the document, in text order."""
    cues: list[Cue] = []
    for tok in doc:
        if tok.lower_ == "according":
            c = _according_to(tok)
            if c is not None:
                cues.append(c)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            continue
        if not lexicon.is_cue(tok.lemma_.lower(), cognition=cognition):
            continue
        cues.append(Cue(tok, cue_span(tok), find_subject(tok), content_span(tok)))
    return cues
