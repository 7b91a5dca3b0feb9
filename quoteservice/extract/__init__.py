"""Quote extraction rules over the spaCy parse; `Extractor` is the entry point.

`Extractor` is imported on first use, so the record types (and the CLI talking to a server, or
handing documents to worker processes) do not pay for importing spaCy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quoteservice.extract.model import ArticleQuotes, Method, Quote, QuoteType, Span, Speaker, SpeakerKind

if TYPE_CHECKING:
    from quoteservice.extract.extractor import Extractor

__all__ = ["ArticleQuotes", "Extractor", "Method", "Quote", "QuoteType", "Span", "Speaker", "SpeakerKind"]


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from quoteservice.extract.extractor import Extractor
        return Extractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
