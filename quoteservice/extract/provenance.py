"""Provenance: the news outlet a quote reached the article through ("…, the New York Post reported").

An outlet that relays someone's words is not their speaker: "Peskov said …, Reuters reported" is Peskov's
quote `via` Reuters. The rules run in order over each record's cue and sentence; the first that finds an
outlet (data/outlets.json) wins. An outlet that itself reports with no source named stays the speaker and
has no `via`. A continuation quote keeps the `via` of the quote it continues.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from quoteservice.extract.model import Method, Provenance, Quote, QuoteType, Span
from quoteservice.extract.wordlists import words
from quoteservice.names.orgs import canonical_org, normalize_org, org_display, org_id

_MODIFIERS = frozenset({"compound", "amod", "det", "nmod", "poss", "case"})
_RELAY_AS = words("relay_as_verbs")
_CITED_SOURCES = words("cited_source_nouns")
_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP"})


@dataclass(frozen=True)
class _Outlets:
    names: frozenset[str]  # normalised outlet names ("outlets"); the other fields are the lists of the same name
    name_endings: frozenset[str]
    heads: frozenset[str]
    head_requires_news: frozenset[str]
    relay_verbs: frozenset[str]
    channels: frozenset[str]
    recipient_verbs: frozenset[str]
    news_modifiers: frozenset[str]
    recipient_preps: frozenset[str]
    channel_preps: frozenset[str]
    channel_outlet_preps: frozenset[str]
    unspecified_reports: frozenset[str]
    unspecified_report_verbs: frozenset[str]


@cache
def _outlets() -> _Outlets:
    raw = json.loads((resources.files("quoteservice") / "data" / "outlets.json").read_text(encoding="utf-8"))
    lists = (frozenset(raw[f.name]) for f in fields(_Outlets)[1:])  # every list but the names, by field name
    return _Outlets(frozenset(normalize_org(n) for n in raw["outlets"]), *lists)


def _phrase(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `tok`: its left modifiers and itself (or its entity)."""
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in _MODIFIERS:
            lo = min(lo, c.left_edge.i)
    if tok.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON", "NORP", "FAC", "PRODUCT"):
        doc, start, end = tok.doc, tok.i, tok.i + 1  # the entity around tok, by its IOB tags
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return min(lo, start), end
    return lo, tok.i + 1


def outlet_at(tok: Token) -> Provenance | None:
    """The outlet named by the noun phrase headed by `tok` ("the New York Post", "Russian media"), or None."""
    data = _outlets()
    if tok.pos_ not in ("PROPN", "NOUN"):
        return None
    lo, hi = _phrase(tok)
    words = tok.doc[lo:hi]
    if lo < hi and words[0].dep_ == "det":
        words = tok.doc[lo + 1:hi]
    if not len(words):
        return None
    text = words.text
    key = normalize_org(canonical_org(text) or text)
    proper = any(t.pos_ == "PROPN" for t in words)
    last = words[-1].lower_
    known = key in data.names
    named = proper and (last in data.name_endings or tok.ent_type_ == "ORG" and key.split()[-1:] == [last]
                        and last in data.name_endings)
    common = tok.lemma_.lower() in data.heads and (
        tok.lemma_.lower() not in data.head_requires_news
        or any(t.lower_ in data.news_modifiers for t in words))
    if not (known or named or common):
        return None
    name = canonical_org(text) or org_display(text)
    return Provenance(org_id(name), name, Span(words.start_char, words.end_char, text))


def _recipient(cue: Token) -> Provenance | None:
    """The outlet the words were given to: "told CNN", "said on Fox News", "in an interview with Sky News",
    "in a CNN interview", "quoted by TASS"."""
    data = _outlets()
    lemma = cue.lemma_.lower()
    for c in cue.children:
        if c.dep_ in ("dative", "dobj") and lemma in data.recipient_verbs:
            found = outlet_at(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in data.recipient_preps:
            found = next((o for g in c.children if g.dep_ == "pobj" and (o := outlet_at(g))), None)
        elif c.dep_ == "prep" and c.lower_ in data.channel_preps:
            found = next((o for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in data.channels
                          and (o := _channel_outlet(g))), None)
        else:
            continue
        if found is not None:
            return found
    return None


def _channel_outlet(channel: Token) -> Provenance | None:
    """The outlet of an interview or statement: "an interview with Sky News", "a CNN interview"."""
    data = _outlets()
    for c in channel.children:
        if c.dep_ in ("compound", "poss", "nmod") and (o := outlet_at(c)):
            return o
        if c.dep_ == "prep" and c.lower_ in data.channel_outlet_preps:
            if o := next((o for g in c.children if g.dep_ == "pobj" and (o := outlet_at(g))), None):
                return o
    return None


def _according_to(cue: Token) -> Provenance | None:
    """An "according to <outlet>" in the cue's sentence that is not the cue itself ("…, according to CNN";
    "According to a translation done by CNN, he …")."""
    for tok in cue.sent:
        if tok.lower_ != "according" or tok.i == cue.i:
            continue
        for to in (c for c in tok.children if c.lower_ == "to"):
            for obj in (g for g in to.children if g.dep_ == "pobj"):
                found = next((o for t in obj.subtree if t.pos_ in ("PROPN", "NOUN") and (o := outlet_at(t))), None)
                if found is not None:
                    return found
    return None


def _relay_frame(cue: Token) -> Provenance | None:
    """An outlet's verb over the cue or closing its sentence: "…, said Peskov, the New York Post reported",
    "Reuters reported that Peskov said …", "as reported by CNN"."""
    data = _outlets()
    ancestors = {a.i for a in cue.ancestors}
    for verb in cue.sent:
        if verb.i == cue.i or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in data.relay_verbs:
            continue
        bare = verb.i > cue.i and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        if verb.i not in ancestors and not bare:
            continue
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (o := outlet_at(c)):
                return o
            if c.dep_ == "agent" and (o := next((o for g in c.children if (o := outlet_at(g))), None)):
                return o
    return None


def _outlet_subject(verb: Token) -> Provenance | None:
    """The outlet that is the verb's subject ("Reuters reported"), or None."""
    return next((o for c in verb.children if c.dep_ == "nsubj" and (o := outlet_at(c))), None)


def cited_source(verb: Token) -> Token | None:
    """Whom an outlet's report cites or quotes: "…, Reuters reported, citing two sources familiar with the matter",
    "TASS reported, quoting Kremlin spokesman Dmitry Peskov" (a name or a source noun, not "citing security
    concerns"); only where the verb's subject is an outlet, which becomes the record's `via`."""
    for c in verb.children:
        if c.dep_ != "advcl" or c.tag_ != "VBG" or c.i < verb.i or c.lemma_.lower() not in _RELAY_AS:
            continue
        obj = next((g for g in c.children if g.dep_ == "dobj"), None)
        if obj is None or _outlet_subject(verb) is None:
            return None
        if obj.ent_type_ in _NAMED_LABELS or obj.pos_ == "PROPN" or obj.lemma_.lower() in _CITED_SOURCES:
            return obj
    return None


def _citing(cue: Token) -> Provenance | None:
    """The outlet whose report cites the speaker: "…, the RIA news agency reported, citing Vladimir Medinsky"."""
    return _outlet_subject(cue) if cited_source(cue) is not None else None


@dataclass(frozen=True)
class ViaRule:
    """A named way of finding a record's outlet from its cue token."""

    name: str
    find: Callable[[Token], Provenance | None]


VIA_RULES: tuple[ViaRule, ...] = (
    ViaRule("recipient", _recipient),
    ViaRule("according_to", _according_to),
    ViaRule("relay_frame", _relay_frame),
    ViaRule("citing", _citing),
)


def _cue_token(doc: Doc, cue: Span | None) -> Token | None:
    if cue is None:
        return None
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def find_via(doc: Doc, quote: Quote) -> Provenance | None:
    """The outlet of one record, by the first rule of VIA_RULES that finds one other than its speaker."""
    cue = _cue_token(doc, quote.cue)
    if cue is None:
        return None
    for rule in VIA_RULES:
        found = rule.find(cue)
        if found is not None and (quote.speaker is None or found.id != quote.speaker.id) \
                and not (quote.mention and found.span.start <= quote.mention.start < found.span.end):
            return found
    return None


UNSPECIFIED = "media:unspecified"


def unspecified_reports(doc: Doc, quote: Quote) -> Provenance | None:
    """"According to reports", "media reports say", "news outlets are saying": reports that name no one
    outlet. They are no one's words: the record gets no speaker, and a `via` that says whose reports they are
    ("Russian media"), else "unspecified reports". One "report" is a document (documents.py), not this."""
    if quote.mention is None:
        return _reported_by_no_one(doc, quote)
    span = doc.char_span(quote.mention.start, quote.mention.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.lemma_.lower() not in _outlets().unspecified_reports \
            or span.root.tag_ != "NNS" or any(outlet_at(t) for t in span if t.pos_ == "PROPN"):
        return None
    return outlet_at(span.root) or Provenance(UNSPECIFIED, "unspecified reports", quote.mention)


def _own_occasion(cue: Token) -> bool:
    """Whether the cue states where the words were given, to no outlet: "told reporters", "said in a statement",
    "at a briefing". Such a record speaks on that occasion, not to the outlet of an earlier interview."""
    data = _outlets()
    for c in cue.children:
        if c.dep_ in ("dative", "dobj") and cue.lemma_.lower() in data.recipient_verbs and c.pos_ in ("NOUN", "PROPN"):
            return True
        if c.dep_ == "prep" and c.lower_ in data.channel_preps \
                and any(g.dep_ == "pobj" and g.lemma_.lower() in data.channels for g in c.children):
            return True
    return False


class _Carrier:
    """The outlet a speaker's words came through, carried to that speaker's next records: "Markarova said in an
    interview with ABC News that …" … "“We are ready,” Markarova said." (via ABC News, carried). It ends where
    another speaker's record comes between, or where the speaker's words are given on another occasion ("told
    reporters"): "Makei, who was present in the talks, said …" three speakers later is no longer CNN's translation."""

    def __init__(self) -> None:
        self._speaker = ""
        self._via: Provenance | None = None
        self._sentence_end = 0  # another speaker inside the stating sentence ("… after Putin said …") comes not between

    def stated(self, speaker: str, via: Provenance, sentence_end: int) -> None:
        self._speaker, self._via, self._sentence_end = speaker, via, sentence_end

    def carried(self, speaker: str, start: int, own_occasion: bool) -> Provenance | None:
        if speaker != self._speaker and start < self._sentence_end:
            return None
        if speaker != self._speaker or own_occasion:
            self._speaker, self._via = speaker, None
        return dataclasses.replace(self._via, carried=True) if self._via is not None else None


def _reported_by_no_one(doc: Doc, quote: Quote) -> Provenance | None:
    """"It was reported that …": a passive report with no agent and no speaker."""
    if quote.speaker is not None or quote.cue is None:
        return None
    cue = _cue_token(doc, quote.cue)
    if cue is None or cue.lemma_.lower() not in _outlets().unspecified_report_verbs \
            or not any(c.dep_ == "auxpass" for c in cue.children) or any(c.dep_ == "agent" for c in cue.children):
        return None
    return Provenance(UNSPECIFIED, "unspecified reports", quote.cue)


def add_via(doc: Doc, quotes: list[Quote]) -> None:
    """Set `via` on every record that has one: stated in its sentence, else its quote's for a continuation, else
    carried from an earlier record of the same speaker (`carried` says so)."""
    last: Provenance | None = None
    carrier = _Carrier()
    for q in quotes:
        unspecified = unspecified_reports(doc, q)
        if unspecified is not None:
            q.speaker, q.via, q.method = None, unspecified, Method.NONE
            last = unspecified if q.type is not QuoteType.INDIRECT else last
            continue
        speaker = q.speaker.id if q.speaker is not None else ""
        q.via = find_via(doc, q)
        if q.via is not None:
            cue = _cue_token(doc, q.cue)
            carrier.stated(speaker, q.via, cue.sent.end_char if cue is not None else q.span.end)
        elif q.method is Method.PREVIOUS_QUOTE and last is not None:
            q.via = dataclasses.replace(last, carried=True)
        elif speaker:
            cue = _cue_token(doc, q.cue)
            q.via = carrier.carried(speaker, q.span.start, cue is not None and _own_occasion(cue))
        if q.type is not QuoteType.INDIRECT:
            last = q.via
