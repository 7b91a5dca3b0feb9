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
from sqlalchemy import Connection, Engine, bindparam, create_engine, delete, event, func, insert, select, text, update

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
    diff: list[dict[str, Any]] = field(default_factory=list)


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


def _stored(conn: Connection, doc_id: str) -> Any:
    """The stored document's row (pk, content hash, url, title, outlet, published_at), or None."""
    return conn.execute(select(documents.c.pk, documents.c.content_hash, documents.c.url, documents.c.title,
                               documents.c.outlet, documents.c.published_at).where(documents.c.id == doc_id)).first()


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
            row = _stored(conn, doc.id)
        return row is not None and tuple(row[1:]) == (content_hash(doc.text), *_meta(doc))

    def index(self, doc: ArchiveDocument, result: pb.ExtractQuotesResponse) -> Indexed:
        """Store one document and its quotes in one transaction and cluster its quotes with the archive's."""
        digest = content_hash(doc.text)
        with self.engine.begin() as conn:
            row = _stored(conn, doc.id)
            if row is not None and tuple(row[1:]) == (digest, *_meta(doc)):
                return Indexed(doc.id, "unchanged", 0)
            status = "added" if row is None else "replaced"
            if row is not None:
                self._drop_quotes(conn, row.pk)
                conn.execute(delete(documents).where(documents.c.pk == row.pk))
            doc_pk = conn.execute(insert(documents).values(
                id=doc.id, url=doc.url, title=doc.title, outlet=doc.outlet, published_at=doc.published_at,
                content_hash=digest, text=doc.text)).inserted_primary_key[0]  # type: ignore[index]
            self._upsert_speakers(conn, result)
            new = self._add_quotes(conn, doc, doc_pk, result)
            _cluster_new(conn, doc, new)
        return Indexed(doc.id, status, len(result.quotes))

    @staticmethod
    def _drop_quotes(conn: Connection, doc_pk: int) -> None:
        pks = select(quotes.c.pk).where(quotes.c.doc_pk == doc_pk)
        conn.execute(delete(quote_keys).where(quote_keys.c.quote_pk.in_(pks)))
        conn.execute(delete(quotes).where(quotes.c.doc_pk == doc_pk))

    def _upsert_speakers(self, conn: Connection, result: pb.ExtractQuotesResponse) -> None:
        """New speakers are added (concurrent indexers may add the same one: nothing happens twice); a
        fuller name replaces a shorter one."""
        given = {sp.id: {"id": sp.id, "name": sp.name, "kind": kind_name(sp.kind)} for sp in result.speakers
                 if _stable(sp.id)}
        if not given:
            return
        known: dict[str, str] = {r.id: r.name for r in conn.execute(
            select(speakers.c.id, speakers.c.name).where(speakers.c.id.in_(sorted(given))))}
        missing = [row for sid, row in given.items() if sid not in known]
        if missing:
            dialect_insert: Any = {"sqlite": sqlite_insert, "postgresql": pg_insert}.get(self.dialect)
            stmt = dialect_insert(speakers).on_conflict_do_nothing(index_elements=["id"]) if dialect_insert \
                else insert(speakers)
            conn.execute(stmt, missing)
        longer = [{"b_id": sid, "b_name": row["name"]} for sid, row in given.items()
                  if sid in known and len(row["name"]) > len(known[sid])]
        if longer:
            conn.execute(update(speakers).where(speakers.c.id == bindparam("b_id")).values(name=bindparam("b_name")),
                         longer)

    @staticmethod
    def _add_quotes(conn: Connection, doc: ArchiveDocument, doc_pk: int, result: pb.ExtractQuotesResponse
                    ) -> list[_New]:
        """Insert the document's quotes and their blocking keys (two statements); the ones to cluster."""
        rows = []
        for q in result.quotes:
            qtype = type_name(q.type)
            rows.append({"doc_pk": doc_pk, "quote_id": q.id, "start": q.start, "end": q.end, "text": q.text,
                         "type": qtype, "speaker_id": q.speaker.id if _stable(q.speaker.id) else "",
                         "speaker_name": q.speaker.name, "cue": q.cue.text, "via_id": q.via.id, "via_name": q.via.name,
                         "confidence": q.confidence, "outlet": doc.outlet, "published_at": doc.published_at,
                         "cluster_id": None, "verbatim": qtype == "direct"})
        if not rows:
            return []
        pks = conn.execute(insert(quotes).returning(quotes.c.pk, sort_by_parameter_order=True), rows).scalars().all()
        new = [_New(pk, r["speaker_id"], matching.QuoteText(r["type"], r["text"]))
               for pk, r, q in zip(pks, rows, result.quotes) if r["speaker_id"] and not q.belief]
        key_rows = [{"quote_pk": n.pk, "speaker_id": n.sid, "key": k} for n in new for k in n.keys]
        if key_rows:
            conn.execute(insert(quote_keys), key_rows)
        return [n for n in new if n.keys]

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

    def documents(self, outlet: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Archived documents without their text, newest first, each with its number of quotes."""
        n = select(func.count()).select_from(quotes).where(quotes.c.doc_pk == documents.c.pk).scalar_subquery()
        q = select(documents.c.id, documents.c.url, documents.c.title, documents.c.outlet, documents.c.published_at,
                   n.label("quote_count"))
        if outlet:
            q = q.where(func.lower(documents.c.outlet) == outlet.lower())
        q = q.order_by(documents.c.published_at.desc(), documents.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def document(self, doc_id: str) -> tuple[ArchiveDocument, list[Member]] | None:
        """One archived document and its quotes in text order; None when there is none with that id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
            if row is None:
                return None
            members = [_member(r) for r in conn.execute(self._base().where(quotes.c.doc_pk == row.pk)
                                                         .order_by(quotes.c.start, quotes.c.end))]
        return ArchiveDocument(row.id, row.text, url=row.url, title=row.title, outlet=row.outlet,
                               published_at=row.published_at), members

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


@dataclass
class _New:
    """A quote just stored, to be clustered: its row, speaker, words and blocking keys."""

    pk: int
    sid: str
    text: matching.QuoteText
    keys: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.keys = matching.keys(self.text)


_CHUNK = 2000  # bound parameters per IN list


def _postings(conn: Connection, new: list[_New]) -> dict[tuple[str, int], set[int]]:
    """For every (speaker, key) of the new quotes, the quotes holding it: one indexed lookup per chunk."""
    wanted = sorted({k for n in new for k in n.keys})
    sids = sorted({n.sid for n in new})
    out: dict[tuple[str, int], set[int]] = {}
    for i in range(0, len(wanted), _CHUNK):
        for pk, sid, key in conn.execute(select(quote_keys.c.quote_pk, quote_keys.c.speaker_id, quote_keys.c.key)
                                         .where(quote_keys.c.speaker_id.in_(sids),
                                                quote_keys.c.key.in_(wanted[i:i + _CHUNK]))):
            out.setdefault((sid, key), set()).add(pk)
    return out


def _cluster_new(conn: Connection, doc: ArchiveDocument, new: list[_New]) -> None:
    """Join each new quote to the clusters of its speaker's quotes it matches (merging them); the quotes it is
    compared with are those sharing a blocking key, so the cost follows the postings, not the archive."""
    if not new:
        return
    postings = _postings(conn, new)
    ours = {n.pk for n in new}
    candidates = {n.pk: {pk for k in n.keys for pk in postings.get((n.sid, k), ()) if pk < n.pk or pk not in ours}
                  - {n.pk} for n in new}
    wanted = sorted(set().union(*candidates.values()))
    rows = {}
    for i in range(0, len(wanted), _CHUNK):
        for r in conn.execute(select(quotes.c.pk, quotes.c.type, quotes.c.text, quotes.c.cluster_id,
                                     quotes.c.published_at).where(quotes.c.pk.in_(wanted[i:i + _CHUNK]))):
            rows[r.pk] = r
    cluster = {pk: r.cluster_id for pk, r in rows.items()} | {n.pk: None for n in new}
    texts = {pk: matching.QuoteText(r.type, r.text) for pk, r in rows.items()} | {n.pk: n.text for n in new}
    dates = {pk: _days(r.published_at) for pk, r in rows.items()}
    day = _days(doc.published_at)
    original = dict(cluster)
    merged: dict[int, int] = {}  # an old cluster id -> the id it was merged into

    def find(cid: int) -> int:
        while cid in merged:
            cid = merged[cid]
        return cid

    for n in new:
        matched = [pk for pk in sorted(candidates[n.pk]) if _comparable(n.text, texts[pk], day, dates.get(pk, day))
                   and matching.same_utterance(n.text, texts[pk])]
        if not matched:
            continue
        ids = sorted({find(c) for pk in matched if (c := cluster[pk]) is not None})
        target = ids[0] if ids else min(matched)
        for other in ids[1:]:
            merged[other] = target
        for pk in [*matched, n.pk]:
            cluster[pk] = target
    for old in sorted(merged):  # clusters joined by this document, members not loaded here included
        conn.execute(update(quotes).where(quotes.c.cluster_id == old).values(cluster_id=find(old)))
    final = {pk: find(c) for pk, c in cluster.items() if c is not None}
    changes = [{"b_pk": pk, "b_cid": c} for pk, c in sorted(final.items()) if c != original[pk]]
    if changes:
        conn.execute(update(quotes).where(quotes.c.pk == bindparam("b_pk")).values(cluster_id=bindparam("b_cid")),
                     changes)

def _comparable(a: matching.QuoteText, b: matching.QuoteText, day: int | None, other: int | None) -> bool:
    """Verbatim quotes match at any distance; a report only within WINDOW_DAYS of the other."""
    if a.type == "direct" and b.type == "direct":
        return True
    return day is None or other is None or abs(day - other) <= WINDOW_DAYS


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
