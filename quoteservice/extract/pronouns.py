"""Antecedents of pronoun speakers from coreferee, run only on a small window around the pronoun.

Coreference over a whole article costs several times the parse, so the extractor asks this only
for pronouns that quote context cannot settle, and only over the pronoun's sentence and the few
before it.
"""
from __future__ import annotations

import warnings

from spacy.language import Language
from spacy.tokens import Doc

WINDOW_SENTENCES = 3  # sentences before the pronoun's own that coreferee sees


class PronounResolver:
    """coreferee with the shipped model, applied to copies of small windows of a parsed article."""

    def __init__(self, nlp: Language) -> None:
        from quoteservice.coref import MODEL_DIR, CorefereeComponent

        self._component = CorefereeComponent(nlp, MODEL_DIR)

    def antecedents(self, doc: Doc, token_i: int) -> list[int]:
        """Token indices (in `doc`) of the antecedent heads coreferee finds for doc[token_i]."""
        from quoteservice.coref import resolve_pronoun

        sent = doc[token_i].sent
        start = sent.start
        for _ in range(WINDOW_SENTENCES):
            if start == 0:
                break
            start = doc[start - 1].sent.start
        window = doc[start:sent.end].as_doc()
        with warnings.catch_warnings():  # W007: the sm pipeline has no vectors; coreferee knows
            warnings.filterwarnings("ignore", message=r"\[W007\]")
            self._component(window)
        if window._.coref_chains is None:
            return []
        return [start + i for i in resolve_pronoun(window, token_i - start)]
