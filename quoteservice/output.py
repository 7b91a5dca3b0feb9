"""Render responses as a rich table, JSON, JSON Lines (one document per line) or CSV (one quote per row)."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from google.protobuf import json_format
from google.rpc import code_pb2, status_pb2
from rich.console import Console
from rich.table import Table

from quoteservice.v1 import quote_service_pb2 as pb

FORMATS = ("table", "json", "jsonl", "csv")
CSV_FIELDS = ["doc_id", "quote_id", "type", "start", "end", "text", "speaker_id", "speaker_name", "speaker_kind",
              "speaker_role", "mention_text", "mention_start", "mention_end", "cue_text", "cue_start", "cue_end",
              "confidence", "method", "via_id", "via_name", "via_carried"]


_QUOTE_MESSAGES = tuple(f.name for f in pb.Quote.DESCRIPTOR.fields
                        if f.message_type is not None and not f.is_repeated)


@dataclass(frozen=True)
class DocumentOutcome:
    """One document's result or error, as the CLI reports it."""

    doc_id: str
    response: pb.ExtractQuotesResponse | None = None
    error: status_pb2.Status | None = None


def _short(enum_name: str, prefix: str) -> str:
    return enum_name[len(prefix):].lower() if enum_name.startswith(prefix) else enum_name.lower()


def to_dict(outcome: DocumentOutcome) -> dict[str, Any]:
    """The JSON object of one document: proto field names, default values included."""
    if outcome.error is not None:
        return {"doc_id": outcome.doc_id, "error": {"code": code_pb2.Code.Name(outcome.error.code),
                                                    "message": outcome.error.message}}
    assert outcome.response is not None
    d = json_format.MessageToDict(outcome.response, preserving_proto_field_name=True,
                                  always_print_fields_with_no_presence=True)
    d.pop("document_id", None)
    for q in d.get("quotes", []):
        for name in _QUOTE_MESSAGES:  # unset messages (no speaker, no cue) as null: every record has every key
            q.setdefault(name, None)
    return {"doc_id": outcome.doc_id, **d}


def write_jsonl(outcomes: Iterable[DocumentOutcome], out: IO[str]) -> None:
    for o in outcomes:
        out.write(json.dumps(to_dict(o), ensure_ascii=False) + "\n")


def write_json(outcomes: Iterable[DocumentOutcome], out: IO[str]) -> None:
    json.dump([to_dict(o) for o in outcomes], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _explained(outcomes: Iterable[DocumentOutcome]) -> bool:
    """Whether the records carry their rules (ExtractionOptions.explain): then CSV and table show them."""
    return any(q.HasField("rule") for o in outcomes if o.response is not None for q in o.response.quotes)


def write_csv(outcomes: list[DocumentOutcome], out: IO[str]) -> None:
    explain = _explained(outcomes)
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS + (["rule"] if explain else []), lineterminator="\n")
    w.writeheader()
    for o in outcomes:
        if o.response is None:
            continue
        for q in o.response.quotes:
            w.writerow({**({"rule": q.rule} if explain else {}),
                "doc_id": o.doc_id, "quote_id": q.id, "type": _short(pb.QuoteType.Name(q.type), "QUOTE_TYPE_"),
                "start": q.start, "end": q.end, "text": q.text, "speaker_id": q.speaker.id,
                "speaker_name": q.speaker.name, "speaker_kind": _short(pb.SpeakerKind.Name(q.speaker.kind), "SPEAKER_KIND_"),
                "speaker_role": q.speaker.role, "mention_text": q.speaker_mention.text,
                "mention_start": q.speaker_mention.start if q.HasField("speaker_mention") else "",
                "mention_end": q.speaker_mention.end if q.HasField("speaker_mention") else "",
                "cue_text": q.cue.text, "cue_start": q.cue.start if q.HasField("cue") else "",
                "cue_end": q.cue.end if q.HasField("cue") else "", "confidence": f"{q.confidence:.3f}",
                "method": _short(pb.AttributionMethod.Name(q.method), "ATTRIBUTION_METHOD_"),
                "via_id": q.via.id, "via_name": q.via.name,
                "via_carried": str(q.via.carried).lower() if q.HasField("via") else ""})


def write_table(outcomes: list[DocumentOutcome], console: Console) -> None:
    explain = _explained(outcomes)
    columns = [("type", "cyan"), ("speaker", "bold"), ("cue", "magenta"), ("quote", ""), ("conf", "")]
    for o in outcomes:
        if o.response is None:
            continue
        t = Table(title=f"{o.doc_id}: {len(o.response.quotes)} quotes", show_lines=True, expand=True)
        for col, style in columns + ([("rule", "dim")] if explain else []):
            t.add_column(col, style=style, overflow="fold")
        for q in o.response.quotes:
            who = q.speaker.name or q.speaker_mention.text or "?"
            if q.HasField("via"):
                who += f" (via {q.via.name})"
            row = [_short(pb.QuoteType.Name(q.type), "QUOTE_TYPE_"), who, q.cue.text, q.text, f"{q.confidence:.2f}"]
            t.add_row(*row, *([q.rule] if explain else []))
        console.print(t)


def write(fmt: str, outcomes: list[DocumentOutcome], out: IO[str]) -> None:
    """Write all outcomes in format `fmt` (one of FORMATS) to `out`."""
    if fmt == "jsonl":
        write_jsonl(outcomes, out)
    elif fmt == "json":
        write_json(outcomes, out)
    elif fmt == "csv":
        write_csv(outcomes, out)
    else:
        write_table(outcomes, Console(file=out, soft_wrap=False))
