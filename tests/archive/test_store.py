"""The archive on a real SQLite file: indexing once, replacing, clusters across outlets, search (archive/store.py)."""
from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from conftest import SEEDS, seed_document
from quoteservice.archive.schema import metadata
from quoteservice.archive.store import Archive, ArchiveDocument


def _cluster_of(archive: Archive, doc: str, has: str):  # type: ignore[no-untyped-def]
    for c in archive.clusters():
        if any(m.doc_id.startswith(doc) and has in m.text for m in c.members):
            return c
    raise AssertionError(f"no cluster holds {doc}: {has!r}")


@pytest.mark.parametrize(("speaker", "docs", "has"), [
    ("per:peskav.dmitri", {"000", "003"}, "I suggest we wait for the talks"),
    ("per:peskav.dmitri", {"000", "003"}, "extremely dangerous and destabilizing factor"),
    ("per:gerashchenka.anton", {"003", "004"}, "fired upon by grads"),
    ("per:medinski.vladimir", {"002", "003"}, "common positions"),
    ("per:medinski.vladimir", {"000", "003"}, "definitely have an interest"),
    ("per:putin.vladimir", {"000", "003"}, "“demilitarize” and “denazify”"),
])
def test_seed_clusters(seeds_archive: Archive, speaker: str, docs: set[str], has: str) -> None:
    c = _cluster_of(seeds_archive, sorted(docs)[0], has)
    assert c.speaker_id == speaker
    assert {m.doc_id[:3] for m in c.members} == docs
    assert all(m.speaker_id == speaker for m in c.members)


def test_split_quote_is_one_utterance_with_its_via(seeds_archive: Archive) -> None:
    c = _cluster_of(seeds_archive, "000", "I suggest we wait for the talks")
    by_doc = sorted((m.doc_id[:3], m.text) for m in c.members)
    assert by_doc == [("000", "I suggest we wait for the talks. I would not declare any negotiating positions"),
                      ("003", "I suggest we wait for the talks"), ("003", "I would not declare any negotiating positions.")]
    assert c.canonical_text.startswith("I suggest we wait for the talks. I would not")
    assert not c.altered
    relayed = next(m for m in c.members if m.doc_id.startswith("000"))
    assert relayed.via == {"id": "org:new-york-post", "name": "New York Post"}


def test_altered_wording_is_marked(seeds_archive: Archive) -> None:
    c = _cluster_of(seeds_archive, "003", "fired upon by grads")
    assert c.altered
    edited = next(m for m in c.members if "[rockets]" in m.text)
    (edit,) = edited.diff
    assert {k: edit[k] for k in ("op", "canonical", "member")} == {"op": "insert", "canonical": "", "member": "[rockets]"}
    assert edited.text[edit["member_start"]:edit["member_end"]] == "[rockets]"
    assert "[rockets]" not in c.canonical_text
    wire = next(m for m in c.members if m.doc_id.startswith("004"))
    assert wire.via == {"id": "org:reuters", "name": "Reuters"} and wire.diff == []
    assert c.first_seen.doc_id.startswith("004")  # published a day earlier
    assert [x.id for x in seeds_archive.clusters(altered_only=True)] == [c.id]


def test_offsets_point_into_each_document(seeds_archive: Archive) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
    for c in seeds_archive.clusters():
        for m in c.members:
            assert texts[m.doc_id][m.start:m.end] == m.text


def test_search(seeds_archive: Archive) -> None:
    peskov = seeds_archive.search(speaker_id="per:peskav.dmitri")
    assert peskov and all(m.speaker_id == "per:peskav.dmitri" for m in peskov)
    assert [m.published_at for m in peskov] == sorted((m.published_at for m in peskov), reverse=True)
    hits = seeds_archive.search(text_query="negotiating positions")
    assert {m.doc_id[:3] for m in hits} == {"000", "003"}
    assert seeds_archive.search(text_query="negotiating", outlet="OUTLET-003")[0].outlet == "outlet-003"
    assert {m.doc_id[:3] for m in seeds_archive.search(since="2022-03-01")} == {"001", "002"}
    assert {m.doc_id[:3] for m in seeds_archive.search(until="2022-02-27")} == {"004"}
    assert seeds_archive.search(text_query="zzzunknownword") == []
    assert seeds_archive.search(text_query='"quoted" OR NOT ( * ') == []  # FTS syntax is taken as words
    assert seeds_archive.speaker("per:peskav.dmitri") == {"id": "per:peskav.dmitri", "name": "Dmitry Peskov",
                                                          "kind": "person", "quotes": len(peskov)}
    assert seeds_archive.speaker("per:nobody") is None


def _counts(url: str) -> tuple[int, int, int]:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("documents", "quotes", "quote_keys"))
    finally:
        con.close()


def test_indexing_twice_changes_nothing_and_a_new_text_replaces(tmp_path, seed_responses, engine) -> None:
    from quoteservice.v1 import quote_service_pb2 as pb

    url = f"sqlite:///{tmp_path}/a.db"
    archive = Archive(url)
    path = SEEDS[0]
    doc, resp = seed_document(path), seed_responses[path.stem]
    assert archive.index(doc, resp).status == "added"
    before = _counts(url)
    assert archive.index(doc, resp).status == "unchanged"
    assert _counts(url) == before
    assert archive.known(doc) and not archive.known(ArchiveDocument(doc.id, doc.text))
    shorter = doc.text.split("\n\n")[0] + "\n\n“We are ready,” Peskov said."
    changed = ArchiveDocument(doc.id, shorter, outlet=doc.outlet, published_at=doc.published_at)
    assert archive.index(changed, engine.extract(pb.Document(id=doc.id, text=shorter))).status == "replaced"
    assert [m.text for m in archive.search()] == ["We are ready"]
    assert _counts(url)[0] == 1


def test_a_failed_document_leaves_nothing_behind(tmp_path, seed_responses) -> None:
    from quoteservice.v1 import quote_service_pb2 as pb

    url = f"sqlite:///{tmp_path}/a.db"
    archive = Archive(url)
    bad = pb.ExtractQuotesResponse()
    bad.CopyFrom(seed_responses[SEEDS[0].stem])
    bad.quotes.add().CopyFrom(bad.quotes[0])
    bad.quotes[-1].id = "q1"  # not a valid response: two records with one id
    archive.engine.dispose()
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    con.execute("CREATE UNIQUE INDEX ux_quote_id ON quotes (doc_pk, quote_id)")
    con.commit()
    con.close()
    with pytest.raises(Exception, match="UNIQUE"):
        archive.index(seed_document(SEEDS[0]), bad)
    assert _counts(url) == (0, 0, 0)


def test_migrations_build_the_schema_the_code_uses(tmp_path) -> None:
    archive = Archive(f"sqlite:///{tmp_path}/m.db")
    with archive.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if "quotes_fts" not in str(d)] == []
    Archive(f"sqlite:///{tmp_path}/m.db")  # opening an up-to-date archive again migrates nothing
