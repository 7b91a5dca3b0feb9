"""The `ray` batch engine (extra `quoteservice[ray]`): Ray Data reads the input with Ray's readers, an actor
per worker holds one pipeline (`map_batches` with a callable class on an ActorPoolStrategy of N), batches travel as Arrow
tables of plain values (never spaCy Docs), and Ray's writers write Parquet or JSON Lines files into OUT.

The records are those of the `local` engine (records.py): bad input lines, undecodable files and documents the
engine refuses become error records, not a failed job. Ray parallelizes over blocks of input files, so a big
archive is best given as many files.
"""
from __future__ import annotations

import logging
import os
import pathlib
from typing import Any

from quoteservice.api import Limits
from quoteservice.archive.inputs import BadInput, _from_line
from quoteservice.batch.records import (INPUT_COLUMNS, InputError, document, extract_records, input_error, invalid,
                                        to_table)

BATCH = 16  # documents per actor call, parsed as one spaCy batch in one memory zone
BLOCK_BYTES = 64 * 1024
FILE_ROWS = 1000  # records per output file at least (blocks are small)
_ROW = dict.fromkeys((*INPUT_COLUMNS, "problem"), "")


def _row(got: Any) -> dict[str, str]:
    """One input row of a fixed shape: a document, or `problem` set (id = where it is) for a bad record."""
    if isinstance(got, BadInput):
        got = input_error(got)
    if isinstance(got, InputError):
        return {**_ROW, "id": got.doc_id, "problem": got.message}
    return {**_ROW, "id": got.id, "text": got.text, "url": got.url, "title": got.title, "outlet": got.outlet,
            "published_at": got.published_at}


def _jsonl_rows(file: dict[str, Any]) -> list[dict[str, str]]:
    out = []
    for n, raw in enumerate(file["bytes"].split(b"\n"), start=1):
        if raw.strip():
            where = f"{file['path']}:{n}"
            try:
                out.append(_row(_from_line(raw.decode("utf-8"), where)))
            except UnicodeDecodeError as exc:
                out.append(_row(BadInput(where, f"not UTF-8 (byte {exc.start})")))
    return out


def _txt_row(file: dict[str, Any]) -> dict[str, str]:
    path = pathlib.Path(file["path"])
    try:
        return {**_ROW, "id": path.stem, "text": file["bytes"].decode("utf-8")}
    except UnicodeDecodeError as exc:
        return _row(BadInput(str(path), f"not UTF-8 text (byte {exc.start})"))


def _parquet_row(rec: dict[str, Any]) -> dict[str, str]:
    return _row(document(rec, "a Parquet row"))


# reading, splitting and writing files is light: it must not wait for a CPU the pipelines' actors hold (with
# num_cpus=N and N actors that would deadlock), so those tasks ask for none
IO_CPUS = 0


def read(path: pathlib.Path) -> Any:
    """The input as a Ray Dataset of rows {id, text, url, title, outlet, published_at, problem}."""
    import ray.data

    if path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
        import pyarrow.parquet as pq

        first = path if path.is_file() else sorted(path.glob("*.parquet"))[0]
        names = pq.read_schema(first).names
        columns = [c for c in INPUT_COLUMNS if c in names]
        return ray.data.read_parquet(str(path), columns=columns, num_cpus=IO_CPUS).map(_parquet_row,
                                                                                         num_cpus=IO_CPUS)
    if path.suffix == ".jsonl":
        return ray.data.read_binary_files(str(path), include_paths=True, num_cpus=IO_CPUS).flat_map(
            _jsonl_rows, num_cpus=IO_CPUS)
    return ray.data.read_binary_files(str(path), include_paths=True, file_extensions=["txt"],
                                      num_cpus=IO_CPUS).map(_txt_row, num_cpus=IO_CPUS)


class ExtractBatch:
    """The actor: loads the pipeline once, then turns batches of input rows into batches of output records."""

    def __init__(self, limits: Limits) -> None:
        from quoteservice.embedded import load_engine

        self.engine = load_engine(limits)

    def __call__(self, batch: Any) -> Any:
        from quoteservice.v1 import quote_service_pb2 as pb

        rows = batch.to_pylist()
        docs = [pb.Document(id=r["id"], text=r["text"]) for r in rows if not r["problem"]]
        done = iter(extract_records(self.engine, docs, pb.ExtractionOptions()))
        records = [invalid(InputError(r["id"], r["problem"])) if r["problem"] else next(done) for r in rows]
        return to_table(records)


def run_ray(source: pathlib.Path, out: pathlib.Path, fmt: str, limits: Limits, workers: int,
            address: str | None = None, done: set[str] | None = None, progress: bool = False) -> None:
    """Extract every document of `source` (not in `done`) into files under `out`, on `workers` actors of a
    local Ray cluster (`num_cpus=workers`) or of the cluster at `address`."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no phoning home from a newsroom's machines
    import ray
    import ray.data

    if not progress:  # Ray Data logs each execution's plan and progress at INFO on the driver
        logging.getLogger("ray").setLevel(logging.WARNING)
    if not ray.is_initialized():
        ray.init(address=address or "local", num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = progress
    # small blocks: the actor pool hands out whole blocks, so one big block (a JSONL file) would keep all but one
    # actor idle; a block of at most BLOCK_BYTES holds a dozen articles (the writers gather them into files)
    context.target_max_block_size = BLOCK_BYTES
    ds = read(source)
    if done:
        skip = frozenset(done)
        ds = ds.filter(lambda r: r["id"] not in skip, num_cpus=IO_CPUS)
    ds = ds.map_batches(ExtractBatch, fn_constructor_kwargs={"limits": limits}, batch_size=BATCH,
                        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
    io = {"num_cpus": IO_CPUS}
    if fmt == "parquet":
        ds.write_parquet(str(out), ray_remote_args=io, min_rows_per_file=FILE_ROWS)
    else:
        ds.write_json(str(out), ray_remote_args=io, min_rows_per_file=FILE_ROWS, force_ascii=False,
                      double_precision=15)
