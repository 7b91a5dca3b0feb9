"""The quote archive: index articles' quotes once each, link the same utterance across outlets, answer queries.

SQLite by default (`sqlite:///quotes.db`, FTS5 for text search), PostgreSQL by URL (tsvector). Each document
is indexed in one transaction, so an interrupted run loses nothing it reported as indexed; the same document
twice changes nothing, and a changed text replaces its quotes.
"""
from __future__ import annotations

import hashlib
import pathlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, text, update

from quoteservice.archive import matching
from quoteservice.archive.schema import documents, quote_keys, quotes, speakers
from quoteservice.v1 import quote_service_pb2 as pb

MIGRATIONS = pathlib.Path(__file__).resolve().parent / "migrations"
WINDOW_DAYS = 14  # a report and a quote are the same utterance only when published this close together


@dataclass(frozen=True)
class ArchiveDocument:
    """A document as the archive stores it; `id` is the caller's and stable (a URL, a file name)."""

    id: str
    text: str
    url: str = ""
    title: str = ""
    outlet: str = ""
    published_at: str = ""  # ISO 8601 date or date-time


@dataclass(frozen=True)
class Indexed:
    """What indexing one document did: "added", "replaced" or "unchanged", and its quotes."""

    doc_id: str
    status: str
    quotes: int


@dataclass
class Member:
    """One quote in an answer: where it is and who relayed it."""

    doc_id: str
    quote_id: str
    start: int
    end: int
    text: str
    type: str
    speaker_id: str
    speaker_name: str
    cue: str
    via: dict[str, str] | None
    outlet: str
    published_at: str
    confidence: float
    cluster_id: int | None
    diff: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Cluster:
    """The same utterance across documents: its canonical (fullest direct) text and every version."""

    id: int
    speaker_id: str
    speaker_name: str
    canonical_text: str
    altered: bool
    first_seen: Member
    members: list[Member]


def type_name(value: int) -> str:
    """"direct", "mixed" or "indirect" of a pb.QuoteType."""
    return pb.QuoteType.Name(value).removeprefix("QUOTE_TYPE_").lower()


def kind_name(value: int) -> str:
    return pb.SpeakerKind.Name(value).removeprefix("SPEAKER_KIND_").lower()


def _stable(speaker_id: str) -> bool:
    """Ids that mean the same speaker in every article (not '' and not the article-local "unnamed:N")."""
    return bool(speaker_id) and not speaker_id.startswith("unnamed:")


def content_hash(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def _meta(doc: ArchiveDocument) -> tuple[str, str, str, str]:
    return doc.url, doc.title, doc.outlet, doc.published_at


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the indexer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def open_engine(url: str) -> Engine:
    """An engine for `url` with the archive's schema migrated to the newest revision."""
    engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if engine.dialect.name == "sqlite":  # several server workers write: wait for the lock, up to 30 s
        event.listen(engine, "connect", _sqlite_pragmas)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return engine


def _member(row: Any) -> Member:
    via = {"id": row.via_id, "name": row.via_name} if row.via_id else None
    return Member(row.doc_id, row.quote_id, row.start, row.end, row.text, row.type, row.speaker_id,
                  row.speaker_name, row.cue, via, row.outlet, row.published_at, round(row.confidence, 4), row.cluster_id)


def _days(iso: str) -> int | None:
    from datetime import date

    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


class Archive:
    """The quote archive behind one database URL."""

    def __init__(self, url: str) -> None:
        self.engine = open_engine(url)
        self.dialect = self.engine.dialect.name

    # -- indexing ---------------------------------------------------------------------------------------
    def known(self, doc: ArchiveDocument) -> bool:
        """Whether this exact document (text and metadata) is indexed already, so its extraction can be skipped."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.content_hash, documents.c.url, documents.c.title,
                                      documents.c.outlet, documents.c.published_at)
                               .where(documents.c.id == doc.id)).first()
        return row is not None and tuple(row) == (content_hash(doc.text), *_meta(doc))

    def index(self, doc: ArchiveDocument, result: pb.ExtractQuotesResponse) -> Indexed:
        """Store one document and its quotes in one transaction and cluster its quotes with the archive's."""
        digest = content_hash(doc.text)
        with self.engine.begin() as conn:
            row = conn.execute(select(documents.c.pk, documents.c.content_hash, documents.c.url, documents.c.title,
                                      documents.c.outlet, documents.c.published_at)
                               .where(documents.c.id == doc.id)).first()
            if row is not None and row.content_hash == digest and tuple(row[2:]) == _meta(doc):
                return Indexed(doc.id, "unchanged", 0)
            status = "added" if row is None else "replaced"
            if row is not None:
                self._drop_quotes(conn, row.pk)
                conn.execute(delete(documents).where(documents.c.pk == row.pk))
            doc_pk = conn.execute(insert(documents).values(
                id=doc.id, url=doc.url, title=doc.title, outlet=doc.outlet, published_at=doc.published_at,
                content_hash=digest, text=doc.text)).inserted_primary_key[0]  # type: ignore[index]
            self._upsert_speakers(conn, result)
            for q in result.quotes:
                self._add_quote(conn, doc, doc_pk, q)
        return Indexed(doc.id, status, len(result.quotes))

    @staticmethod
    def _drop_quotes(conn: Connection, doc_pk: int) -> None:
        pks = select(quotes.c.pk).where(quotes.c.doc_pk == doc_pk)
        conn.execute(delete(quote_keys).where(quote_keys.c.quote_pk.in_(pks)))
        conn.execute(delete(quotes).where(quotes.c.doc_pk == doc_pk))

    def _upsert_speakers(self, conn: Connection, result: pb.ExtractQuotesResponse) -> None:
        """New speakers are added (concurrent indexers may add the same one: nothing happens twice); a
        fuller name replaces a shorter one."""
        dialect_insert: Any = {"sqlite": sqlite_insert, "postgresql": pg_insert}.get(self.dialect)
        for sp in result.speakers:
            if not _stable(sp.id):
                continue
            row = {"id": sp.id, "name": sp.name, "kind": kind_name(sp.kind)}
            if dialect_insert is not None:
                conn.execute(dialect_insert(speakers).values(**row).on_conflict_do_nothing(index_elements=["id"]))
            elif conn.execute(select(speakers.c.id).where(speakers.c.id == sp.id)).first() is None:
                conn.execute(insert(speakers).values(**row))
            conn.execute(update(speakers).where(speakers.c.id == sp.id, func.length(speakers.c.name) < len(sp.name))
                         .values(name=sp.name))

    def _add_quote(self, conn: Connection, doc: ArchiveDocument, doc_pk: int, q: pb.Quote) -> None:
        sid = q.speaker.id if _stable(q.speaker.id) else ""
        qtype = type_name(q.type)
        pk = conn.execute(insert(quotes).values(
            doc_pk=doc_pk, quote_id=q.id, start=q.start, end=q.end, text=q.text, type=qtype, speaker_id=sid,
            speaker_name=q.speaker.name, cue=q.cue.text, via_id=q.via.id, via_name=q.via.name,
            confidence=q.confidence, outlet=doc.outlet, published_at=doc.published_at, cluster_id=None,
            verbatim=qtype == "direct")).inserted_primary_key[0]  # type: ignore[index]
        if not sid or q.belief:
            return
        mine = matching.QuoteText(qtype, q.text)
        keys = matching.keys(mine)
        if keys:
            conn.execute(insert(quote_keys), [{"quote_pk": pk, "speaker_id": sid, "key": k} for k in keys])
        self._cluster(conn, pk, sid, doc, mine, keys)

    def _cluster(self, conn: Connection, pk: int, sid: str, doc: ArchiveDocument, mine: matching.QuoteText,
                 keys: set[int]) -> None:
        """Join the quote to every cluster of the speaker it matches (merging them), or leave it alone."""
        if not keys:
            return
        candidates = conn.execute(
            select(quotes.c.pk, quotes.c.type, quotes.c.text, quotes.c.cluster_id, quotes.c.published_at,
                   quotes.c.doc_pk)
            .where(quotes.c.pk.in_(select(quote_keys.c.quote_pk).where(
                quote_keys.c.speaker_id == sid, quote_keys.c.key.in_(sorted(keys))).distinct()),
                quotes.c.pk != pk)).all()
        mine_day = _days(doc.published_at)
        matched = []
        for c in candidates:
            both_verbatim = mine.type == "direct" and c.type == "direct"
            if not both_verbatim and mine_day is not None and (d := _days(c.published_at)) is not None \
                    and abs(d - mine_day) > WINDOW_DAYS:
                continue
            if matching.same_utterance(mine, matching.QuoteText(c.type, c.text)):
                matched.append(c)
        if not matched:
            return
        ids = sorted({c.cluster_id for c in matched if c.cluster_id is not None})
        target = ids[0] if ids else min(c.pk for c in matched)
        loose = [c.pk for c in matched if c.cluster_id is None] + [pk]
        conn.execute(update(quotes).where(quotes.c.pk.in_(loose)).values(cluster_id=target))
        if len(ids) > 1:
            conn.execute(update(quotes).where(quotes.c.cluster_id.in_(ids[1:])).values(cluster_id=target))

    # -- queries ----------------------------------------------------------------------------------------
    def _base(self) -> Any:
        return select(quotes, documents.c.id.label("doc_id")).join(documents, documents.c.pk == quotes.c.doc_pk)

    def search(self, speaker_id: str | None = None, text_query: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = 100) -> list[Member]:
        """Quotes by speaker id, full-text query, outlet and publication dates, newest first."""
        q = self._base()
        if speaker_id:
            q = q.where(quotes.c.speaker_id == speaker_id)
        if outlet:
            q = q.where(func.lower(quotes.c.outlet) == outlet.lower())
        if since:
            q = q.where(quotes.c.published_at >= since)
        if until:
            q = q.where(quotes.c.published_at <= until + "\uffff")
        if text_query:
            q = q.where(self._matches(text_query))
        q = q.order_by(quotes.c.published_at.desc(), documents.c.id, quotes.c.start).limit(limit)
        with self.engine.connect() as conn:
            return [_member(r) for r in conn.execute(q)]

    def _matches(self, query: str) -> Any:
        """A full-text condition: FTS5 on SQLite (every word, as a phrase each), tsvector on PostgreSQL."""
        terms = matching.plain(matching.words(query))
        if self.dialect == "sqlite":
            fts = " ".join('"' + t.replace('"', '""') + '"' for t in terms) or '""'
            return quotes.c.pk.in_(text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q").bindparams(q=fts))
        if self.dialect == "postgresql":
            return func.to_tsvector("english", quotes.c.text).op("@@")(func.plainto_tsquery("english", " ".join(terms)))
        return func.lower(quotes.c.text).contains(" ".join(terms))

    def speaker(self, speaker_id: str) -> dict[str, Any] | None:
        """A speaker's id, name, kind and number of quotes in the archive."""
        with self.engine.connect() as conn:
            row = conn.execute(select(speakers).where(speakers.c.id == speaker_id)).first()
            if row is None:
                return None
            n = conn.execute(select(func.count()).select_from(quotes).where(quotes.c.speaker_id == speaker_id)).scalar()
        return {"id": row.id, "name": row.name, "kind": row.kind, "quotes": n}

    def clusters(self, speaker_id: str | None = None, altered_only: bool = False,
                 cluster_id: int | None = None, limit: int = 100) -> list[Cluster]:
        """Clusters of two or more documents, each with canonical text, first-seen member and diffs, by id;
        read a page of cluster ids at a time, so the cost follows `limit`, not the archive."""
        ids = select(quotes.c.cluster_id).where(quotes.c.cluster_id.is_not(None))
        if speaker_id:
            ids = ids.where(quotes.c.speaker_id == speaker_id)
        if cluster_id is not None:
            ids = ids.where(quotes.c.cluster_id == cluster_id)
        ids = ids.group_by(quotes.c.cluster_id).having(func.count(quotes.c.doc_pk.distinct()) >= 2) \
            .order_by(quotes.c.cluster_id)
        out: list[Cluster] = []
        after = None
        with self.engine.connect() as conn:
            while len(out) < limit:
                page_q = ids if after is None else ids.where(quotes.c.cluster_id > after)
                page = list(conn.execute(page_q.limit(max(limit, 50))).scalars())
                if not page:
                    break
                after = page[-1]
                out += [c for c in self._views(conn, page) if c.altered or not altered_only]
        return out[:limit]

    def _views(self, conn: Connection, cluster_ids: list[int]) -> list[Cluster]:
        rows = conn.execute(self._base().where(quotes.c.cluster_id.in_(cluster_ids))
                            .order_by(quotes.c.cluster_id, quotes.c.published_at, documents.c.id, quotes.c.start)).all()
        sids = sorted({r.speaker_id for r in rows})
        names = {r.id: r.name for r in conn.execute(select(speakers.c.id, speakers.c.name).where(speakers.c.id.in_(sids)))}
        return [_cluster_view(cid, members, names) for cid, members in _groups(rows)]

def _groups(rows: Iterable[Any]) -> Iterator[tuple[int, list[Member]]]:
    cid: int | None = None
    group: list[Member] = []
    for r in rows:
        if r.cluster_id != cid and group:
            assert cid is not None
            yield cid, group
            group = []
        cid = r.cluster_id
        group.append(_member(r))
    if group and cid is not None:
        yield cid, group


def _cluster_view(cid: int, members: list[Member], names: dict[str, str]) -> Cluster:
    """Canonical text: the direct version with most of the speaker's words (brackets not counted), else the
    longest member; a direct member's diff is against it, and `altered` when any direct member differs."""
    direct = [m for m in members if m.type == "direct"]
    pool = direct or members
    canonical = max(pool, key=lambda m: (len(matching.plain(matching.words(m.text))),
                                         -sum(w.startswith("[") for w in matching.words(m.text)), -len(m.text)))
    altered = False
    for m in direct:
        if m is canonical:
            continue
        m.diff = [e.__dict__ for e in matching.diff(canonical.text, m.text)]
        altered = altered or bool(m.diff)
    first = min(members, key=lambda m: (m.published_at or "\uffff", m.doc_id, m.start))
    sid = members[0].speaker_id
    return Cluster(cid, sid, names.get(sid, members[0].speaker_name), canonical.text, altered, first, members)
