"""The archive's answers (archive_pb2 messages) as JSON, JSON Lines, CSV or a rich table.

JSON is the messages' proto JSON (archive/api.py `to_json`), so the CLI prints what gRPC returns.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from quoteservice.archive.api import to_json
from quoteservice.v1 import archive_pb2 as apb

QUOTE_FIELDS = [f.name for f in apb.ArchivedQuote.DESCRIPTOR.fields if f.name != "diff"]


def _csv_value(v: Any) -> Any:
    if isinstance(v, dict):
        return v.get("id", "")
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def _dump(fmt: str, key: str, records: list[dict[str, Any]], out: IO[str]) -> bool:
    """Write `records` as {key: [...]} (json) or one per line (jsonl); False for the other formats."""
    if fmt == "json":
        json.dump({key: records}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return fmt in ("json", "jsonl")


def write_quotes(fmt: str, resp: apb.SearchQuotesResponse, out: IO[str], console: Console) -> None:
    """`quotes search` output: one record per quote."""
    rows = to_json(resp)["quotes"]
    if _dump(fmt, "quotes", rows, out):
        return
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=QUOTE_FIELDS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows({k: _csv_value(v) for k, v in r.items()} for r in rows)
    else:
        t = Table(title=f"{len(rows)} quotes", show_lines=True, expand=True)
        for col in ("date", "outlet", "speaker", "quote", "via", "doc"):
            t.add_column(col, overflow="fold")
        for q in resp.quotes:
            t.add_row(q.published_at, q.outlet, q.speaker_name, q.text, q.via.name, q.doc_id)
        console.print(t)


def write_clusters(fmt: str, resp: apb.ListClustersResponse, out: IO[str], console: Console) -> None:
    """`quotes clusters` output: one record per cluster (CSV: one row per member)."""
    clusters = to_json(resp)["clusters"]
    if _dump(fmt, "clusters", clusters, out):
        return
    if fmt == "csv":
        fields = ["cluster", "canonical_text", "altered", *QUOTE_FIELDS, "diff"]
        w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for c in clusters:
            for m in c["members"]:
                w.writerow({"cluster": c["id"], "canonical_text": c["canonical_text"], "altered": c["altered"],
                            **{k: _csv_value(v) for k, v in m.items()}})
    else:
        for c in resp.clusters:
            t = Table(title=f"cluster {c.id}: {c.speaker.name}" + (" (altered)" if c.altered else ""),
                      show_lines=True, expand=True)
            for col in ("date", "outlet", "quote", "via", "differences"):
                t.add_column(col, overflow="fold")
            for m in c.members:
                changes = "; ".join(f"{e.op} {e.canonical!r} -> {e.member!r}" for e in m.diff)
                t.add_row(m.published_at, m.outlet or m.doc_id, m.text, m.via.name, changes)
            console.print(t)
