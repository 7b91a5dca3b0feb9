import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QuoteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_TYPE_UNSPECIFIED: _ClassVar[QuoteType]
    QUOTE_TYPE_DIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_INDIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_MIXED: _ClassVar[QuoteType]

class SpeakerKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPEAKER_KIND_UNSPECIFIED: _ClassVar[SpeakerKind]
    SPEAKER_KIND_PERSON: _ClassVar[SpeakerKind]
    SPEAKER_KIND_ORGANIZATION: _ClassVar[SpeakerKind]
    SPEAKER_KIND_UNNAMED: _ClassVar[SpeakerKind]
    SPEAKER_KIND_UNKNOWN: _ClassVar[SpeakerKind]

class AttributionMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ATTRIBUTION_METHOD_UNSPECIFIED: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_EXPLICIT: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_COREFERENCE: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_ROLE: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_PREVIOUS_QUOTE: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_FALLBACK: _ClassVar[AttributionMethod]
    ATTRIBUTION_METHOD_NONE: _ClassVar[AttributionMethod]
QUOTE_TYPE_UNSPECIFIED: QuoteType
QUOTE_TYPE_DIRECT: QuoteType
QUOTE_TYPE_INDIRECT: QuoteType
QUOTE_TYPE_MIXED: QuoteType
SPEAKER_KIND_UNSPECIFIED: SpeakerKind
SPEAKER_KIND_PERSON: SpeakerKind
SPEAKER_KIND_ORGANIZATION: SpeakerKind
SPEAKER_KIND_UNNAMED: SpeakerKind
SPEAKER_KIND_UNKNOWN: SpeakerKind
ATTRIBUTION_METHOD_UNSPECIFIED: AttributionMethod
ATTRIBUTION_METHOD_EXPLICIT: AttributionMethod
ATTRIBUTION_METHOD_COREFERENCE: AttributionMethod
ATTRIBUTION_METHOD_ROLE: AttributionMethod
ATTRIBUTION_METHOD_PREVIOUS_QUOTE: AttributionMethod
ATTRIBUTION_METHOD_FALLBACK: AttributionMethod
ATTRIBUTION_METHOD_NONE: AttributionMethod

class Document(_message.Message):
    __slots__ = ("id", "text", "title", "url", "published_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    title: str
    url: str
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., title: _Optional[str] = ..., url: _Optional[str] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExtractionOptions(_message.Message):
    __slots__ = ("exclude_types", "min_confidence", "explain", "include_beliefs", "join_interrupted", "include_noun_phrase_reports")
    EXCLUDE_TYPES_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_BELIEFS_FIELD_NUMBER: _ClassVar[int]
    JOIN_INTERRUPTED_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_NOUN_PHRASE_REPORTS_FIELD_NUMBER: _ClassVar[int]
    exclude_types: _containers.RepeatedScalarFieldContainer[QuoteType]
    min_confidence: float
    explain: bool
    include_beliefs: bool
    join_interrupted: bool
    include_noun_phrase_reports: bool
    def __init__(self, exclude_types: _Optional[_Iterable[_Union[QuoteType, str]]] = ..., min_confidence: _Optional[float] = ..., explain: _Optional[bool] = ..., include_beliefs: _Optional[bool] = ..., join_interrupted: _Optional[bool] = ..., include_noun_phrase_reports: _Optional[bool] = ...) -> None: ...

class ExtractQuotesRequest(_message.Message):
    __slots__ = ("document", "options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: Document
    options: ExtractionOptions
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ..., options: _Optional[_Union[ExtractionOptions, _Mapping]] = ...) -> None: ...

class ExtractQuotesResponse(_message.Message):
    __slots__ = ("document_id", "quotes", "speakers")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    speakers: _containers.RepeatedCompositeFieldContainer[Speaker]
    def __init__(self, document_id: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., speakers: _Optional[_Iterable[_Union[Speaker, _Mapping]]] = ...) -> None: ...

class BatchExtractQuotesRequest(_message.Message):
    __slots__ = ("document", "options")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    document: Document
    options: ExtractionOptions
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ..., options: _Optional[_Union[ExtractionOptions, _Mapping]] = ...) -> None: ...

class BatchExtractQuotesResponse(_message.Message):
    __slots__ = ("document_id", "result", "error")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    result: ExtractQuotesResponse
    error: _status_pb2.Status
    def __init__(self, document_id: _Optional[str] = ..., result: _Optional[_Union[ExtractQuotesResponse, _Mapping]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class TextSpan(_message.Message):
    __slots__ = ("text", "start", "end")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: int
    end: int
    def __init__(self, text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Speaker(_message.Message):
    __slots__ = ("id", "name", "kind", "role", "aliases")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    kind: SpeakerKind
    role: str
    aliases: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[_Union[SpeakerKind, str]] = ..., role: _Optional[str] = ..., aliases: _Optional[_Iterable[str]] = ...) -> None: ...

class Provenance(_message.Message):
    __slots__ = ("id", "name", "mention", "carried")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MENTION_FIELD_NUMBER: _ClassVar[int]
    CARRIED_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    mention: TextSpan
    carried: bool
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., mention: _Optional[_Union[TextSpan, _Mapping]] = ..., carried: _Optional[bool] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("id", "text", "start", "end", "type", "speaker", "speaker_mention", "cue", "confidence", "method", "rule", "belief", "via", "noun_phrase")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_MENTION_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    BELIEF_FIELD_NUMBER: _ClassVar[int]
    VIA_FIELD_NUMBER: _ClassVar[int]
    NOUN_PHRASE_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    start: int
    end: int
    type: QuoteType
    speaker: Speaker
    speaker_mention: TextSpan
    cue: TextSpan
    confidence: float
    method: AttributionMethod
    rule: str
    belief: bool
    via: Provenance
    noun_phrase: bool
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., type: _Optional[_Union[QuoteType, str]] = ..., speaker: _Optional[_Union[Speaker, _Mapping]] = ..., speaker_mention: _Optional[_Union[TextSpan, _Mapping]] = ..., cue: _Optional[_Union[TextSpan, _Mapping]] = ..., confidence: _Optional[float] = ..., method: _Optional[_Union[AttributionMethod, str]] = ..., rule: _Optional[str] = ..., belief: _Optional[bool] = ..., via: _Optional[_Union[Provenance, _Mapping]] = ..., noun_phrase: _Optional[bool] = ...) -> None: ...
