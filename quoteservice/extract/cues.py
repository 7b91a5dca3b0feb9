"""Speech cues over the spaCy parse: the verb (or "according to"), its speaker and its content clause."""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quoteservice.extract.lexicon import Lexicon

_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep"})
_WH_SUBJECTS = frozenset({"WP", "WDT"})
_WH_WORDS = frozenset({"WP", "WDT", "WRB", "WP$"})


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


def _char_span(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Char span of tokens lo..hi (inclusive), trimmed of edge spaces and punctuation."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if lo > hi:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _subtree_span(tok: Token) -> tuple[int, int] | None:
    """Char span of a token's subtree (projective parses keep it contiguous)."""
    return _char_span(tok.doc, tok.left_edge.i, tok.right_edge.i)


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue as written: auxiliaries, negation and adverbs between them and the verb ("had previously assured")."""
    if verb.lower_ == "according":
        to = [c for c in verb.children if c.lower_ == "to"]
        end = to[0] if to else verb
        return verb.idx, end.idx + len(end.text)
    auxes = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    first = auxes[0] if auxes else verb
    return first.idx, verb.idx + len(verb.text)


def _participle_owner(verb: Token) -> Token | None:
    """For ", stating …" inside a reported clause, the reporting verb that owns the participle.

    "Zelensky predicted that no breakthroughs were to come, stating …": the parser hangs "stating"
    on "come"; a comma-led participle belongs to the clause that reports, not the reported one.
    """
    if verb.tag_ != "VBG" or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    t, crossed = verb, False
    while t.head.i != t.i:
        if t.dep_ == "ccomp":
            crossed = True
        t = t.head
        if crossed and any(c.dep_ == "nsubj" for c in t.children):
            return t
    return None


# A gerund under these prepositions is the subject's own speech act: "by saying", "aside from saying".
_MANNER_PREPS = frozenset({"by", "from", "in", "without", "while"})
# Subjects that name no source: "nobody would question …", "that was not her view".
_NO_SPEAKER = frozenset({"nobody", "none", "no-one", "anyone", "anybody", "everyone", "everybody", "nothing",
                         "everything", "anything", "something", "that", "this", "there"})


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is the verb's written subject ("Makei, who said …" -> who)."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ in _WH_SUBJECTS), None)


def find_subject(verb: Token, lexicon: Lexicon | None = None) -> Token | None:
    """The speaker's head token: the subject, climbing from participles and conjuncts to their governor."""
    owner = _participle_owner(verb)
    t = owner if owner is not None else verb
    if lexicon is not None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "C, she said, adding: …": the participle hangs on C's verb; the speaker is the frame's
        frames = [c for c in verb.head.children if c.dep_ == "parataxis" and lexicon.is_cue(c.lemma_.lower())
                  and c.i < verb.i]
        subj = [c for f in frames for c in f.children if c.dep_ == "nsubj"]
        if subj:
            return subj[-1]
    for _ in range(5):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            # two subjects mean a misparse across a colon ("…on Friday: Republicans said"): the nearer one speaks
            before = [c for c in subj if c.i < t.i]
            s = before[-1] if len(subj) > 1 and before else subj[0]
            if s.tag_ in _WH_SUBJECTS and t.dep_ == "relcl":  # "Makei, who said ..." -> Makei
                return t.head
            return None if s.lower_ in _NO_SPEAKER else s
        passive = [c for c in t.children if c.dep_ == "nsubjpass"]
        if passive:
            agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent[0]
            if t.lemma_ == "quote":  # "he was quoted as saying" -> he
                return passive[0]
            return None  # "it was reported that", "the delegation is said to ..."
        if t.dep_ == "relcl" and t.head.i != t.i:
            return t.head
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return t.head  # "postings that included one saying that …" -> one
        if t.dep_ == "prep" and t.lower_ not in _MANNER_PREPS:
            break  # "after warning NATO …", "despite Ukraine calling for …": background, not a report
        if t.dep_ in _CLIMB_DEPS and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def _span_minus(head: Token, drop: Token) -> tuple[int, int] | None:
    """The part of head's subtree on the far side of `drop`'s subtree (for "C, S said" and "according to")."""
    lo, hi = drop.left_edge.i, drop.right_edge.i
    left = (head.left_edge.i, lo - 1)
    right = (hi + 1, head.right_edge.i)
    # "According to S, C" keeps the clause after; "C, according to S" keeps the clause before.
    side = right if right[1] - right[0] >= left[1] - left[0] else left
    return _char_span(head.doc, *side)


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
    lo, frame_lo, frame_hi, hi = head.left_edge.i, verb.left_edge.i, verb.right_edge.i, head.right_edge.i
    after = [t for t in doc[frame_hi + 1: hi + 1] if not (t.is_punct and not t.is_quote)]
    if after and (any(t.is_quote for t in after) or _opens_own_report(after[0], lexicon)):
        hi = frame_lo - 1
    if frame_lo <= lo:  # the frame opens the clause: "S said, C"
        lo = frame_hi + 1
    return _char_span(doc, lo, hi)


def _object_report(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """A noun-phrase object as the reported content: "cited derogatory comments", "called for the repeal of …"."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None
    preps = lexicon.prep_content.get(lemma, frozenset())
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ not in ("DATE", "TIME")] \
        if lemma in lexicon.object_content else []  # "called Friday for releasing …": Friday is when
    target = objs[0] if objs else next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                                        for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
    if target is None or target.right_edge.i - target.left_edge.i < 1:
        return None
    if target.pos_ in ("NOUN", "PROPN") or (target.dep_ == "pcomp" and target.pos_ in ("VERB", "AUX")):
        # "called for reducing …", "spoke about how the consulate had been taken over"
        if target.dep_ != "dobj" and verb.right_edge.i > target.right_edge.i + 1 \
                and verb.doc[target.right_edge.i + 1].text == "," and not any(t.is_quote or lexicon.is_cue(t.lemma_.lower()) for t in verb.doc[target.right_edge.i + 1: verb.right_edge.i + 1]):
            # "spoke of his flights across the Mall, past the spire of …": after a comma the clause goes on
            return _char_span(verb.doc, target.left_edge.i, verb.right_edge.i)
        return _subtree_span(target)
    return None


_QUESTION_WORDS = frozenset({"how", "whether", "if", "why"})
_REFUSALS = frozenset({"decline", "refuse", "fail", "avoid", "won't", "not"})


def _reported_question(verb: Token, wh: Token) -> bool:
    """An affirmative report of a question or explanation: "asked whether …", "explained how …".

    What someone would not say ("would not say what Putin wanted", "declined to disclose where …")
    reports nothing, and "what"/"where" clauses are usually things, not statements.
    """
    if wh.lower_ not in _QUESTION_WORDS:
        return False
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
            return _subtree_span(c)
    return None


def _inside_report(verb: Token, lexicon: Lexicon) -> bool:
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
            if rel.dep_ in ("relcl", "acl") and _that_mark(rel) is not None and rel.right_edge.i > rel.i \
                    and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in rel.children):
                # a clause ending on its verb has a gap: "the threat that a Trump presidency would constitute"
                if rel.head.lemma_.lower() in lexicon.noun_cues and any(
                        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in rel.head.children):
                    continue  # "dismissed a report by the agency that …": the noun's own source reports it
                return _char_span(verb.doc, _that_mark(rel).i, rel.right_edge.i)
    t = verb
    while t.dep_ == "xcomp" and t.head.i != t.i:  # "continues to insist"
        t = t.head
    head = t.head
    if t.dep_ == "ccomp" and head.i > verb.i and head.head.i == head.i:
        mark = _that_mark(head)
        if mark is not None and mark.i > verb.right_edge.i:
            return _char_span(verb.doc, mark.i, head.right_edge.i)
    return None


def content_span(verb: Token, lexicon: Lexicon) -> tuple[int, int] | None:
    """Char span of what the cue reports: clausal complement, to-complement, object + complement or predicate."""
    lemma = verb.lemma_.lower()
    doc = verb.doc
    # a clause before the verb and across a colon is the sentence's lead-in, not the report
    comps = [c for c in verb.children if c.dep_ == "ccomp"
             and not (c.i < verb.i and any(t.text in (":", ";") for t in doc[c.right_edge.i + 1: verb.i]))]
    if not comps:  # "said after the convention he would not accept …": a bare clause misread as an adverbial
        comps = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                 and not any((g.dep_ == "mark" and g.lower_ != "that") or g.tag_ == "WRB" for g in c.children)
                 and not any(t.is_quote for t in doc[verb.i: c.left_edge.i])] \
            or [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1
                and c.right_edge.i - c.i >= 3]  # "said legalizing it could put …": a gerund subject, misread
    if comps:
        comp = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        # a wh-word before the verb fronts a relative clause ("which Mr. Clarke says he is doing …"), not a question
        if (comp.left_edge.tag_ in _WH_WORDS or comp.left_edge.lower_ in ("whether", "if")) \
                and comp.left_edge.lower_ != "that" and comp.left_edge.i > verb.i \
                and not _reported_question(verb, comp.left_edge):  # "that" tagged WDT is still the complementizer
            return None  # an embedded question ("disclose where it stood") reports no statement
        span = _subtree_span(comp)
        if comp.i < verb.i and span is not None:  # "C1, the agency said in a report, and C2"
            more = _reported_conjunct(verb, lexicon)
            if more is not None:
                span = (span[0], more[1])
        return span
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    same = next((o for o in objs if o.lemma_.lower() == "same" and o.i > verb.i), None)
    if same is not None:  # "three-quarters said the same of Sanders": the earlier report, repeated
        return _char_span(doc, same.left_edge.i, verb.right_edge.i)
    misread = _misread_complement(verb, objs, lexicon)
    if misread is not None:
        return misread
    for_clause = next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                       and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
    if for_clause is not None and "for" in lexicon.prep_content.get(lemma, frozenset()):
        # "is calling for the United States to step up …": the parser reads "for" as a subordinator
        return _char_span(doc, for_clause.left_edge.i + 1, for_clause.right_edge.i)
    if lemma in lexicon.to_complement:
        # "told his advisers to ...", "vowed to ...", "called on Trump to ..."
        xcomps = [c for c in verb.children if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if xcomps:
            first = objs[0] if objs and objs[0].i < xcomps[0].i else xcomps[0]
            return _char_span(verb.doc, first.left_edge.i, xcomps[0].right_edge.i)
    if objs and objs[0].tag_ in _WH_WORDS:
        pred = [c for c in verb.children if (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")) and c.i > verb.i]
        quoted = bool(pred) and any(t.is_quote for t in doc[pred[-1].left_edge.i: pred[-1].right_edge.i + 2])
        if objs[0].lower_ in ("that", "which") and verb.dep_ == "relcl" and lemma in lexicon.object_predicate and pred \
                and (quoted or not _inside_report(verb, lexicon)):
            # "an explosion that Mayor de Blasio described as “an intentional act”": the thing and what it was called
            return _char_span(doc, verb.head.left_edge.i, pred[-1].right_edge.i)
        if objs[0].lower_ == "what" and lemma in lexicon.object_predicate and pred \
                and (quoted or not _inside_report(verb, lexicon)):
            # "what he called a “brazen breach” of U.N. resolutions": a free relative with the speaker's words
            return _char_span(doc, objs[0].i, pred[-1].right_edge.i)
        return None  # "which he accused of ...": the object is a relative pronoun
    if objs and lemma in lexicon.object_complement:
        rest = [c for c in verb.children if c.dep_ in ("prep", "xcomp") and c.i > objs[0].i]
        if rest:
            return _char_span(verb.doc, objs[0].left_edge.i, rest[-1].right_edge.i)
    if objs and lemma in lexicon.object_predicate:
        pred = [c for c in verb.children if c.i > objs[0].i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as"))]
        if pred:
            return _char_span(verb.doc, objs[0].left_edge.i, pred[-1].right_edge.i)
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "C, S said" / "C1, S said, C2"
        return _parataxis_span(verb, lexicon)
    if verb.dep_ == "advcl" and verb.head.i != verb.i and not objs \
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):
        return _span_minus(verb.head, verb)  # "C, as The Huffington Post reported" / "As Reuters reported, C"
    return None


def _according_to(tok: Token) -> Cue | None:
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = [c for c in to[0].children if c.dep_ == "pobj"]
    if not pobj:
        return None
    head = tok.head if tok.head.i != tok.i else None
    content = _span_minus(head, tok) if head is not None else None
    if head is None and tok.i == tok.sent.start:  # the parser made "According" the root: cut at the first comma
        comma = next((t for t in tok.doc[pobj[0].i: tok.sent.end] if t.text == ","), None)
        if comma is not None and sum(t.is_alpha for t in tok.doc[comma.i: tok.sent.end]) >= 3:  # not "…, basically."
            content = _char_span(tok.doc, comma.i + 1, tok.sent.end - 1)
            pobj = [t for t in pobj if t.i < comma.i] or pobj
    return Cue(tok, cue_span(tok), pobj[0], content, according_to=True)


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
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), pobj, _span_minus(head, tok), according_to=True)


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
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), subj, _subtree_span(comp))


_OBJECT_DEPS = frozenset({"dobj", "dative", "prep", "xcomp", "oprd"})


def _quoted_object(verb: Token, min_words: int = 2) -> tuple[int, int] | None:
    """Quoted words in the object of any verb are its subject's words: "pounding Trump as a “con artist”",
    "encouraged Americans to “check out” her tape", "referenced “political tensions” in advanced economies".

    The content runs from the first object to the last one that holds a quotation mark.
    """
    doc = verb.doc
    args = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i]
    quoted = [a for a in args if _holds_words(doc[a.left_edge.i: a.right_edge.i + 1], min_words)]
    if not quoted:
        return None
    last = quoted[-1].right_edge.i
    if last + 1 < len(doc) and doc[last + 1].is_quote:
        last += 1
    return _char_span(doc, args[0].left_edge.i, last)


_NAMING = frozenset({"so-called", "dubbed", "nicknamed", "titled", "entitled", "named", "called"})


def _holds_words(span, min_words: int = 2) -> bool:
    """Whether a token span holds a quotation of `min_words` or more words that is not a title ("Keepin' It Real")."""
    doc = span.doc
    stop = min(len(doc), span.end + 3)  # the closing mark may follow the span ("… “sex tape.”")
    for mark in (t for t in span if t.is_quote and (t.is_left_punct or t.text == "''")):
        o = mark.i
        close = next((j for j in range(o + 1, stop) if doc[j].is_quote), None)
        if close is None and not mark.is_right_punct:  # an unambiguous opening mark closed further on
            close = span.end
        before = [t.lower_ for t in doc[max(0, o - 3): o] if t.pos_ != "DET"]
        if before and (before[-1] in _NAMING or before[-2:] in (["known", "as"], ["referred", "as"])):
            continue  # a name being given: "what has become known as the ''Buffett rule''"
        inner = [t for t in doc[o + 1: close] if not t.is_punct] if close is not None else []
        if len(inner) >= min_words and not all(t.is_title or not t.is_alpha or (t.is_stop and t.is_lower) for t in inner):
            return True
    return False


def find_cues(doc: Doc, lexicon: Lexicon, *, cognition: bool = False) -> list[Cue]:
    """Every speech cue of the document, in text order."""
    cues: list[Cue] = []
    for tok in doc:
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
        speech = lexicon.is_cue(lemma, cognition=cognition)
        if not speech and tok.pos_ == "VERB" and lemma not in lexicon.prep_content:
            quoted = _quoted_object(tok)
            if quoted is not None:
                cues.append(Cue(tok, cue_span(tok), find_subject(tok, lexicon), quoted, object_report=True,
                                quoted_object=True))
            continue
        if not speech and (tok.pos_ != "VERB" or lemma not in lexicon.prep_content):
            continue
        content = content_span(tok, lexicon) if speech else None  # a prep_content verb alone: "spoke about …"
        obj = _object_report(tok, lexicon) if content is None else None
        quoted = _quoted_object(tok, min_words=1) if speech and content is None and obj is None else None
        if not speech and obj is None:
            continue
        cues.append(Cue(tok, cue_span(tok), find_subject(tok, lexicon), content or obj or quoted,
                        object_report=obj is not None or quoted is not None, relative=_relative_subject(tok),
                        quoted_object=quoted is not None))
    return cues
