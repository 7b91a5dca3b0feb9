"""The first archive: documents, speakers, quotes with cluster ids, blocking keys, full-text search.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FTS_SQLITE = [
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='pk')",
    "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.pk, new.text); END",
    "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.pk, old.text); END",
    "CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.pk, old.text);"
    " INSERT INTO quotes_fts(rowid, text) VALUES (new.pk, new.text); END",
]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(512), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("outlet", sa.String(256), nullable=False),
        sa.Column("published_at", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.String(256), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("quote_id", sa.String(32), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("speaker_id", sa.String(256), nullable=False),
        sa.Column("speaker_name", sa.Text, nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("via_id", sa.String(256), nullable=False),
        sa.Column("via_name", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("outlet", sa.String(256), nullable=False),
        sa.Column("published_at", sa.String(32), nullable=False),
        sa.Column("cluster_id", sa.Integer, nullable=True),
        sa.Column("verbatim", sa.Boolean, nullable=False),
    )
    op.create_index("ix_quotes_speaker_published", "quotes", ["speaker_id", "published_at"])
    op.create_index("ix_quotes_doc", "quotes", ["doc_pk"])
    op.create_index("ix_quotes_cluster", "quotes", ["cluster_id"])
    op.create_index("ix_quotes_outlet", "quotes", ["outlet"])
    op.create_table(
        "quote_keys",
        sa.Column("quote_pk", sa.Integer, sa.ForeignKey("quotes.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("speaker_id", sa.String(256), nullable=False),
        sa.Column("key", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_quote_keys_lookup", "quote_keys", ["speaker_id", "key"])
    op.create_index("ix_quote_keys_quote", "quote_keys", ["quote_pk"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for stmt in _FTS_SQLITE:
            op.execute(stmt)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    op.drop_table("quote_keys")
    op.drop_table("quotes")
    op.drop_table("speakers")
    op.drop_table("documents")
