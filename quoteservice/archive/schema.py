"""The archive's tables (SQLAlchemy Core): documents, speakers, quotes, their blocking keys.

Alembic migrations (archive/migrations) create and change them; this module is what the code reads and
writes through. Clusters are a column of quotes (the same utterance, the same `cluster_id`); what a cluster
shows (canonical text, first seen, differences) is computed from its members when asked, so it is never stale.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(512), nullable=False, unique=True),
    Column("url", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("outlet", String(256), nullable=False, default=""),
    Column("published_at", String(32), nullable=False, default=""),  # ISO 8601 as given; sorts as text
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
)

speakers = Table(
    "speakers", metadata,
    Column("id", String(256), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
)

quotes = Table(
    "quotes", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("quote_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("speaker_id", String(256), nullable=False, default=""),  # '' when unresolved or unnamed
    Column("speaker_name", Text, nullable=False, default=""),
    Column("cue", Text, nullable=False, default=""),
    Column("via_id", String(256), nullable=False, default=""),
    Column("via_name", Text, nullable=False, default=""),
    Column("confidence", Float, nullable=False),
    Column("outlet", String(256), nullable=False, default=""),  # the document's, for filtering without a join
    Column("published_at", String(32), nullable=False, default=""),
    Column("cluster_id", Integer, nullable=True),
    Column("verbatim", Boolean, nullable=False, default=False),  # direct: canonical text candidate
    Index("ix_quotes_speaker_published", "speaker_id", "published_at"),
    Index("ix_quotes_doc", "doc_pk"),
    Index("ix_quotes_cluster", "cluster_id"),
    Index("ix_quotes_outlet", "outlet"),
)

quote_keys = Table(
    "quote_keys", metadata,
    Column("quote_pk", Integer, ForeignKey("quotes.pk", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", String(256), nullable=False),
    Column("key", BigInteger, nullable=False),
    Index("ix_quote_keys_lookup", "speaker_id", "key"),
    Index("ix_quote_keys_quote", "quote_pk"),
)
