"""`quotes index`, `quotes search`, `quotes clusters` as a user runs them (subprocesses on a real SQLite file)."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import ROOT, SEEDS, quotes_cmd


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*quotes_cmd(), *args], capture_output=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    jsonl = folder / "seeds.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for n, p in enumerate(SEEDS):
            f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": f"Outlet {n}",
                                "url": f"https://example.org/{p.stem}", "published_at": f"2022-02-2{n + 4}"}) + "\n")
    url = f"sqlite:///{folder}/quotes.db"
    r = run("index", str(jsonl), "--db", url, "--jobs", "1")
    assert r.returncode == 0, r.stderr.decode()
    assert "5 added, 0 replaced, 0 unchanged, 0 failed" in r.stderr.decode()
    return url


def test_index_again_is_unchanged(db: str, tmp_path) -> None:
    r = run("index", str(SEEDS[0]), "--db", db, "--outlet", "Outlet 0", "--published-at", "2022-02-24")
    assert r.returncode == 0, r.stderr.decode()
    assert "0 added, 1 replaced" in r.stderr.decode()  # a text file carries no url: the record is replaced


def test_search_by_name_in_any_spelling(db: str) -> None:
    by_id = json.loads(run("search", "--db", db, "--speaker", "per:peskav.dmitri", "-f", "json").stdout)["quotes"]
    for spelling in ("Dmitri Peskov", "Песков", "Peskov"):
        r = run("search", "--db", db, "--speaker", spelling, "-f", "json")
        assert r.returncode == 0, r.stderr.decode()
        assert json.loads(r.stdout)["quotes"] == by_id
    assert by_id and {q["speaker_id"] for q in by_id} == {"per:peskav.dmitri"}


def test_search_text_outlet_dates_and_formats(db: str) -> None:
    r = run("search", "--db", db, "--text", "negotiating positions", "--since", "2022-02-25", "-f", "jsonl")
    rows = [json.loads(ln) for ln in r.stdout.decode().splitlines()]
    assert rows and all("negotiating positions" in q["text"].lower() for q in rows)
    assert all(q["published_at"] >= "2022-02-25" for q in rows)
    r = run("search", "--db", db, "--outlet", "Outlet 4", "-f", "csv")
    table = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert table and {row["outlet"] for row in table} == {"Outlet 4"}
    assert any(row["via"] == "org:reuters" for row in table)
    r = run("search", "--db", db, "--speaker", "Peskov")
    assert r.returncode == 0 and "Peskov" in r.stdout.decode()  # the table


def test_clusters_json_shape(db: str) -> None:
    r = run("clusters", "--db", db, "--altered-only", "-f", "json")
    assert r.returncode == 0, r.stderr.decode()
    clusters = json.loads(r.stdout)["clusters"]
    assert len(clusters) == 1
    c = clusters[0]
    assert set(c) == {"id", "speaker", "canonical_text", "altered", "first_seen", "members"}
    assert c["speaker"] == {"id": "per:gerashchenka.anton", "name": "Anton Gerashchenko"} and c["altered"] is True
    assert {"doc_id", "start", "end", "text", "type", "via", "outlet", "published_at", "diff"} <= set(c["members"][0])
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
    for m in c["members"]:
        assert texts[m["doc_id"]][m["start"]:m["end"]] == m["text"]
    assert any(e == {"op": "insert", "canonical": "", "member": "[rockets]", "member_start": m["text"].index("[rockets]"),
                     "member_end": m["text"].index("[rockets]") + 9} for m in c["members"] for e in m["diff"])
    r = run("clusters", "--db", db, "--speaker", "Mikhail Podolyak", "-f", "jsonl")
    assert r.returncode == 0 and all(json.loads(ln)["speaker"]["id"] == "per:padaliak.migail"
                                     for ln in r.stdout.decode().splitlines())


def test_bad_records_are_reported_and_the_rest_indexed(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok", "text": "“We are ready,” Peskov said."}),
        "{not json",
        json.dumps({"id": "", "text": "x"}),
        json.dumps({"id": "d", "text": "x", "published_at": "yesterday"}),
        json.dumps({"id": "e", "text": "x", "colour": "red"}),
    ]) + "\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    r = run("index", str(src), str(tmp_path / "latin1.txt"), "--db", f"sqlite:///{tmp_path}/q.db")
    err = r.stderr.decode()
    assert r.returncode == 2, err
    for needle in ("in.jsonl:2: not JSON", "in.jsonl:3: needs a non-empty string 'id'",
                   "in.jsonl:4: published_at 'yesterday' is not an ISO 8601", "in.jsonl:5: unknown field(s) colour",
                   "latin1.txt: not UTF-8", "1 added, 0 replaced, 0 unchanged, 5 failed"):
        assert needle in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [
    ("search", "--db", "nosuchdialect://x"),
    ("search", "--db", "sqlite:////nonexistent-dir/sub/q.db"),
    ("index", "seeds", "--db", "sqlite:///:memory:", "--published-at", "soon"),
])
def test_unusable_arguments_are_one_line_errors(args: tuple[str, ...]) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert "error:" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_an_interrupted_run_keeps_what_it_indexed(tmp_path) -> None:
    """kill -9 `quotes index` midway: every stored document has all its quotes; a rerun finishes the rest."""
    src = tmp_path / "many.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    with src.open("w", encoding="utf-8") as f:
        for n in range(20):
            f.write(json.dumps({"id": f"doc{n:02d}", "text": texts[n % 5]}) + "\n")
    url = f"sqlite:///{tmp_path}/q.db"
    proc = subprocess.Popen([*quotes_cmd(), "index", str(src), "--db", url, "--jobs", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    db_file = tmp_path / "q.db"
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and stored < 3:
        time.sleep(0.2)
        if db_file.exists():
            try:
                with sqlite3.connect(db_file, timeout=5) as con:
                    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                pass  # the schema is not there yet
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert 3 <= stored < 20, "the run was not interrupted midway"
    full = run("index", str(SEEDS[0]), "--db", f"sqlite:///{tmp_path}/ref.db", "--jobs", "1")
    assert full.returncode == 0
    with sqlite3.connect(tmp_path / "ref.db") as con:
        want_first = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    with sqlite3.connect(db_file) as con:
        per_doc = dict(con.execute("SELECT d.id, count(q.pk) FROM documents d LEFT JOIN quotes q ON q.doc_pk = d.pk"
                                   " GROUP BY d.id").fetchall())
    assert per_doc.get("doc00") == want_first
    assert all(n > 0 for n in per_doc.values())
    r = run("index", str(src), "--db", url, "--jobs", "1")
    assert r.returncode == 0, r.stderr.decode()
    assert f"{20 - len(per_doc)} added, 0 replaced, {len(per_doc)} unchanged, 0 failed" in r.stderr.decode()
