"""coreferee as one signal of the speaker model, with its cost bounded per article.

Coreference over a whole article costs several times the parse, and coreferee's own search is
superlinear in the pronouns of what it reads. So it runs on regions of a few sentences around the
pronouns it is asked about, each region at most once per article (later pronouns the region covers
read the cached chains), at most MAX_REGIONS regions per article, and never on a region holding
more than MAX_PRONOUNS pronouns.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

WINDOW_SENTENCES = 3  # sentences before the pronoun's own that coreferee must see
AHEAD_SENTENCES = 3  # sentences after it a region also covers, for the pronouns that follow
MAX_REGIONS = 4  # coreferee runs per article
MAX_PRONOUNS = 12  # pronouns in a region beyond which coreferee is not run on it


class PronounResolver:
    """coreferee with the shipped model, shared by all articles; see ArticleCoreference."""

    def __init__(self, nlp: Language) -> None:
        from quoteservice.coref import MODEL_DIR, CorefereeComponent

        self._component = CorefereeComponent(nlp, MODEL_DIR)

    def for_doc(self, doc: Doc) -> ArticleCoreference:
        """The per-article view: its region cache and its budget."""
        return ArticleCoreference(self, doc)

    def annotate(self, region: Doc) -> None:
        with warnings.catch_warnings():  # W007: the sm pipeline has no vectors; coreferee knows
            warnings.filterwarnings("ignore", message=r"\[W007\]")
            self._component(region)


@dataclass
class _Region:
    start: int  # token offsets in the article
    end: int
    doc: Doc | None  # the annotated copy; None when the region was too dense to run


@dataclass
class ArticleCoreference:
    """Antecedents for pronouns of one article, from cached coreferee regions."""

    resolver: PronounResolver
    doc: Doc
    regions: list[_Region] = field(default_factory=list)
    runs: int = 0

    def antecedents(self, token_i: int) -> list[int]:
        """Token indices (in the article) of the antecedent heads coreferee finds for doc[token_i]."""
        from quoteservice.coref import resolve_pronoun

        doc = self.doc
        sent = doc[token_i].sent
        start = _sentences_back(doc, sent.start, WINDOW_SENTENCES)
        region = next((r for r in self.regions if r.start <= start and sent.end <= r.end), None)
        if region is None:
            if self.runs >= MAX_REGIONS:
                return []
            region = self._annotate(start, _sentences_ahead(doc, sent.end, AHEAD_SENTENCES))
        if region.doc is None or region.doc._.coref_chains is None:
            return []
        return [region.start + i for i in resolve_pronoun(region.doc, token_i - region.start)]

    def _annotate(self, start: int, end: int) -> _Region:
        span = self.doc[start:end]
        dense = sum(1 for t in span if t.pos_ == "PRON") > MAX_PRONOUNS
        region = _Region(start, end, None if dense else span.as_doc())
        if region.doc is not None:
            self.runs += 1
            self.resolver.annotate(region.doc)
        self.regions.append(region)
        return region


def _sentences_back(doc: Doc, start: int, n: int) -> int:
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _sentences_ahead(doc: Doc, end: int, n: int) -> int:
    for _ in range(n):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    return end
