"""The speaker of a cue: its subject, climbing from participles, conjuncts and relative clauses to their governor."""
from __future__ import annotations

from spacy.tokens import Token

from quoteservice.extract.lexicon import Lexicon
from quoteservice.extract.provenance import cited_source
from quoteservice.extract.wordlists import words

_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "prep"})
_WH_SUBJECTS = frozenset({"WP", "WDT"})


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
_MANNER_PREPS = words("manner_prepositions")
# Subjects that name no source: "nobody would question …", "that was not her view".
_NO_SPEAKER = words("no_speaker")
_DATELINE_DASHES = words("dateline_dashes")
_RELAY_AS = words("relay_as_verbs")


def relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is the verb's written subject ("Makei, who said …" -> who)."""
    if verb.dep_ != "relcl":
        return _misread_relative(verb)
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ in _WH_SUBJECTS), None)


def _misread_relative(verb: Token) -> Token | None:
    """A "who" after a comma whose clause the parser did not hang on its antecedent ("… Amanda Gorman, the poet,
    wise beyond her years, who told us that:")."""
    who = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "who" and c.i < verb.i), None)
    if who is None or who.i == 0 or who.doc[who.i - 1].text != ",":
        return None
    return who


def _antecedent(who: Token) -> Token | None:
    """The last person the sentence names before a misread "who": the root of that name."""
    person = next((t for t in reversed(who.doc[who.sent.start: who.i]) if t.ent_type_ == "PERSON"), None)
    if person is None:
        return None
    while person.head.ent_type_ == "PERSON" and person.head.i != person.i and person.dep_ == "compound":
        person = person.head
    return person


def find_subject(verb: Token, lexicon: Lexicon | None = None) -> Token | None:
    """The speaker's head token: the subject, climbing from participles and conjuncts to their governor."""
    cited = cited_source(verb)
    if cited is not None:
        return cited  # "…, the RIA news agency reported, citing Vladimir Medinsky"
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
            misread = _misread_relative(t)
            if misread is not None and misread.i == s.i:
                return _antecedent(s) or s
            return None if s.lower_ in _NO_SPEAKER else _past_dateline(s)
        passive = [c for c in t.children if c.dep_ == "nsubjpass"]
        if passive:
            agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent[0]
            if t.lemma_ == "quote":  # "he was quoted as saying" -> he
                return passive[0]
            return None  # "it was reported that", "the delegation is said to ..."
        misread = _misread_conjunct_subject(t)
        if misread is not None:
            return misread
        if t.dep_ == "relcl" and t.head.i != t.i:
            return t.head
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return t.head  # "postings that included one saying that …" -> one
        if t.dep_ == "acl" and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN") \
                and t.i > 0 and t.doc[t.i - 1].text == "," and t.tag_ in ("VBD", "VBN"):
            return t.head  # "Aaron Kall, the director of debate, compared Trump to …" misread as a verbless sentence
        if t.dep_ == "prep" and t.lower_ == "as" and t.head.lemma_.lower() in _RELAY_AS:
            return _relayed(t.head)  # "Interfax quoted Medinsky as saying …", "Peskov was quoted by TASS as saying …"
        if t.dep_ == "prep" and t.lower_ not in _MANNER_PREPS:
            break  # "after warning NATO …", "despite Ukraine calling for …": background, not a report
        if t.dep_ in _CLIMB_DEPS and t.head.i != t.i:
            t = t.head
            continue
        break
    return _inverted_name(t)  # the verb, or the governor it climbed to ("said Skelly, explaining …")


def _relayed(relay: Token) -> Token | None:
    """Whom an outlet quotes or cites: the passive subject ("Peskov was quoted by TASS as …"), else the object
    ("Reuters cited Podolyak as …"); the outlet itself is the record's `via` (provenance.py)."""
    passive = next((c for c in relay.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive
    return next((c for c in relay.children if c.dep_ == "dobj"), None)


def _misread_conjunct_subject(verb: Token) -> Token | None:
    """"… mishandled the investigation and Democrats accused the GOP …" with "Democrats" misread as a conjunct of
    the object before it: the noun right after the "and" is the second verb's subject."""
    if verb.dep_ != "conj" or verb.i < 2:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.dep_ != "conj" or prev.pos_ not in ("PROPN", "NOUN", "PRON") or prev.head.i >= prev.i \
            or prev.left_edge.i == 0 or verb.doc[prev.left_edge.i - 1].dep_ != "cc":
        return None
    return prev


def _past_dateline(subject: Token) -> Token:
    """'WASHINGTON -- President Obama, dedicating …, said' misread with the dateline as the subject: the name
    after the dash speaks."""
    doc, sent = subject.doc, subject.sent
    if subject.i + 1 >= sent.end or doc[subject.i + 1].text not in _DATELINE_DASHES \
            or not all(t.is_upper or t.is_punct for t in doc[sent.start:subject.i + 1]):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i + 1), subject)


def _inverted_name(verb: Token) -> Token | None:
    """'“…,” said Skelly, explaining …' with the name misread as the verb's modifier (even as an adverb): the
    capitalized word right after a verb that follows a closing quote or comma is its inverted subject."""
    doc = verb.doc
    if verb.pos_ not in ("VERB", "AUX") or verb.i == 0 or verb.i + 1 >= len(doc) \
            or not (doc[verb.i - 1].is_quote or doc[verb.i - 1].text == ","):
        return None
    name = doc[verb.i + 1]
    if not (name.pos_ == "PROPN" or (name.is_title and name.pos_ in ("ADV", "NOUN", "X"))) \
            or name.ent_type_ in ("DATE", "TIME") \
            or name.dep_ not in ("advmod", "npadvmod", "dobj", "dep", "attr", "oprd", "compound"):
        return None
    while name.dep_ == "compound" and name.head.i == name.i + 1 and name.head.pos_ == "PROPN":
        name = name.head  # "said Hayati Camlica": the last word heads the name
    return name
