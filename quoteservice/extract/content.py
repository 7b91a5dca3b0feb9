"""What a cue reports: the char span of its clause, object or quoted words, recovering common misparses."""
from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quoteservice.extract.glyphs import may_open
from quoteservice.extract.lexicon import Lexicon
from quoteservice.extract.wordlists import words

_RELATIVE_PRONOUNS = words("relative_pronouns")
_OBJECT_PREPS = words("object_complement_preps")

_WH_WORDS = frozenset({"WP", "WDT", "WRB", "WP$"})


def char_span(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Char span of tokens lo..hi (inclusive), trimmed of edge spaces and punctuation."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if lo > hi:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def subtree_span(tok: Token) -> tuple[int, int] | None:
    """Char span of a token's subtree (projective parses keep it contiguous)."""
    return char_span(tok.doc, tok.left_edge.i, tok.right_edge.i)


def span_minus(head: Token, drop: Token) -> tuple[int, int] | None:
    """The part of head's subtree on the far side of `drop`'s subtree (for "C, S said" and "according to")."""
    lo, hi = drop.left_edge.i, drop.right_edge.i
    left = (head.left_edge.i, lo - 1)
    right = (hi + 1, head.right_edge.i)
    # "According to S, C" keeps the clause after; "C, according to S" keeps the clause before.
    side = right if right[1] - right[0] >= left[1] - left[0] else left
    return char_span(head.doc, *side)


def _opens_own_report(tok: Token, lexicon: Lexicon) -> bool:
    """Whether a clause after a frame starts with its own cue ("…, she said, adding that …")."""
    t = tok
    while t.pos_ in ("CCONJ", "ADV") and t.i + 1 < len(t.doc):  # "and added", "later adding"
        t = t.doc[t.i + 1]
    return t.pos_ in ("VERB", "AUX") and lexicon.is_cue(t.lemma_.lower())


def _parataxis_span(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """Content of a parenthetical frame: the clause before it, and after it too when the frame sits mid-sentence.

    "The museum, Mr. Obama said, would make …" reports the whole sentence; "The dead include seven
    children, she said, adding: “…”" reports only what precedes, the rest has its own cue.
    """
    head, doc = verb.head, verb.doc
    while head.pos_ not in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass", "npadvmod") and head.head.i != head.i:
        head = head.head  # "The difference now, he told me, is that …": the frame hangs off the subject
    if head.dep_ == "advcl" and head.i < verb.i < head.head.i:
        head = head.head  # "Though C1, he said, C2": the frame sits between a subordinate and its main clause
    # a subordinate clause the parser hangs on the frame is the report's: "If this fails, S argues, there are …"
    lead = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    frame_lo = min([verb.i] + [c.left_edge.i for c in verb.children if c.i < verb.i and c.dep_ != "advcl"])
    lo, frame_hi, hi = head.left_edge.i, verb.right_edge.i, head.right_edge.i
    if lead:
        lo = min(lo, lead[0].left_edge.i)
    after = [t for t in doc[frame_hi + 1: hi + 1] if not (t.is_punct and not t.is_quote)]
    if after and (after[0].is_quote or _opens_own_report(after[0], lexicon)):  # "…, she said, “C2”"
        hi = frame_lo - 1
    if frame_lo <= lo:  # the frame opens the clause: "S said, C"
        lo = frame_hi + 1
    return char_span(doc, lo, hi)


def noun_phrase_report(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """A noun-phrase object as the reported content: "cited derogatory comments", "called for the repeal of …"."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None
    preps = lexicon.prep_content.get(lemma, frozenset())
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ not in ("DATE", "TIME")] \
        if lemma in lexicon.object_content else []  # "called Friday for releasing …": Friday is when
    target = objs[0] if objs else next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                                        for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    if target is None or target.right_edge.i - target.left_edge.i < 1 or _sourced_report(target, lexicon) \
            or target.lemma_.lower() in _EVENT_OBJECTS or _means(target, lexicon) \
            or (target.pos_ == "NOUN" and target.left_edge.tag_ == "WRB"):
        return None  # "how many victims will it call for": a question, not a content
    if target.pos_ in ("NOUN", "PROPN") or (target.dep_ == "pcomp" and target.pos_ in ("VERB", "AUX")):
        # "called for reducing …", "spoke about how the consulate had been taken over"
        rest = verb.doc[target.right_edge.i + 1: verb.right_edge.i + 1]
        if target.dep_ != "dobj" and len(rest) > 1 and rest[0].text == "," \
                and not any(t.is_quote or lexicon.is_cue(t.lemma_.lower()) for t in rest):
            # "spoke of his flights across the Mall, past the spire of …": after a comma the clause goes on
            return char_span(verb.doc, target.left_edge.i, verb.right_edge.i)
        if target.dep_ == "dobj":
            return char_span(verb.doc, target.left_edge.i, _object_tail(verb, target, lexicon))
        return subtree_span(target)
    return None


def _means(target: Token, lexicon: Lexicon) -> bool:
    """"responded by beefing up their capacity": a deed done in reply, unless the deed is speaking ("by saying",
    "by using the example of Chicago to prove that C")."""
    return target.head.lower_ == "by" and target.pos_ in ("VERB", "AUX") \
        and not any((t.pos_ == "VERB" and lexicon.is_cue(t.lemma_.lower())) or _that_mark(t) is not None
                    for t in target.subtree)


def _sourced_report(noun: Token, lexicon: Lexicon) -> bool:
    """A reporting noun with its own source and clause ("a report by the agency that …"): those words are
    the agency's, and whoever dismissed or cited the report did not say them."""
    if noun.lemma_.lower() not in lexicon.noun_cues:
        return False
    said = any(c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in noun.children)
    sourced = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)
    return said and sourced


_TAIL_DEPS = frozenset({"prep", "ccomp", "relcl", "acl", "npadvmod", "dep"})


def _object_tail(verb: Token, obj: Token, lexicon: Lexicon) -> int:
    """Where an object's report ends: with what the parser hung on the verb right after it, up to a comma
    ("cited [disparaging remarks] [Trump had made about Machado] [as examples of …]"), but not another cue."""
    end = obj.right_edge.i
    for c in sorted((c for c in verb.children if c.i > obj.i), key=lambda c: c.i):
        if c.dep_ not in _TAIL_DEPS or c.left_edge.i != end + 1 or _when(c) \
                or any(t.pos_ == "VERB" and lexicon.is_cue(t.lemma_.lower()) for t in c.subtree):
            break
        end = c.right_edge.i
    return end


def _when(phrase: Token) -> bool:
    """A time phrase ("on Tuesday", "last week"): when the report was made, not what it says."""
    heads = [g for g in phrase.children if g.dep_ == "pobj"] if phrase.dep_ == "prep" else [phrase]
    return any(h.ent_type_ in ("DATE", "TIME") for h in heads)


_REASONS = words("reason_openers")

_QUESTION_WORDS = words("question_openers")

_QUESTION_MARKS = words("question_complementizers")

_REFUSALS = words("refusals")

_CONTINUERS = words("clause_continuers")
_EVENT_OBJECTS = words("event_objects")
_TEMPORAL_AS = words("temporal_as_verbs")  # "As I conclude, …": when, not who


def _reported_question(verb: Token, wh: Token, lexicon: Lexicon) -> bool:
    """An affirmative report of a question or explanation: "asked whether …", "explained how …".

    What someone would not say ("would not say what Putin wanted", "declined to disclose where …")
    reports nothing, and "what"/"where" clauses are usually things, not statements.
    """
    if wh.lower_ not in _QUESTION_WORDS and verb.lemma_.lower() not in lexicon.question_verbs:
        return False  # "asked who leads the party" reports a question; "disclosed where it stood" does not
    for t in (verb, *itertools.islice(verb.ancestors, 2)):
        if any(c.dep_ == "neg" for c in t.children) or t.lemma_.lower() in _REFUSALS:
            return False
    return True


def _reported_conjunct(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """A clause conjoined after a postposed frame that goes on reporting: "C1, S said, and C2".

    It needs its own subject, no cue and no quotation marks; "…, he said, and left" is not a report.
    """
    for c in verb.children:
        if c.dep_ == "conj" and c.i > verb.i and c.pos_ in ("VERB", "AUX") \
                and not lexicon.is_cue(c.lemma_.lower()) and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) \
                and not any(t.is_quote for t in c.subtree):
            return subtree_span(c)
    return None


def inside_report(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the verb sits in another cue's report: under a speech verb, or in a sentence with a "…, S said" frame."""
    if any(a.pos_ == "VERB" and lexicon.is_cue(a.lemma_.lower()) for a in verb.ancestors):
        return True
    root = verb.sent.root
    return any(c.dep_ == "parataxis" and lexicon.is_cue(c.lemma_.lower()) for c in root.children)


def _that_mark(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "that"), None)


def _misread_complement(verb: Token, objs: list[Token], lexicon: Lexicon) -> tuple[int, int] | None:
    """A that-clause the parser hung elsewhere, recovered for a speech verb.

    "told a meeting of leaders that few people understood …": read as a relative clause of the object,
    but "that" is its mark, not a gap filler; "says in a statement that the race …": read as a clause
    of the preposition's object. "The nominee continues to insist, …, that he wants …": read as the
    main clause with the frame as its complement.
    """
    holders = objs + [g for c in verb.children if c.dep_ == "prep" and c.i > verb.i for g in c.children if g.dep_ == "pobj"]
    for obj in holders:
        for rel in obj.subtree:
            mark = _that_mark(rel) if rel.dep_ in ("relcl", "acl") else None
            if mark is not None and rel.right_edge.i > rel.i \
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in rel.children):
                # a clause ending on its verb has a gap: "the threat that a Trump presidency would constitute"
                if rel.head.lemma_.lower() in lexicon.noun_cues and any(
                        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in rel.head.children):
                    continue  # "dismissed a report by the agency that …": the noun's own source reports it
                return char_span(verb.doc, mark.i, rel.right_edge.i)
    t = verb
    while t.dep_ == "xcomp" and t.head.i != t.i:  # "continues to insist"
        t = t.head
    head = t.head
    if t.dep_ == "ccomp" and head.i > verb.i and head.head.i == head.i:
        mark = _that_mark(head)
        if mark is not None and mark.i > verb.right_edge.i:
            return char_span(verb.doc, mark.i, head.right_edge.i)
    return None


def _predicates(verb: Token) -> list[Token]:
    """What the verb calls its object, after the verb: "called them “lone wolves”", "described it as …"."""
    return [c for c in verb.children if c.i > verb.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"))]


Found = tuple[int, int] | None


@dataclass(frozen=True)
class Match:
    """A content rule's answer when it applies: the span it reports, or None when it finds that nothing is reported."""

    span: Found


@dataclass(frozen=True)
class Frame:
    """The verb whose content is sought, with what every content rule reads about it."""

    verb: Token
    lexicon: Lexicon

    @functools.cached_property
    def lemma(self) -> str:
        return self.verb.lemma_.lower()

    @functools.cached_property
    def objs(self) -> list[Token]:
        return [c for c in self.verb.children if c.dep_ in ("dobj", "dative")]


def _complements(f: Frame) -> list[Token]:
    """The verb's clausal complements, including the bare clauses and gerunds the parser misreads."""
    verb, doc, lexicon = f.verb, f.verb.doc, f.lexicon
    if any(o.dep_ == "dobj" and o.lower_ in _RELATIVE_PRONOUNS and o.i < verb.i for o in f.objs):
        return []  # "which the Committee wrote--we shall be sailing …": the verb's object is the relative pronoun
    comps = [c for c in verb.children if c.dep_ == "ccomp"
             and not (c.i < verb.i and (_lead_in(c, verb) or _own_object(f)))
             and not (c.i > verb.i and (_adverbial_opening(c) or _headless_predicate(c, verb)))]
    if comps:
        # "said C1 and Democrats accused …" misread as two complements: a subjectless cue is not the content
        return [c for c in comps if _has_subject(c) or not f.lexicon.is_cue(c.lemma_.lower())] or comps
    # "said after the convention he would not accept …": a bare clause misread as an adverbial
    return [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and not any((g.dep_ == "mark" and g.lower_ != "that") or g.tag_ == "WRB" for g in c.children)
            and not any(t.is_quote for t in doc[verb.i: c.left_edge.i])] \
        or [c for c in verb.children if f.lemma in lexicon.question_verbs and c.dep_ == "advcl" and c.i > verb.i
            and any(g.dep_ == "mark" and g.lower_ in _QUESTION_MARKS and g.i == c.left_edge.i for g in c.children)] \
        or [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1
            and c.right_edge.i - c.i >= 3]  # "said legalizing it could put …": a gerund subject, misread


def _lead_in(comp: Token, verb: Token) -> bool:
    """A clause before the verb and across a colon is the sentence's lead-in, not the report ("I like that C:
    someone tells something")."""
    return any(t.text in (":", ";") for t in verb.doc[comp.right_edge.i: verb.i])


def _own_object(f: Frame) -> bool:
    """A verb with an object of its own takes no clause before it ("It's a book of opening, Overtures I called
    it", "C, he wrote a letter to Chevalier"); a person addressed is no such object ("C, he told me", "C, Kennedy
    wrote Linick", "C, she told reporters")."""
    for c in f.verb.children:
        if c.dep_ == "oprd" or (c.dep_ == "dobj" and c.i > f.verb.i and not (
                _person_like(c) or (f.lemma in f.lexicon.addressee_verbs and c.pos_ == "NOUN"))):
            return True
    return False


def _person_like(tok: Token) -> bool:
    """A name or a personal pronoun ("Linick", "me", "them"), not "it"."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
        or (tok.tag_ == "PRP" and "Neut" not in tok.morph.get("Gender", []))


def _adverbial_opening(comp: Token) -> bool:
    """A clause after the verb that opens with a subordinator other than "that"/"whether"/"if" is an adverbial the
    parser hung on the verb ("…, so you'll commit new mistakes", "said before he died")."""
    doc, i = comp.doc, comp.left_edge.i
    if doc[i].text == ",":
        i += 1
    first = doc[i]
    return first.dep_ == "mark" and first.head.i == comp.i and first.lower_ != "that" \
        and first.lower_ not in _QUESTION_MARKS


def _headless_predicate(comp: Token, verb: Token) -> bool:
    """A finite verb right after the cue with no subject of its own is the sentence's main predicate, misread
    ("Another theme Higuchi repeated was the ambition of …": the theme was, Higuchi said nothing)."""
    return verb.dep_ == "ROOT" and comp.i == verb.i + 1 and comp.tag_ in ("VBD", "VBZ", "VBP") \
        and not _has_subject(comp)  # not "something Sanders aides argue is possible": a relative clause's gap


def _has_subject(clause: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in clause.children)


def _own_cue(t: Token, lexicon: Lexicon) -> bool:
    """A finite cue verb with its own subject: a report of its own ("…, because he told them …"), not a gerund."""
    return t.pos_ in ("VERB", "AUX") and lexicon.is_cue(t.lemma_.lower()) and _has_subject(t)


def _complement_tail(f: Frame, comp: Token, span: tuple[int, int]) -> tuple[int, int]:
    """The complement grown by a reason clause after it ("said C, because …") or a conjunct ("C1, S said, and C2")."""
    verb, doc = f.verb, f.verb.doc
    tail = [c for c in verb.children if c.dep_ == "advcl" and c.i > comp.right_edge.i and comp.i > verb.i
            and any(m.dep_ in ("mark", "advmod") and m.i == c.left_edge.i and m.lower_ in _REASONS
                    for m in c.children)
            and not any(_own_cue(t, f.lexicon) for t in c.subtree)]
    if tail:  # "said C, because …" / "…, when it comes to …": the reason is the speaker's
        span = char_span(doc, comp.left_edge.i, tail[-1].right_edge.i) or span
    if comp.i < verb.i:  # "C1, the agency said in a report, and C2"
        more = _reported_conjunct(verb, f.lexicon)
        if more is not None:
            span = (span[0], more[1])
    elif _runs_on(f, comp.right_edge.i + (0 if comp.right_edge.text in _BREAKS else 1)):  # the clause may end on its dash
        span = char_span(doc, comp.left_edge.i, comp.sent.end - 1) or span
    return span


_BREAKS = frozenset({":", ";", "—", "–", "--"})


def _runs_on(f: Frame, i: int) -> bool:
    """Whether the sentence after a complement that stopped at i goes on with the speaker's words: it stopped
    at a colon, semicolon or dash, or at a comma before "but", "because", …, and no other cue or quotation
    mark follows ("notes that we're at a rare moment: home values are rising …")."""
    doc, end = f.verb.doc, f.verb.sent.end
    if i >= end - 1:
        return False
    at = doc[i]
    if not (at.text in _BREAKS or (at.text == "," and i + 1 < end and doc[i + 1].lower_ in _CONTINUERS)):
        return False
    return not any(t.is_quote or _own_report(t, f.lexicon) for t in doc[i + 1: end])


def _own_report(t: Token, lexicon: Lexicon) -> bool:
    """A cue verb with a subject of its own: someone else's report ("— something a 911 caller also told …"), not
    the speaker's words going on ("…, but could not bear to insult Mr. Obama")."""
    return t.pos_ in ("VERB", "AUX") and lexicon.is_cue(t.lemma_.lower()) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _clausal_complement(f: Frame) -> Match | None:
    """"said (that) C", "C, he said" read as a complement, "asked whether C"; an embedded question reports nothing."""
    comps = _complements(f)
    if not comps:
        return None
    verb = f.verb
    if any(c.i > verb.i for c in comps):  # "While C1, S noted C2": a subordinate lead-in is not the report
        comps = [c for c in comps if c.i > verb.i or not (c.left_edge.pos_ == "SCONJ" and c.left_edge.lower_ != "that")]
    that_after = [c for c in comps if c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    # "Writing for a panel that agreed Pence won, Barabak noted that C": a that-clause after the verb is the report
    comp = max(that_after or comps, key=lambda c: c.right_edge.i - c.left_edge.i)
    # a wh-word before the verb fronts a relative clause ("which Mr. Clarke says he is doing …"), not a question
    if (comp.left_edge.tag_ in _WH_WORDS or comp.left_edge.lower_ in _QUESTION_MARKS) \
            and comp.left_edge.lower_ != "that" and comp.left_edge.i > verb.i \
            and not _reported_question(verb, comp.left_edge, f.lexicon):  # "that" tagged WDT is still the complementizer
        return Match(None)  # an embedded question ("disclose where it stood") reports no statement
    frame = _participle_frame(f, comp)
    cut = frame.i - 2 if frame is not None else _deed_after_quote(comp)
    span = subtree_span(comp) if cut is None else char_span(f.verb.doc, comp.left_edge.i, cut)
    return Match(_complement_tail(f, comp, span) if span is not None else None)


def _deed_after_quote(comp: Token) -> int | None:
    """"told reporters, “We will not give up,” and left the room": a conjunct after the closing mark of a quotation
    that opens the complement is the speaker's next deed, not more words. The index of that closing mark, or None
    ("said that “…” and that C2" reports both)."""
    doc, first = comp.doc, comp.left_edge
    opening = first if first.is_quote else doc[first.i - 1] if first.i > 0 and doc[first.i - 1].is_quote else None
    if opening is None:
        return None
    close = next((t for t in doc[opening.i + 1: comp.right_edge.i + 1] if t.is_quote), None)
    if close is None or not any(c.dep_ == "conj" and c.i > close.i and not any(m.dep_ == "mark" for m in c.children)
                                for c in comp.children):
        return None
    return close.i


def _participle_frame(f: Frame, comp: Token) -> Token | None:
    """A comma-led participle of saying inside the complement ("told them that C1, saying that C2"): the speaker's
    next statement, with a record of its own, not part of C1."""
    doc = f.verb.doc
    return next((t for t in comp.subtree if t.i > comp.i + 1 and t.tag_ == "VBG" and doc[t.i - 1].text == ","
                 and f.lexicon.is_cue(t.lemma_.lower()) and not _has_subject(t)), None)


def _the_same(f: Frame) -> Match | None:
    """"three-quarters said the same of Sanders", "has said the same thing": a report, repeated."""
    same = next((o for o in f.objs if o.i > f.verb.i and (o.lower_ == "same" or any(c.lower_ == "same" for c in o.children))),
                None)
    return Match(char_span(f.verb.doc, same.left_edge.i, f.verb.right_edge.i)) if same is not None else None


def _misread(f: Frame) -> Match | None:
    found = _misread_complement(f.verb, f.objs, f.lexicon)
    return Match(found) if found is not None else None


def _for_clause(f: Frame) -> Match | None:
    """"is calling for the United States to step up …": the parser reads "for" as a subordinator."""
    verb = f.verb
    clause = next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                   and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
    if clause is None or "for" not in f.lexicon.prep_content.get(f.lemma, frozenset()):
        return None
    return Match(char_span(verb.doc, clause.left_edge.i + 1, clause.right_edge.i))


def _to_complement(f: Frame) -> Match | None:
    """"told his advisers to ...", "vowed to ...", "called on Trump to ..."."""
    if f.lemma not in f.lexicon.to_complement:
        return None
    xcomp = next((c for c in f.verb.children if c.dep_ == "xcomp" and _infinitive(c)), None)
    return Match(_to_clause(f, xcomp)) if xcomp is not None else None


def _infinitive(xcomp: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in xcomp.children)


def _to_clause(f: Frame, xcomp: Token) -> Found:
    """The to-infinitive with the object before it, if any ("told his advisers to …")."""
    first = f.objs[0] if f.objs and f.objs[0].i < xcomp.i else xcomp
    last = xcomp.right_edge.i
    if f.verb.i < xcomp.i and _runs_on(f, last + 1):  # "threatened to C, should he fail to …"
        last = f.verb.sent.end - 1
    return char_span(f.verb.doc, first.left_edge.i, last)


def _wh_object(f: Frame) -> Match | None:
    """"what he called a “brazen breach” of …", "an explosion that de Blasio described as “an intentional act”",
    and without quotation marks where no other report holds them ("a bill that critics called anti-gay")."""
    objs, verb, doc = f.objs, f.verb, f.verb.doc
    if not objs or objs[0].tag_ not in _WH_WORDS:
        return None
    pred = _predicates(verb) if f.lemma in f.lexicon.object_predicate else []
    relative = objs[0].lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl"
    if pred and (objs[0].lower_ == "what" or relative) and (
            any(t.is_quote for t in doc[pred[-1].left_edge.i: pred[-1].right_edge.i + 2])
            or not inside_report(verb, f.lexicon)):
        start = verb.head.left_edge.i if relative else objs[0].i  # the thing, and what it was called
        return Match(char_span(doc, start, pred[-1].right_edge.i))
    return Match(None)  # "which he accused of ...": the object is a relative pronoun


def _object_complement(f: Frame) -> Match | None:
    """"accused Moscow of …", "urged Kyiv to …": the object and what is said of it."""
    objs, verb = f.objs, f.verb
    if not objs or f.lemma not in f.lexicon.object_complement:
        return None
    rest = [c for c in verb.children if c.dep_ in ("prep", "xcomp") and c.i > objs[0].i]
    if rest:
        return Match(char_span(verb.doc, objs[0].left_edge.i, rest[-1].right_edge.i))
    if any(c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS for c in objs[0].children):
        return Match(char_span(verb.doc, objs[0].left_edge.i, objs[0].right_edge.i))  # "of" hung on the object
    return None


def _object_predicate(f: Frame) -> Match | None:
    """"called the charges unsubstantiated", "described it as …"."""
    objs = f.objs
    if not objs or f.lemma not in f.lexicon.object_predicate:
        return None
    pred = [c for c in _predicates(f.verb) if c.i > objs[0].i]
    if not pred:
        return None
    if _given_name(pred[-1]):
        return Match(None)  # "call them Senator PADILLA", "I called it Character, walks and words": a name given
    return Match(char_span(f.verb.doc, objs[0].left_edge.i, pred[-1].right_edge.i))


def _given_name(pred: Token) -> bool:
    """A predicate that is a proper name, unquoted: the object is named, not described ("called him “a liar”")."""
    doc = pred.doc
    return pred.dep_ == "oprd" and pred.pos_ == "PROPN" \
        and not any(t.is_quote for t in doc[max(0, pred.left_edge.i - 1): pred.right_edge.i + 2])


def _parenthetical(f: Frame) -> Match | None:
    """"C, S said" / "C1, S said, C2": a frame the parser hung on its report as parataxis."""
    verb = f.verb
    objs = f.objs if f.lemma not in f.lexicon.addressee_verbs else []  # "…, he told me, is …": me is told
    if verb.dep_ != "parataxis" or verb.head.i == verb.i or objs \
            or any(c.dep_ in ("neg", "oprd") for c in verb.children):
        return None  # "(I can't recall any names)": an aside with its own object; "group, called the Fund,": a name
    return Match(_parataxis_span(verb, f.lexicon))


def _split(f: Frame) -> Match | None:
    found = _split_clause(f.verb) if not f.objs else None
    return Match(found) if found is not None else None


def _as_clause(f: Frame) -> Match | None:
    """"C, as The Huffington Post reported" / "As Reuters reported, C" / "…, as S put it"."""
    verb = f.verb
    idiom = f.lexicon.speech_idioms.get(f.lemma)
    if verb.dep_ == "advcl" and verb.head.i != verb.i and all(o.lower_ == idiom for o in f.objs) \
            and f.lemma not in _TEMPORAL_AS and not _own_preps(f) \
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):
        return Match(span_minus(verb.head, verb))
    return None


def _own_preps(f: Frame) -> list[Token]:
    return [c for c in f.verb.children if c.dep_ == "prep" and c.lower_ in f.lexicon.prep_content.get(f.lemma, ())]


def _closing(f: Frame) -> Match | None:
    """"C, she said." whatever the parser hung where (see _closing_frame)."""
    addressees = f.objs if f.lemma in f.lexicon.addressee_verbs else []  # "…, his top aide told The Huffington Post."
    found = _closing_frame(f.verb, [o for o in f.objs if o not in addressees], _own_preps(f), addressees)
    return Match(found) if found is not None else None


def _finite_clause(comp: Token) -> bool:
    """A complement that states something: it has a subject, a "that", or opens with a wh-word ("how it works")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "mark" and c.lower_ == "that")
               for c in comp.children) or comp.left_edge.tag_ in _WH_WORDS


def belief_content(verb: Token, lexicon: Lexicon) -> tuple[Found, str]:
    """What a belief or evidence verb attributes: only a clause ("believes that C", "shows how C"), a
    to-infinitive ("plans to C"), or what a poll or study shows ("the poll shows a tight race");
    other objects are things, not contents ("supports the bill", "considers Kaine her mentor")."""
    f = Frame(verb, lexicon)
    if any(c.dep_ == "ccomp" and _finite_clause(c) for c in verb.children):
        found = _clausal_complement(f)
        if found is not None:
            return found.span, "clausal_complement"
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.lemma_ != "be"
                  and _infinitive(c)), None)
    if xcomp is not None:  # "plans to visit …"; "proved to be …" is a raising verb, not a belief
        return _to_clause(f, xcomp), "to_infinitive"
    obj = next((o for o in f.objs if o.i > verb.i), None)
    if obj is not None and f.lemma in lexicon.evidence and obj.right_edge.i > obj.i:
        return char_span(verb.doc, obj.left_edge.i, verb.right_edge.i), "finding_object"
    if obj is not None and f.lemma in lexicon.stance_objects and obj.pos_ in ("PROPN", "NOUN"):
        return subtree_span(obj), "stance_object"
    return None, "no_content"


@dataclass(frozen=True)
class ContentRule:
    """One content rule: `find` returns a Match when the rule applies (ending the search), None to pass on."""

    name: str
    find: Callable[[Frame], Match | None]


# In order: the first rule that applies decides the content of a speech verb.
CONTENT_RULES: tuple[ContentRule, ...] = (
    ContentRule("clausal_complement", _clausal_complement),
    ContentRule("the_same", _the_same),
    ContentRule("misread_complement", _misread),
    ContentRule("for_clause", _for_clause),
    ContentRule("to_complement", _to_complement),
    ContentRule("wh_object", _wh_object),
    ContentRule("object_complement", _object_complement),
    ContentRule("object_predicate", _object_predicate),
    ContentRule("parenthetical_frame", _parenthetical),
    ContentRule("split_clause", _split),
    ContentRule("as_clause", _as_clause),
    ContentRule("closing_frame", _closing),
)


def match_content(verb: Token, lexicon: Lexicon) -> tuple[Found, str]:
    """What the speech verb reports and the name of the content rule that decided it ("no_content" when none applies)."""
    frame = Frame(verb, lexicon)
    for rule in CONTENT_RULES:
        found = rule.find(frame)
        if found is not None:
            return found.span, rule.name
    return None, "no_content"


_FRAME_TAIL_DEPS = frozenset({"prep", "npadvmod", "advmod", "punct", "nsubj", "dative", "agent"})


def _closing_frame(verb: Token, objs: list[Token], own: list[Token], addressees: list[Token]) -> tuple[int, int] | None:
    """A frame closing its sentence after a comma, whatever the parser hung where: "C, she said." when "said"
    was read as an adverbial or a conjunct of C, or C as an adverbial of "said" ("As Trump spoke, a girl was
    hurt, police said").
    """
    doc, sent = verb.doc, verb.sent
    subjs = [c for c in verb.children if c.dep_ == "nsubj"]
    joined = verb.dep_ == "conj" and not any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children)
    if not subjs or objs or own or not (verb.dep_ in ("ROOT", "advcl") or joined):
        return None  # "…, Trump was calling for change": the frame has content of its own; "C and S said" is two
    before = [c for c in subjs if c.i < verb.i]
    if len(subjs) > len(before) > 0 or doc[sent.start].tag_ in ("VBN", "VBG"):
        return None  # "…, he said Ryan": an object read as a subject; "Asked who …, he said": a participle, no clause
    subj = before[-1] if before else subjs[0]  # the nearest: the parser may hang C's subject on the frame too
    if subj.tag_ in _WH_WORDS or (verb.right_edge.i + 1 < sent.end and doc[verb.right_edge.i + 1].text == ":"):
        return None  # "…, who told us that:" — a relative clause, and a frame that points at what follows
    frame_lo = min(verb.i, subj.left_edge.i)
    if frame_lo - 1 <= sent.start or doc[frame_lo - 1].text != ",":
        return None
    tail = [t for t in doc[verb.i + 1: sent.end] if t.is_alpha and t.i != subj.i and t.head.i != subj.i]
    if len(tail) > 4 or any(c.dep_ not in _FRAME_TAIL_DEPS and c not in addressees
                            for c in verb.children if c.i > verb.i):
        return None  # "…, he said on Saturday." passes; a longer tail may be the report itself
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.pos_ in ("VERB", "AUX")
               and not any(m.dep_ == "mark" or m.tag_ == "WRB" for m in t.head.children)
               for t in doc[sent.start: frame_lo - 1]):
        return None  # "In an interview, she joked …", "When Congress cut funding, Mexico said enough": no main clause
    return char_span(doc, sent.start, frame_lo - 2)


def _split_clause(verb: Token) -> tuple[int, int] | None:
    """A frame misread as the main verb of the clause it splits: "These employees, Stumpf explained, were
    “well-paid”" parses "employees" as the frame's modifier and "were" as its conjunct; the report is the whole."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ in ("npadvmod", "dep") and c.i < verb.i
                 and c.pos_ in ("NOUN", "PROPN") and doc[c.right_edge.i + 1].text == ","), None)
    pred = next((c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and doc[c.left_edge.i - 1].text == ","
                 and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)), None)
    if subj is None or pred is None:
        return None
    return char_span(doc, subj.left_edge.i, max(c.right_edge.i for c in verb.children if c.i >= pred.i
                                                  and not c.is_punct))


_OBJECT_DEPS = frozenset({"dobj", "dative", "prep", "xcomp", "oprd"})


def quoted_object(verb: Token, lexicon: Lexicon, min_words: int = 2) -> tuple[int, int] | None:
    """Quoted words in the object of any verb are its subject's words: "pounding Trump as a “con artist”",
    "encouraged Americans to “check out” her tape", "referenced “political tensions” in advanced economies".

    The content runs from the first object to the last one that holds a quotation mark, and in a main clause on
    through the objects after it ("likened the refugees to a “vicious snake” in a song about …").
    """
    doc = verb.doc
    args = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i]
    quoted = [a for a in args if _holds_words(doc[a.left_edge.i: a.right_edge.i + 1], min_words)]
    if not quoted:
        return None
    last = quoted[-1].right_edge.i
    if verb.dep_ != "ccomp":  # in a reported clause the quote belongs to the outer report
        last = _verb_phrase_end(args[args.index(quoted[-1]) + 1:], last, lexicon)
    if last + 1 < len(doc) and doc[last + 1].is_quote:
        last += 1
    return char_span(doc, args[0].left_edge.i, last)


_NAMING = words("naming_words")
_NAMING_PHRASES = frozenset(tuple(p.split()) for p in words("naming_phrases"))


def _verb_phrase_end(after: list[Token], last: int, lexicon: Lexicon) -> int:
    """The end of the objects after the quoted one, up to a comma or an object holding a cue of its own."""
    doc = after[0].doc if after else None
    for arg in after:
        if doc is None or doc[arg.left_edge.i - 1].text == "," \
                or any(t.pos_ == "VERB" and lexicon.is_cue(t.lemma_.lower()) for t in arg.subtree) \
                or arg.lower_ == "according":
            break
        last = arg.right_edge.i
    return last


def modifies_noun(doc: Doc, open_i: int, close_i: int) -> bool:
    """Whether the words between two marks hang on the noun right after the closing one: a term naming a kind
    ("the 'let alone' construction", "the “Gang of Eight” bill"), not someone's words."""
    inner = [t for t in doc[open_i + 1: close_i] if not t.is_punct]
    if not inner or close_i + 1 >= len(doc) or doc[close_i + 1].pos_ not in ("NOUN", "PROPN"):
        return False
    roots = [t for t in inner if not open_i < t.head.i < close_i or t.head.i == t.i]
    return bool(roots) and all(t.head.i == close_i + 1 for t in roots)


def names_given(before: list[str]) -> bool:
    """Whether the lowercase words before a quote give a name to what follows ("so-called", "known as")."""
    return bool(before) and (before[-1] in _NAMING or tuple(before[-2:]) in _NAMING_PHRASES)


def _holds_words(span: Span, min_words: int = 2) -> bool:
    """Whether a token span holds quotations of `min_words` or more words together that are not titles ("Keepin' It
    Real"): "referred to immigrants as “criminals” and “rapists”" quotes two words."""
    doc = span.doc
    words = 0
    stop = min(len(doc), span.end + 3)  # the closing mark may follow the span ("… “sex tape.”")
    closed = -1  # a straight mark that closed one quotation opens no other ("“A” (formerly “B”)")
    for mark in (t for t in span if may_open(t.text) and t.i > closed):
        o = mark.i
        close = next((j for j in range(o + 1, stop) if doc[j].is_quote), None)
        closed = close if close is not None else closed
        if close is None and not mark.is_right_punct:  # an unambiguous opening mark closed further on
            close = span.end
        before = [t.lower_ for t in doc[max(0, o - 3): o] if t.pos_ != "DET"]
        if names_given(before) or (close is not None and modifies_noun(doc, o, close)):
            continue  # a name being given: "what has become known as the ''Buffett rule''", "the 'let alone' construction"
        inner = [t for t in doc[o + 1: close] if not t.is_punct] if close is not None else []
        if not all(t.is_title or not t.is_alpha or (t.is_stop and t.is_lower) for t in inner):
            words += len(inner)
            if words >= min_words:
                return True
    return False
