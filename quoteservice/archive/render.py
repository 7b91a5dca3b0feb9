"""The archive's answers as JSON, JSON Lines, CSV or a rich table (the same dicts the HTTP API returns)."""
from __future__ import annotations

import csv
import json
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from quoteservice.archive.store import Cluster, Member

MEMBER_FIELDS = ["doc_id", "quote_id", "start", "end", "text", "type", "speaker_id", "speaker_name", "cue", "via",
                 "outlet", "published_at", "confidence", "cluster_id"]


def member_dict(m: Member, *, diff: bool = False) -> dict[str, Any]:
    d = {k: getattr(m, k) for k in MEMBER_FIELDS}
    if diff:
        d["diff"] = m.diff
    return d


def cluster_dict(c: Cluster) -> dict[str, Any]:
    return {"id": c.id, "speaker": {"id": c.speaker_id, "name": c.speaker_name}, "canonical_text": c.canonical_text,
            "altered": c.altered, "first_seen": member_dict(c.first_seen),
            "members": [member_dict(m, diff=True) for m in c.members]}


def _csv_value(v: Any) -> Any:
    if isinstance(v, dict):
        return v.get("id", "")
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def write_quotes(fmt: str, found: list[Member], out: IO[str], console: Console) -> None:
    """`quotes search` output: one record per quote."""
    rows = [member_dict(m) for m in found]
    if fmt == "json":
        json.dump({"quotes": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=MEMBER_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows({k: _csv_value(v) for k, v in r.items()} for r in rows)
    else:
        t = Table(title=f"{len(rows)} quotes", show_lines=True, expand=True)
        for col in ("date", "outlet", "speaker", "quote", "via", "doc"):
            t.add_column(col, overflow="fold")
        for m in found:
            t.add_row(m.published_at, m.outlet, m.speaker_name, m.text, (m.via or {}).get("name", ""), m.doc_id)
        console.print(t)


def write_clusters(fmt: str, found: list[Cluster], out: IO[str], console: Console) -> None:
    """`quotes clusters` output: one record per cluster (CSV: one row per member)."""
    if fmt == "json":
        json.dump({"clusters": [cluster_dict(c) for c in found]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        out.writelines(json.dumps(cluster_dict(c), ensure_ascii=False) + "\n" for c in found)
    elif fmt == "csv":
        fields = ["cluster_id", "speaker_id", "canonical_text", "altered", *[f for f in MEMBER_FIELDS
                                                                             if f not in ("cluster_id", "speaker_id")],
                  "diff"]
        w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for c in found:
            for m in c.members:
                d = member_dict(m, diff=True)
                d.pop("cluster_id"), d.pop("speaker_id")
                w.writerow({"cluster_id": c.id, "speaker_id": c.speaker_id, "canonical_text": c.canonical_text,
                            "altered": c.altered, **{k: _csv_value(v) for k, v in d.items()}})
    else:
        for c in found:
            t = Table(title=f"cluster {c.id}: {c.speaker_name}" + (" (altered)" if c.altered else ""),
                      show_lines=True, expand=True)
            for col in ("date", "outlet", "quote", "via", "differences"):
                t.add_column(col, overflow="fold")
            for m in c.members:
                changes = "; ".join(f"{e['op']} {e['canonical']!r}->{e['member']!r}" for e in m.diff)
                t.add_row(m.published_at, m.outlet or m.doc_id, m.text, (m.via or {}).get("name", ""), changes)
            console.print(t)
