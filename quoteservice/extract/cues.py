"""Speech cues over the spaCy parse: the verb (or "according to", or a reporting noun), its speaker and content.

The speaker is found in quoteservice.extract.subjects, the content in quoteservice.extract.content.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy
from spacy.attrs import IS_QUOTE, LOWER, POS
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Token

from quoteservice.extract.content import (belief_content, char_span, inside_report, match_content, noun_phrase_report, quoted_object,
                                          span_minus, subtree_span)
from quoteservice.extract.lexicon import Lexicon
from quoteservice.extract.provenance import cited_source
from quoteservice.extract.subjects import find_subject, relative_subject
from quoteservice.extract.wordlists import words


class CueKind(str, Enum):
    """What a cue is, which decides how its content may become a record (quoteservice.extract.assemble)."""

    VERB = "verb"  # a verb of saying with its clause: "said that …", "“…,” he said"
    ACCORDING_TO = "according_to"  # a source phrase over a clause: "according to S, …", "In the latest poll, …"
    NOUN = "noun"  # a reporting noun with its source and content: "Trump’s claim that …"
    OBJECT = "object"  # a noun-phrase object as the content: "cited derogatory comments", "spoke about …"
    QUOTED_OBJECT = "quoted_object"  # a verb of any kind, a cue only by the quoted words in its object
    UNATTRIBUTED = "unattributed"  # a question or passive report whose source the text does not name
    BYLINE = "byline"  # a dash and a name after a quote: "“…” ― Sonya Herridge"
    BELIEF = "belief"  # a belief or a finding, not speech: "Clinton believes that …", "the poll shows that …"

    @property
    def takes_quotes(self) -> bool:
        """Whether a quote next to the cue is the cue's speech: not for beliefs ("“…,” she believes" is rare)."""
        return self is not CueKind.BELIEF

    @property
    def yields_to_nested(self) -> bool:
        """Whether a named report nested in this cue's content owns it ("According to a translation, he said …")."""
        return self in (CueKind.ACCORDING_TO, CueKind.QUOTED_OBJECT, CueKind.UNATTRIBUTED)

    @property
    def object_report(self) -> bool:
        """Whether the content is a noun-phrase object rather than a clause."""
        return self in (CueKind.OBJECT, CueKind.QUOTED_OBJECT)


QUOTED_OBJECT_RULE = "quoted_object"  # the rule of any verb with quoted words in its object (not a verb of saying)


@dataclass(frozen=True)
class Cue:
    """A speech cue: `verb` is the head token, `span` its char span as written (with auxiliaries).

    `rule` names the cue rule and, after a slash, the content rule that found it ("speech_verb/closing_frame").
    """

    verb: Token
    span: tuple[int, int]
    subject: Token | None
    content: tuple[int, int] | None  # char span of the reported clause, if the parse has one
    kind: CueKind = CueKind.VERB
    rule: str = ""
    mention_tokens: tuple[Token, ...] = ()  # the speaker's tokens when found by surface pattern, not parse
    relative: Token | None = None  # "who"/"which" when the subject is a relative clause's antecedent


@dataclass(frozen=True)
class CueScan:
    """What every cue rule may read besides the token: the lexicon, the quotation marks' token indices, options."""

    lexicon: Lexicon
    marks: list[int]
    beliefs: bool = False  # whether belief_verb applies at all (ExtractionOptions.include_beliefs)

    def quoted_clause(self, tok: Token) -> bool:
        """Whether a quotation mark stands in the token's subtree (cheap: bisection over the marks)."""
        return bisect.bisect_right(self.marks, tok.right_edge.i + 1) != bisect.bisect_right(self.marks, tok.i)


def cue_span(verb: Token) -> tuple[int, int]:
    """The cue as written: auxiliaries, negation and adverbs between them and the verb ("had previously assured")."""
    if verb.lower_ == "according":
        to = [c for c in verb.children if c.lower_ == "to"]
        end = to[0] if to else verb
        return verb.idx, end.idx + len(end.text)
    auxes = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    first = auxes[0] if auxes else verb
    return first.idx, verb.idx + len(verb.text)


def _according_to(tok: Token, scan: CueScan) -> Cue | None:
    """"According to S, C" and "C, according to S": the object of "to" is the source of the clause."""
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    pobj = [c for c in to[0].children if c.dep_ == "pobj"] or _bare_source(to[0])
    if not pobj or (pobj[0].lemma_.lower() in _NON_SOURCES and not pobj[0].ent_type_):
        return None  # "will act according to its plan": a norm followed, not a source
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
    return Cue(tok, cue_span(tok), _author(pobj[0], scan.lexicon), content, CueKind.ACCORDING_TO, "according_to")


def _author(source: Token, lexicon: Lexicon) -> Token:
    """The person behind a document named as the source: "according to a speech by Mrs. Clinton" -> Clinton."""
    if source.lemma_.lower() not in lexicon.source_nouns:
        return source
    by = next((g for c in source.children if c.dep_ == "prep" and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"), None)
    return by if by is not None else source


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


def _in_source(tok: Token, scan: CueScan) -> Cue | None:
    """'In the latest Post-ABC poll, Clinton leads by 5 points': a document as the source of a clause.

    Only a sentence-opening "In" whose object is a source noun (data: source_nouns), followed by a comma.
    """
    if tok.lower_ != "in" or tok.dep_ != "prep" or (tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_punct):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or pobj.lemma_.lower() not in scan.lexicon.source_nouns or head.pos_ not in ("VERB", "AUX") \
            or any(c.dep_ == "poss" and c.lower_ in _OWN_VOICE for c in pobj.children) \
            or tok.right_edge.i + 1 >= len(tok.doc) or tok.doc[tok.right_edge.i + 1].text != "," or head.i < tok.i:
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), _in_source_speaker(pobj, head, scan.lexicon),
               span_minus(head, tok), CueKind.ACCORDING_TO, "in_source")


def _in_source_speaker(pobj: Token, head: Token, lexicon: Lexicon) -> Token:
    """Whose words an "In <source>, C" clause gives: a statement or interview with no owner written is the words
    of the clause's named subject ("In a statement, Clinton was more circumspect"); a poll or report its own."""
    if pobj.lemma_.lower() not in lexicon.own_source_nouns or any(c.dep_ == "poss" for c in pobj.children):
        return pobj
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is not None and (subject.ent_type_ in ("PERSON", "ORG") or subject.lower_ in _PERSONAL):
        return subject
    return pobj


_POSSESSIVE = words("possessive_pronouns")
_PERSONAL = words("personal_subject_pronouns")
_OWN_VOICE = words("own_voice_possessives")
_NAMED_SOURCES = frozenset({"ORG", "PERSON", "GPE", "NORP"})  # spaCy entity labels
_NAMED_PASSIVES = words("passive_reporting_verbs")
_NON_SOURCES = words("according_to_non_sources")
_THINGS_MADE = words("unnamed_passive_exclusions")
_WRITER_AND_READER = words("writer_and_reader")
_GENERIC_SUBJECTS = words("generic_subjects")
_NEVER_UNNAMED = _NAMED_PASSIVES | _THINGS_MADE


def _asked(tok: Token) -> bool:
    """Whether the token's sentence is a question: its last non-space token is "?", and not that of a quotation
    after the token ("I'm like, ‘Are you insane?")."""
    last = next((t for t in reversed(tok.sent) if not t.is_space), None)
    if last is None or last.text != "?":
        return False
    return sum(t.is_quote for t in tok.doc[tok.i + 1: last.i]) % 2 == 0  # an odd mark opened the quotation "?" ends


def _no_source(subject: Token | None, lexicon: Lexicon) -> bool:
    """A subject that holds no words of its own: a thing bearing words, or the writer or reader."""
    return _inscription(subject, lexicon) or (subject is not None and subject.lower_ in _WRITER_AND_READER)


def _noun_cue(tok: Token, scan: CueScan) -> Cue | None:
    """A reporting noun completed by its content: "Trump’s claim that …", "a promise by Obama to …".

    The source is the possessor, a "by" agent, or the subject of a light verb ("Obama made a promise
    to …"); a noun without one reports nobody's words ("the claim that …") and is left alone.
    """
    lexicon = scan.lexicon
    if tok.lemma_.lower() not in lexicon.noun_cues:
        return None
    comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i]  # "report that C" misread
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
    if subj is None:  # "a New York Times report that …": a named source before the noun
        subj = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"
                     and c.ent_type_ in _NAMED_SOURCES), None)
    if subj is None or (comp.dep_ in ("pobj", "pcomp") and _topic_only(subj, comp)):
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok.text)), subj, subtree_span(comp), CueKind.NOUN, "reporting_noun")


def _topic_only(subj: Token, topic: Token) -> bool:
    """A reporting noun with a topic that reports nothing: the writer's own ("I wish to make a statement about …")
    or a place ("delivered remarks in Kyiv")."""
    return subj.lower_ in _WRITER_AND_READER or topic.ent_type_ in ("GPE", "LOC", "FAC")


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


def _speech_verb(tok: Token, scan: CueScan) -> Cue | None:
    """A verb of saying: its clause, else its noun-phrase object, else quoted words in it, as the content."""
    lexicon = scan.lexicon
    if tok.dep_ == "advcl" and cited_source(tok.head) is not None:
        return None  # "…, TASS reported, citing Peskov": the citing names the speaker of the report, says nothing
    content, found_by = match_content(tok, lexicon)
    obj = noun_phrase_report(tok, lexicon) if content is None else None
    quoted = quoted_object(tok, lexicon, min_words=1) if content is None and obj is None else None
    kind = CueKind.OBJECT if obj is not None else CueKind.QUOTED_OBJECT if quoted is not None else CueKind.VERB
    found_by = "noun_phrase_object" if obj is not None else "quoted_object" if quoted is not None else found_by
    if (content or obj) is not None and _unnamed_asker(tok, lexicon):  # "Asked whether …, 60 percent said no"
        kind = CueKind.UNATTRIBUTED
    elif _unnamed_source(tok, lexicon):  # "Mr. Quiros was accused of using $50 million …"
        kind, content, obj, found_by = CueKind.UNATTRIBUTED, subtree_span(tok), None, "unnamed_passive"
    subject = None if kind is CueKind.UNATTRIBUTED else find_subject(tok, lexicon)
    if _inscription(subject, lexicon):
        return None  # "a shirt that read “Settle for Hillary”": words on a thing, no one's statement
    if subject is not None and subject.lower_ in _WRITER_AND_READER \
            and (kind.object_report or _asked(tok)):
        return None  # "I mention the historic nature of …": a performative; "can you tell whether …?": a question
    if found_by == "no_content" and any(c.dep_ == "oprd" for c in tok.children):
        return None  # "this breed called Americans": a name given, no frame for a quote
    return Cue(tok, cue_span(tok), subject, content or obj or quoted, kind, f"speech_verb/{found_by}",
               relative=relative_subject(tok))


def _topic_verb(tok: Token, scan: CueScan) -> Cue | None:
    """A verb that reports only with its topic: "spoke about how the consulate had been taken over" (not an
    intention: "wanted to talk about the email matter")."""
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return None
    obj = noun_phrase_report(tok, scan.lexicon)
    subject = find_subject(tok, scan.lexicon) if obj is not None else None
    if obj is None or _no_source(subject, scan.lexicon):
        return None
    return Cue(tok, cue_span(tok), subject, obj, CueKind.OBJECT, "topic_verb", relative=relative_subject(tok))


def _quoted_object_cue(tok: Token, scan: CueScan) -> Cue | None:
    """Any verb whose object holds quoted words: "pounding Trump as a “con artist”"."""
    quoted = quoted_object(tok, scan.lexicon)
    if quoted is None:
        return None
    subject = find_subject(tok, scan.lexicon)
    if _no_source(subject, scan.lexicon) or _extraposed(tok, subject) or _generic(subject):
        return None  # "we have the “right to leave”": a term the writer quotes, not someone's words
    return Cue(tok, cue_span(tok), subject, quoted, CueKind.QUOTED_OBJECT, QUOTED_OBJECT_RULE)


def _generic(subject: Token | None) -> bool:
    """"All must share in … this “new beginning”": everyone, so no one whose words the quotation is ("all of the
    candidates" names a group)."""
    return subject is not None and subject.lower_ in _GENERIC_SUBJECTS \
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)


def _extraposed(verb: Token, subject: Token | None) -> bool:
    """"it's impossible to influence the results with 'observer bias'": the "it" of an adjective's infinitive is
    no one, so the quoted words are nobody's."""
    return subject is not None and subject.lower_ == "it" and verb.dep_ == "xcomp" \
        and any(c.dep_ == "acomp" for c in verb.head.children)


def _belief_verb(tok: Token, scan: CueScan) -> Cue | None:
    """A belief or evidence verb with a clause, a to-infinitive, a finding or a stance; its holder a third party; not asked."""
    if tok.tag_ == "VBG" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return None  # "wanting to …", "to think …": no one's stated belief (negated ones count: "may not want to …")
    content, found_by = belief_content(tok, scan.lexicon)
    if content is None or _asked(tok):
        return None
    subject = find_subject(tok, scan.lexicon)
    if subject is None or _no_source(subject, scan.lexicon):
        return None
    if found_by == "finding_object" and subject.lemma_.lower() not in scan.lexicon.source_nouns:
        return None  # "the poll shows a tight race", but not "he showed his ID"
    if found_by == "stance_object" and not (subject.pos_ == "PROPN" or subject.ent_type_ or subject.pos_ == "PRON"):
        return None  # "a union endorsed Clinton", "Democrats support …", but not "the data supports the view"
    return Cue(tok, cue_span(tok), subject, content, CueKind.BELIEF, f"belief_verb/{found_by}",
               relative=relative_subject(tok))


def _believes(tok: Token, scan: CueScan) -> bool:
    """A belief or evidence verb with a clausal complement, or an object (evidence and stance verbs); asked for
    only with beliefs on. When it finds nothing the verb may still be a quoted-object cue."""
    lemma = tok.lemma_.lower()
    if not scan.beliefs or tok.pos_ != "VERB" or not (lemma in scan.lexicon.cognition or lemma in scan.lexicon.evidence):
        return False
    deps = {c.dep_ for c in tok.children}
    return bool(deps & {"ccomp", "xcomp"}) or ("dobj" in deps and (lemma in scan.lexicon.evidence
                                                                    or lemma in scan.lexicon.stance_objects))


def _speaks(tok: Token, scan: CueScan) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
        return False
    return scan.lexicon.is_cue(tok.lemma_.lower()) or _speech_idiom(tok, scan.lexicon) \
        or _quote_frame(tok, scan.lexicon) or _quotative(tok, scan.lexicon)


@dataclass(frozen=True)
class CueRule:
    """One cue rule: the first rule in CUE_RULES that `applies` to a token claims it, and `find` yields its cue or
    None. A rule with `claims=False` passes the token on to the next rules when `find` yields nothing."""

    name: str
    applies: Callable[[Token, CueScan], bool]
    find: Callable[[Token, CueScan], Cue | None]
    claims: bool = True


CUE_RULES: tuple[CueRule, ...] = (
    CueRule("according_to", lambda t, scan: t.lower_ == "according", _according_to),
    CueRule("in_source", lambda t, scan: t.lower_ == "in", _in_source),
    CueRule("reporting_noun", lambda t, scan: t.pos_ == "NOUN" and t.dep_ != "ROOT", _noun_cue),
    CueRule("speech_verb", _speaks, _speech_verb),
    CueRule("belief_verb", _believes, _belief_verb, claims=False),  # "supported the “X” plan" stays quoted_object
    CueRule("topic_verb", lambda t, scan: t.pos_ == "VERB" and t.lemma_.lower() in scan.lexicon.prep_content,
            _topic_verb),
    CueRule("quoted_object", lambda t, scan: t.pos_ == "VERB" and scan.quoted_clause(t), _quoted_object_cue),
)


def find_cues(doc: Doc, lexicon: Lexicon, *, beliefs: bool = False) -> list[Cue]:
    """Every speech cue of the document, in text order: each candidate token goes to the first rule that applies."""
    candidates, marks = _candidates(doc)
    scan = CueScan(lexicon, marks, beliefs)
    cues: list[Cue] = []
    for i in candidates:
        cue = _first_cue(doc[i], scan)
        if cue is not None:
            cues.append(cue)
    return cues


def _first_cue(tok: Token, scan: CueScan) -> Cue | None:
    """The cue of the first rule that applies to the token and claims it (or finds a cue)."""
    for rule in CUE_RULES:
        if rule.applies(tok, scan):
            cue = rule.find(tok, scan)
            if cue is not None or rule.claims:
                return cue
    return None


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


def _quote_frame(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that speaks only as the bare frame of a quotation: "“…,” she continued", "She continued, “…”",
    "Caddell continued:" before a quoted paragraph (not "prices continued to rise")."""
    if verb.lemma_.lower() not in lexicon.quote_frames:
        return False
    args = [c for c in verb.children if c.dep_ in _IDIOM_ARGS]
    if not args:
        return verb.i + 1 < len(verb.doc) and verb.nbor().text == ":"
    return len(args) == 1 and args[0].dep_ == "ccomp" and _next_to_quote(verb)


def _quotative(verb: Token, lexicon: Lexicon) -> bool:
    """Speech's "be like" right before a quotation: "I'm like, ‘Are you insane?’" (not "it was like a dream")."""
    word = lexicon.quotatives.get(verb.lemma_.lower())
    if word is None:
        return False
    like = next((c for c in verb.children if c.lower_ == word and c.i > verb.i and not any(c.children)), None)
    if like is None:
        return False
    j = like.i + 1
    while j < len(verb.doc) and verb.doc[j].is_punct and not verb.doc[j].is_quote:
        j += 1
    return j < len(verb.doc) and verb.doc[j].is_quote and j > like.i + 1  # a comma or colon before the mark


def _next_to_quote(verb: Token) -> bool:
    """Whether a quotation mark stands right before the verb and its subject ("“…,” she continued") or right
    after the verb and its punctuation ("She continued, “…")."""
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    i = verb.i - 1
    while i >= verb.sent.start and (i in subject or (verb.doc[i].is_punct and not verb.doc[i].is_quote)):
        i -= 1
    if i >= verb.sent.start and verb.doc[i].is_quote:
        return True
    j = verb.i + 1
    while j < verb.sent.end and verb.doc[j].is_punct and not verb.doc[j].is_quote:
        j += 1
    return j < verb.sent.end and verb.doc[j].is_quote


def _unnamed_source(verb: Token, lexicon: Lexicon) -> bool:
    """A passive report with no agent, in no other report: "X was accused of …", "a curfew was announced" (not a
    movement: "were admitted into the European Union")."""
    return any(c.dep_ == "auxpass" for c in verb.children) and verb.dep_ in ("ROOT", "conj") \
        and not any(c.dep_ == "prep" and c.lower_ == "into" for c in verb.children) \
        and any(c.dep_ == "nsubjpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children) \
        and verb.lemma_.lower() not in _NEVER_UNNAMED and verb.lemma_.lower() not in lexicon.question_verbs \
        and not inside_report(verb, lexicon)


def _unnamed_asker(verb: Token, lexicon: Lexicon) -> bool:
    """A question put by someone the text leaves unnamed: passive "was asked if …" or an opening "Asked whether …"."""
    if verb.lemma_.lower() not in lexicon.question_verbs:
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    opening = verb.tag_ == "VBN" and verb.i == verb.sent.start
    return passive or opening
