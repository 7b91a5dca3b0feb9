"""Documents to index: text files (id = file name without .txt) or JSON Lines with id/url/title/outlet/published_at/text."""
from __future__ import annotations

import json
import pathlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from quoteservice.archive.store import ArchiveDocument

JSONL_FIELDS = ("id", "url", "title", "outlet", "published_at", "text")


@dataclass(frozen=True)
class BadInput:
    """A document that cannot be read: where, and why."""

    where: str
    reason: str
    doc_id: str = ""  # the record's id, when it has a usable one


def _published(value: object) -> str:
    """An ISO 8601 date or date-time as given; ValueError otherwise."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        raise ValueError("published_at must be an ISO 8601 string")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"published_at {value!r} is not an ISO 8601 date or date-time") from None
    return value


def _from_line(line: str, where: str) -> ArchiveDocument | BadInput:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadInput(where, f"not JSON ({exc.msg})")
    if not isinstance(rec, dict):
        return BadInput(where, "not a JSON object")
    if not isinstance(rec.get("id"), str) or not rec["id"] or not isinstance(rec.get("text"), str):
        return BadInput(where, "needs a non-empty string 'id' and a string 'text'")
    unknown = sorted(set(rec) - set(JSONL_FIELDS))
    if unknown:
        return BadInput(where, f"unknown field(s) {', '.join(unknown)}", rec["id"])
    try:
        published = _published(rec.get("published_at"))
    except ValueError as exc:
        return BadInput(where, str(exc), rec["id"])
    extra = {k: rec.get(k) or "" for k in ("url", "title", "outlet")}
    if not all(isinstance(v, str) for v in extra.values()):
        return BadInput(where, "url, title and outlet must be strings", rec["id"])
    return ArchiveDocument(rec["id"], rec["text"], published_at=published, **extra)


def read_documents(paths: list[pathlib.Path], outlet: str = "", published_at: str = ""
                   ) -> Iterator[ArchiveDocument | BadInput]:
    """Every document of `paths` in order: .jsonl files line by line, other files and *.txt in directories whole."""
    for path in paths:
        files = sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".jsonl":
                with f.open(encoding="utf-8", errors="strict") as fh:
                    try:
                        for n, line in enumerate(fh, start=1):
                            if line.strip():
                                yield _from_line(line, f"{f}:{n}")
                    except UnicodeDecodeError as exc:
                        yield BadInput(str(f), f"not UTF-8 (byte {exc.start})")
                continue
            try:
                yield ArchiveDocument(f.stem, f.read_bytes().decode("utf-8"), outlet=outlet, published_at=published_at)
            except UnicodeDecodeError as exc:
                yield BadInput(str(f), f"not UTF-8 text (byte {exc.start})")
            except OSError as exc:
                yield BadInput(str(f), f"cannot read: {exc.strerror}")
