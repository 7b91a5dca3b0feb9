"""Cue finding over parses the parser got wrong: hand-built trees, so each recovery is exercised for sure."""
from __future__ import annotations

from spacy.tokens import Doc

from quoteservice.extract.cues import CueKind, find_cues
from quoteservice.extract.lexicon import load_lexicon


def parsed(nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A one-sentence Doc with the given (mis)parse."""
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_according_to_without_an_object_takes_the_noun_phrase_after_to(nlp) -> None:
    # the parser hung "the F.A.A." on the root as punctuation, leaving "to" with no object
    words = ["It", "is", "cleared", "to", "fly", ",", "according", "to", "the", "F.A.A."]
    heads = [2, 2, 2, 4, 2, 2, 2, 6, 2, 8]
    deps = ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "punct", "prep", "prep", "punct", "dep"]
    pos = ["PRON", "AUX", "VERB", "PART", "VERB", "PUNCT", "VERB", "ADP", "PRON", "PROPN"]
    doc = parsed(nlp, words, heads, deps, pos)
    [cue] = find_cues(doc, load_lexicon())
    assert cue.kind is CueKind.ACCORDING_TO and cue.subject.text == "F.A.A."
    assert doc.text[cue.content[0]:cue.content[1]] == "It is cleared to fly"


def test_according_to_after_its_clause_reports_the_clause_before_it(nlp) -> None:
    # "C, according to S last week - …": what follows the source is the writer's, however long
    words = ["Most", "voters", "view", "her", "unfavorably", ",", "according", "to", "a", "poll", "last", "week",
             "-", "the", "same", "as", "Trump", "."]
    heads = [1, 2, 2, 2, 2, 2, 2, 6, 9, 7, 11, 2, 2, 14, 2, 14, 15, 2]
    deps = ["amod", "nsubj", "ROOT", "dobj", "advmod", "punct", "prep", "prep", "det", "pobj", "amod", "npadvmod",
            "punct", "det", "appos", "prep", "pobj", "punct"]
    pos = ["ADJ", "NOUN", "VERB", "PRON", "ADV", "PUNCT", "VERB", "ADP", "DET", "NOUN", "ADJ", "NOUN", "PUNCT",
           "DET", "ADJ", "ADP", "PROPN", "PUNCT"]
    doc = parsed(nlp, words, heads, deps, pos)
    [cue] = find_cues(doc, load_lexicon())
    assert doc.text[cue.content[0]:cue.content[1]] == "Most voters view her unfavorably"
