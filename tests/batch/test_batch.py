"""`quotes batch`: the local engine (process pool, streaming, resumable, crash-tolerant), Parquet in and out, and
Ray Data on a real local cluster (num_cpus=2) giving the local engine's records."""
from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT, SEEDS, quotes_cmd
from quoteservice.api import Limits
from quoteservice.batch import local
from quoteservice.batch.local import run_local
from quoteservice.batch.records import output_schema, read_inputs
from quoteservice.batch.sinks import JsonlSink, ParquetSink, done_in
from quoteservice.output import DocumentOutcome, to_dict
from quoteservice.v1 import quote_service_pb2 as pb

LIMITS = Limits(max_chars=20_000)
BAD_LINES = [
    "{not json",
    json.dumps({"id": "empty", "text": ""}),
    json.dumps({"id": "long", "text": "word " * 5_000}),
    json.dumps({"id": "bad-date", "text": "“Yes,” Peskov said.", "published_at": "yesterday"}),
    json.dumps({"text": "no id"}),
]
BAD_CODES = {"empty": "INVALID_ARGUMENT", "long": "RESOURCE_EXHAUSTED", "bad-date": "INVALID_ARGUMENT"}


def _jsonl_input(path: pathlib.Path, copies: int = 1, bad: bool = True) -> pathlib.Path:
    lines = [json.dumps({"id": f"{p.stem}-{i}" if copies > 1 else p.stem, "text": p.read_text(encoding="utf-8"),
                         "outlet": "seeds"}) for i in range(copies) for p in SEEDS]
    path.write_text("\n".join(lines + (BAD_LINES if bad else [])) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(engine) -> dict[str, dict[str, Any]]:
    """What `quotes extract --format jsonl` gives for each seed."""
    return {p.stem: to_dict(DocumentOutcome(p.stem, response=engine.extract(
        pb.Document(id=p.stem, text=p.read_text(encoding="utf-8"))))) for p in SEEDS}


def _records(path: pathlib.Path) -> list[dict[str, Any]]:
    files = sorted(path.glob("*.json*")) if path.is_dir() else [path]
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]


def _parquet_records(path: pathlib.Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return [r for f in sorted(path.glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


def _plain(node: Any) -> Any:
    """A record without null-valued keys: JSON Lines from Arrow spells an absent field (`error` on a success,
    an unset `rule`) as null; the CLI leaves it out or writes null. Everything else must be equal."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_plain(x) for x in node]
    return node


def _check(records: list[dict[str, Any]], expected: dict[str, dict[str, Any]]) -> None:
    by_id = {r["doc_id"]: r for r in records}
    assert len(by_id) == len(records), "a document written twice"
    for doc_id, want in expected.items():
        assert _plain(by_id[doc_id]) == _plain(want), doc_id
    for doc_id, code in BAD_CODES.items():
        assert by_id[doc_id]["error"]["code"] == code and by_id[doc_id]["error"]["message"]
    assert sum(1 for r in records if r["doc_id"].endswith((".jsonl:6", ".jsonl:10"))) == 2  # no id: where it is
    assert len(records) == len(expected) + len(BAD_LINES)


def test_local_jsonl_gives_the_extract_records_and_error_records(tmp_path, expected) -> None:
    out = tmp_path / "out.jsonl"
    counts = run_local(read_inputs(_jsonl_input(tmp_path / "in.jsonl")), JsonlSink(out), LIMITS, jobs=2)
    assert (counts.ok, counts.failed, counts.skipped) == (len(SEEDS), len(BAD_LINES), 0)
    _check(_records(out), expected)


def test_a_rerun_resumes_after_a_torn_write(tmp_path, expected) -> None:
    source, out = _jsonl_input(tmp_path / "in.jsonl"), tmp_path / "out.jsonl"
    run_local(read_inputs(source), JsonlSink(out), LIMITS, jobs=1)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")  # killed in the middle of a line
    counts = run_local(read_inputs(source), JsonlSink(out), LIMITS, jobs=1)
    assert counts.skipped == 3 and counts.ok + counts.failed == len(lines) - 3
    _check(_records(out), expected)
    again = run_local(read_inputs(source), JsonlSink(out), LIMITS, jobs=1)
    assert (again.ok, again.failed, again.skipped) == (0, 0, len(lines))


def test_parquet_in_and_out(tmp_path, expected) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": "seeds"} for p in SEEDS]
    pq.write_table(pa.Table.from_pylist(rows + [{"id": "empty", "text": ""}, {"id": "", "text": "x"}]),
                   tmp_path / "in.parquet")
    out = tmp_path / "out.parquet"
    run_local(read_inputs(tmp_path / "in.parquet"), ParquetSink(out), LIMITS, jobs=1)
    assert pq.read_schema(next(out.glob("*.parquet"))).equals(output_schema())
    got = {r["doc_id"]: r for r in _parquet_records(out)}
    assert all(_plain(got[k]) == _plain(v) for k, v in expected.items())
    assert got["empty"]["error"]["code"] == "INVALID_ARGUMENT" and got["empty"]["quotes"] is None
    assert done_in(out, "parquet") == set(got) and len(got) == len(SEEDS) + 2


def test_the_local_engine_streams(tmp_path) -> None:
    """Documents are read only a bounded window ahead of what is written, whatever the input's length."""
    pulled = [0]
    written_at: list[int] = []

    def documents() -> Iterator[Any]:
        for item in read_inputs(_jsonl_input(tmp_path / "in.jsonl", copies=12, bad=False)):
            pulled[0] += 1
            yield item

    class Watch(JsonlSink):
        def write(self, records: list[dict[str, Any]]) -> None:
            written_at.append(pulled[0])
            super().write(records)

    run_local(documents(), Watch(tmp_path / "out.jsonl"), LIMITS, jobs=2)
    window = 2 * 2 * local.CHUNK + local.CHUNK  # chunks in flight, and the one being filled
    assert pulled[0] == 12 * len(SEEDS) > window
    assert written_at[0] <= window  # the first records were written before the input was read to its end


def test_a_killed_pool_process_loses_no_document(tmp_path, expected) -> None:
    """kill -9 of every pool process after the first chunk: the pool is made anew and every document still
    gets its record, exactly once."""
    killed: list[int] = []

    class KillAfterFirst(JsonlSink):
        def write(self, records: list[dict[str, Any]]) -> None:
            super().write(records)
            if not killed:
                for pid in _pool_pids():
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

    out = tmp_path / "out.jsonl"
    source = _jsonl_input(tmp_path / "in.jsonl", copies=3, bad=False)
    counts = run_local(read_inputs(source), KillAfterFirst(out), LIMITS, jobs=2)
    assert killed and counts.failed == 0
    records = _records(out)
    assert sorted(r["doc_id"] for r in records) == sorted(f"{p.stem}-{i}" for i in range(3) for p in SEEDS)
    for r in records:
        assert _plain({**r, "doc_id": r["doc_id"].rsplit("-", 1)[0]}) == _plain(expected[r["doc_id"].rsplit("-", 1)[0]])


def _pool_pids() -> list[int]:
    """This process's children that run the pool (spawned interpreters)."""
    me = os.getpid()
    out = []
    for d in pathlib.Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == me and b"multiprocessing" in (d / "cmdline").read_bytes():
                out.append(int(d.name))
    return out


def test_quotes_batch_cli(tmp_path) -> None:
    source = _jsonl_input(tmp_path / "in.jsonl")
    r = subprocess.run([*quotes_cmd(), "batch", str(source), "-o", str(tmp_path / "o.jsonl"), "--workers", "1",
                        "--max-chars", "20000"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert f"{len(SEEDS) + len(BAD_LINES)} written" in r.stderr and "1 RESOURCE_EXHAUSTED" in r.stderr
    r = subprocess.run([*quotes_cmd(), "batch", str(source), "-o", str(tmp_path)], capture_output=True, text=True,
                       timeout=120, cwd=ROOT)
    assert r.returncode == 2 and "is a directory" in r.stderr
    r = subprocess.run([*quotes_cmd(), "batch", str(tmp_path / "nothing.jsonl"), "-o", str(tmp_path / "x.jsonl")],
                       capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 2


# -- Ray Data on a local cluster --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_ray_gives_the_local_records(ray_cluster, tmp_path, expected, fmt) -> None:
    from quoteservice.batch.ray_engine import run_ray

    out = tmp_path / "out"
    run_ray(_jsonl_input(tmp_path / "in.jsonl"), out, fmt, LIMITS, workers=2)
    records = _parquet_records(out) if fmt == "parquet" else _records(out)
    _check(records, expected)
    local_out = tmp_path / "local.jsonl"
    run_local(read_inputs(tmp_path / "in.jsonl"), JsonlSink(local_out), LIMITS, jobs=1)
    by_id = {r["doc_id"]: _plain(r) for r in _records(local_out)}
    assert {r["doc_id"]: _plain(r) for r in records} == by_id


def test_ray_reads_text_files_and_resumes(ray_cluster, tmp_path, expected) -> None:
    from quoteservice.batch.ray_engine import run_ray

    out = tmp_path / "out"
    run_ray(ROOT / "seeds", out, "jsonl", LIMITS, workers=2, done={SEEDS[0].stem})
    first = _records(out)
    assert sorted(r["doc_id"] for r in first) == sorted(p.stem for p in SEEDS[1:])
    run_ray(ROOT / "seeds", out, "jsonl", LIMITS, workers=2, done=done_in(out, "jsonl"))
    records = _records(out)
    assert sorted(r["doc_id"] for r in records) == sorted(p.stem for p in SEEDS)
    assert all(_plain(r) == _plain(expected[r["doc_id"]]) for r in records)


def test_quotes_batch_on_ray_cli(tmp_path, expected) -> None:
    out = tmp_path / "ray-out"
    r = subprocess.run([*quotes_cmd(), "batch", str(ROOT / "seeds"), "-o", str(out), "--engine", "ray", "--workers", "2",
                        "--format", "parquet"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert f"{len(SEEDS)} written" in r.stderr
    assert {x["doc_id"]: _plain(x) for x in _parquet_records(out)} == {k: _plain(v) for k, v in expected.items()}
