"""Where a batch writes: one JSON Lines file, or a directory of Parquet part files. Both know which documents
they already hold, so a rerun skips them (resumable), and neither holds more than one part in memory."""
from __future__ import annotations

import json
import os
import pathlib
from typing import Any, Protocol

from quoteservice.batch.records import to_table

PART_ROWS = 512  # records per Parquet part file (a row group each)


class Sink(Protocol):
    def done(self) -> set[str]: ...
    def write(self, records: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


class JsonlSink:
    """Records appended to one file, a line each, flushed per chunk: what a killed run wrote is kept whole."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self._out: Any = None

    def done(self) -> set[str]:
        """Ids of the complete records already written; a torn last line (a killed run) is cut off."""
        if not self.path.exists():
            return set()
        ids, good = set(), 0
        with self.path.open("rb") as fh:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                try:
                    ids.add(json.loads(line)["doc_id"])
                except (ValueError, KeyError, TypeError):
                    break
                good += len(line)
        if good < self.path.stat().st_size:
            os.truncate(self.path, good)
        return ids

    def write(self, records: list[dict[str, Any]]) -> None:
        if self._out is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._out = self.path.open("a", encoding="utf-8")
        self._out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        self._out.flush()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


class ParquetSink:
    """Records in part files of PART_ROWS rows (`part-00000.parquet`, …), each written whole under a temporary
    name and renamed, so a killed run leaves only complete parts; the schema is records.output_schema()."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.dir = directory
        self._buffer: list[dict[str, Any]] = []
        self._next = 0

    def done(self) -> set[str]:
        import pyarrow.parquet as pq

        parts = sorted(self.dir.glob("*.parquet")) if self.dir.is_dir() else []
        for stale in self.dir.glob("*.tmp") if self.dir.is_dir() else []:
            stale.unlink()
        self._next = len(parts)
        return {i for p in parts for i in pq.read_table(p, columns=["doc_id"]).column("doc_id").to_pylist()}

    def write(self, records: list[dict[str, Any]]) -> None:
        self._buffer += records
        while len(self._buffer) >= PART_ROWS:
            self._flush(self._buffer[:PART_ROWS])
            self._buffer = self._buffer[PART_ROWS:]

    def _flush(self, records: list[dict[str, Any]]) -> None:
        import pyarrow.parquet as pq

        self.dir.mkdir(parents=True, exist_ok=True)
        while (self.dir / f"part-{self._next:05d}.parquet").exists():
            self._next += 1
        final = self.dir / f"part-{self._next:05d}.parquet"
        tmp = final.with_suffix(".tmp")
        pq.write_table(to_table(records), tmp)
        os.replace(tmp, final)
        self._next += 1

    def close(self) -> None:
        if self._buffer:
            self._flush(self._buffer)
            self._buffer = []


def open_sink(path: pathlib.Path, fmt: str) -> Sink:
    """A JSONL file or a Parquet directory at `path`."""
    return ParquetSink(path) if fmt == "parquet" else JsonlSink(path)


def done_in(directory: pathlib.Path, fmt: str) -> set[str]:
    """Ids already written into a directory of output files (Ray's writers' files, or ParquetSink's parts); a torn
    last line of a JSON Lines file (a killed run) is cut off, so the rerun writes that record again."""
    if not directory.is_dir():
        return set()
    if fmt == "parquet":
        return ParquetSink(directory).done()
    return {i for f in sorted(directory.glob("*.json*")) for i in JsonlSink(f).done()}
