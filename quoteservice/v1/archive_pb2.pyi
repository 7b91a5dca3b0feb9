from google.api import annotations_pb2 as _annotations_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class IndexStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INDEX_STATUS_UNSPECIFIED: _ClassVar[IndexStatus]
    INDEX_STATUS_ADDED: _ClassVar[IndexStatus]
    INDEX_STATUS_REPLACED: _ClassVar[IndexStatus]
    INDEX_STATUS_UNCHANGED: _ClassVar[IndexStatus]
INDEX_STATUS_UNSPECIFIED: IndexStatus
INDEX_STATUS_ADDED: IndexStatus
INDEX_STATUS_REPLACED: IndexStatus
INDEX_STATUS_UNCHANGED: IndexStatus

class ArchiveDocument(_message.Message):
    __slots__ = ("id", "text", "url", "title", "outlet", "published_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    url: str
    title: str
    outlet: str
    published_at: str
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., url: _Optional[str] = ..., title: _Optional[str] = ..., outlet: _Optional[str] = ..., published_at: _Optional[str] = ...) -> None: ...

class IndexDocumentsRequest(_message.Message):
    __slots__ = ("document",)
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: ArchiveDocument
    def __init__(self, document: _Optional[_Union[ArchiveDocument, _Mapping]] = ...) -> None: ...

class IndexedDocument(_message.Message):
    __slots__ = ("document_id", "status", "quote_count", "error")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    status: IndexStatus
    quote_count: int
    error: _status_pb2.Status
    def __init__(self, document_id: _Optional[str] = ..., status: _Optional[_Union[IndexStatus, str]] = ..., quote_count: _Optional[int] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ...) -> None: ...

class IndexDocumentsResponse(_message.Message):
    __slots__ = ("documents",)
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[IndexedDocument]
    def __init__(self, documents: _Optional[_Iterable[_Union[IndexedDocument, _Mapping]]] = ...) -> None: ...

class Edit(_message.Message):
    __slots__ = ("op", "canonical", "member", "member_start", "member_end")
    OP_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_START_FIELD_NUMBER: _ClassVar[int]
    MEMBER_END_FIELD_NUMBER: _ClassVar[int]
    op: str
    canonical: str
    member: str
    member_start: int
    member_end: int
    def __init__(self, op: _Optional[str] = ..., canonical: _Optional[str] = ..., member: _Optional[str] = ..., member_start: _Optional[int] = ..., member_end: _Optional[int] = ...) -> None: ...

class Via(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ArchivedQuote(_message.Message):
    __slots__ = ("doc_id", "quote_id", "start", "end", "text", "type", "speaker_id", "speaker_name", "cue", "via", "outlet", "published_at", "confidence", "cluster_id", "diff")
    DOC_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTE_ID_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_NAME_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    VIA_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
    DIFF_FIELD_NUMBER: _ClassVar[int]
    doc_id: str
    quote_id: str
    start: int
    end: int
    text: str
    type: str
    speaker_id: str
    speaker_name: str
    cue: str
    via: Via
    outlet: str
    published_at: str
    confidence: float
    cluster_id: int
    diff: _containers.RepeatedCompositeFieldContainer[Edit]
    def __init__(self, doc_id: _Optional[str] = ..., quote_id: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ..., type: _Optional[str] = ..., speaker_id: _Optional[str] = ..., speaker_name: _Optional[str] = ..., cue: _Optional[str] = ..., via: _Optional[_Union[Via, _Mapping]] = ..., outlet: _Optional[str] = ..., published_at: _Optional[str] = ..., confidence: _Optional[float] = ..., cluster_id: _Optional[int] = ..., diff: _Optional[_Iterable[_Union[Edit, _Mapping]]] = ...) -> None: ...

class SearchQuotesRequest(_message.Message):
    __slots__ = ("speaker", "text", "outlet", "since", "until", "page_size")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    text: str
    outlet: str
    since: str
    until: str
    page_size: int
    def __init__(self, speaker: _Optional[str] = ..., text: _Optional[str] = ..., outlet: _Optional[str] = ..., since: _Optional[str] = ..., until: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class SearchQuotesResponse(_message.Message):
    __slots__ = ("quotes",)
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    quotes: _containers.RepeatedCompositeFieldContainer[ArchivedQuote]
    def __init__(self, quotes: _Optional[_Iterable[_Union[ArchivedQuote, _Mapping]]] = ...) -> None: ...

class ClusterSpeaker(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Cluster(_message.Message):
    __slots__ = ("id", "speaker", "canonical_text", "altered", "first_seen", "members")
    ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_TEXT_FIELD_NUMBER: _ClassVar[int]
    ALTERED_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    id: int
    speaker: ClusterSpeaker
    canonical_text: str
    altered: bool
    first_seen: ArchivedQuote
    members: _containers.RepeatedCompositeFieldContainer[ArchivedQuote]
    def __init__(self, id: _Optional[int] = ..., speaker: _Optional[_Union[ClusterSpeaker, _Mapping]] = ..., canonical_text: _Optional[str] = ..., altered: _Optional[bool] = ..., first_seen: _Optional[_Union[ArchivedQuote, _Mapping]] = ..., members: _Optional[_Iterable[_Union[ArchivedQuote, _Mapping]]] = ...) -> None: ...

class ListClustersRequest(_message.Message):
    __slots__ = ("speaker", "altered_only", "page_size")
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    ALTERED_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    altered_only: bool
    page_size: int
    def __init__(self, speaker: _Optional[str] = ..., altered_only: _Optional[bool] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListClustersResponse(_message.Message):
    __slots__ = ("clusters",)
    CLUSTERS_FIELD_NUMBER: _ClassVar[int]
    clusters: _containers.RepeatedCompositeFieldContainer[Cluster]
    def __init__(self, clusters: _Optional[_Iterable[_Union[Cluster, _Mapping]]] = ...) -> None: ...

class GetClusterRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class GetClusterResponse(_message.Message):
    __slots__ = ("cluster",)
    CLUSTER_FIELD_NUMBER: _ClassVar[int]
    cluster: Cluster
    def __init__(self, cluster: _Optional[_Union[Cluster, _Mapping]] = ...) -> None: ...

class GetSpeakerRequest(_message.Message):
    __slots__ = ("speaker",)
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    speaker: str
    def __init__(self, speaker: _Optional[str] = ...) -> None: ...

class GetSpeakerResponse(_message.Message):
    __slots__ = ("id", "name", "kind", "quote_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    kind: str
    quote_count: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., quote_count: _Optional[int] = ...) -> None: ...

class ListDocumentsRequest(_message.Message):
    __slots__ = ("outlet", "page_size")
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    outlet: str
    page_size: int
    def __init__(self, outlet: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class DocumentSummary(_message.Message):
    __slots__ = ("id", "url", "title", "outlet", "published_at", "quote_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    OUTLET_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    url: str
    title: str
    outlet: str
    published_at: str
    quote_count: int
    def __init__(self, id: _Optional[str] = ..., url: _Optional[str] = ..., title: _Optional[str] = ..., outlet: _Optional[str] = ..., published_at: _Optional[str] = ..., quote_count: _Optional[int] = ...) -> None: ...

class ListDocumentsResponse(_message.Message):
    __slots__ = ("documents",)
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[DocumentSummary]
    def __init__(self, documents: _Optional[_Iterable[_Union[DocumentSummary, _Mapping]]] = ...) -> None: ...

class GetDocumentRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetDocumentResponse(_message.Message):
    __slots__ = ("document", "quotes")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    document: ArchiveDocument
    quotes: _containers.RepeatedCompositeFieldContainer[ArchivedQuote]
    def __init__(self, document: _Optional[_Union[ArchiveDocument, _Mapping]] = ..., quotes: _Optional[_Iterable[_Union[ArchivedQuote, _Mapping]]] = ...) -> None: ...
