"""The archive on a real PostgreSQL server (started by the tests): the same answers as on SQLite."""
from __future__ import annotations

import json
import subprocess

from conftest import ROOT, SEEDS, quotes_cmd, seed_document
from quoteservice.archive import api
from quoteservice.archive.store import Archive
from quoteservice.v1 import archive_pb2 as apb


def _answers(archive: Archive) -> list[dict]:
    return [api.to_json(api.list_clusters(archive, apb.ListClustersRequest())),
            api.to_json(api.search(archive, apb.SearchQuotesRequest(speaker="Peskov"))),
            api.to_json(api.search(archive, apb.SearchQuotesRequest(text="negotiating positions"))),
            api.to_json(api.search(archive, apb.SearchQuotesRequest(outlet="outlet-004", since="2022-02-27"))),
            api.to_json(api.get_speaker(archive, apb.GetSpeakerRequest(speaker="Medinsky")))]


def _strip_ids(node):  # type: ignore[no-untyped-def]
    """Cluster ids are row numbers, which differ between databases; everything else must not."""
    if isinstance(node, dict):
        return {k: _strip_ids(v) for k, v in node.items() if k not in ("id", "cluster_id") or isinstance(v, str)}
    if isinstance(node, list):
        return [_strip_ids(x) for x in node]
    return node


def test_postgres_gives_the_sqlite_answers(pg_url, seeds_archive, seed_responses) -> None:
    pg = Archive(pg_url)
    assert pg.dialect == "postgresql"
    for path in SEEDS:
        assert pg.index(seed_document(path), seed_responses[path.stem]).status == "added"
        assert pg.index(seed_document(path), seed_responses[path.stem]).status == "unchanged"
    got, want = _answers(pg), _answers(seeds_archive)
    assert got[2]["quotes"], "full-text search found nothing"
    assert _strip_ids(got) == _strip_ids(want)


def test_quotes_index_and_clusters_on_postgres(pg_url) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*quotes_cmd(), *args], capture_output=True, timeout=300, cwd=ROOT)

    r = run("index", *map(str, SEEDS), "--db", pg_url, "--jobs", "1")
    assert r.returncode == 0, r.stderr.decode()
    r = run("clusters", "--db", pg_url, "--altered-only", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    assert [c["speaker"]["id"] for c in json.loads(r.stdout)["clusters"]] == ["per:gerashchenka.anton"]
