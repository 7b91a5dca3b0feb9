"""Quote extraction rules over the spaCy parse; `Extractor` is the entry point."""
from quoteservice.extract.extractor import Extractor
from quoteservice.extract.model import ArticleQuotes, Method, Quote, QuoteType, Span, Speaker, SpeakerKind

__all__ = ["ArticleQuotes", "Extractor", "Method", "Quote", "QuoteType", "Span", "Speaker", "SpeakerKind"]
