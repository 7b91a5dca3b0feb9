"""Plain records the extractor produces; the gRPC layer converts them to protobuf messages."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class QuoteType(str, Enum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class SpeakerKind(str, Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    UNNAMED = "unnamed"
    UNKNOWN = "unknown"


class Method(str, Enum):
    """How a quote's speaker was found (mirrors quoteservice.v1.AttributionMethod)."""

    EXPLICIT = "explicit"
    COREFERENCE = "coreference"
    ROLE = "role"
    PREVIOUS_QUOTE = "previous_quote"
    FALLBACK = "fallback"
    NONE = "none"


@dataclass(frozen=True)
class Span:
    """A slice of the article: code point offsets, end exclusive."""

    start: int
    end: int
    text: str


@dataclass
class Speaker:
    """A resolved speaker: a stable id, a display name and, for people, a role if stated."""

    id: str
    name: str
    kind: SpeakerKind
    role: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Provenance:
    """The news outlet a quote was relayed through: a stable id like a speaker's, its name, and its mention."""

    id: str
    name: str
    span: Span
    carried: bool = False  # stated earlier for this speaker (an interview, a relay) and carried to this record


@dataclass
class Quote:
    """One quote record of an article."""

    span: Span
    type: QuoteType
    speaker: Speaker | None
    mention: Span | None
    cue: Span | None
    confidence: float
    method: Method
    rule: str = ""  # the pass and rules that produced the record (docs/rules.md)
    belief: bool = False  # an attribution of belief or evidence ("believes that …"), not speech
    noun_phrase: bool = False  # a report of a noun phrase ("denied the allegations"): what was spoken about
    via: Provenance | None = None  # the outlet that relayed it ("…, Reuters reported"); None when direct


@dataclass
class ArticleQuotes:
    """Everything extracted from one article: quotes in text order and their distinct speakers."""

    quotes: list[Quote]
    speakers: list[Speaker]
