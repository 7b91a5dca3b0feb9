"""What a batch reads and writes: input documents (id, text and metadata) and output records, which are the
records of `quotes extract --format jsonl`, and their Arrow schema (for Parquet), derived from the proto.

The schema is made from the descriptors of ExtractQuotesResponse, so it follows the API: messages are structs,
repeated fields lists, enums their names (as in JSON), floats float64 (as the JSON's numbers). A failed
document has `error` {code, message} and no quotes.
"""
from __future__ import annotations

import pathlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.rpc import code_pb2, status_pb2

from quoteservice.api import QuoteEngine
from quoteservice.archive.inputs import BadInput, read_documents
from quoteservice.archive.store import ArchiveDocument
from quoteservice.output import DocumentOutcome, to_dict
from quoteservice.v1 import quote_service_pb2 as pb

INPUT_COLUMNS = ("id", "text", "url", "title", "outlet", "published_at")


@dataclass(frozen=True)
class InputError:
    """A record that is not a document: where it is (its id when it has one), and why."""

    doc_id: str
    message: str


def input_error(bad: BadInput) -> InputError:
    """A reader's bad record as an input error, named by its id when it has one, else by where it is."""
    return InputError(bad.doc_id or bad.where, bad.reason)


def extract_records(engine: QuoteEngine, docs: list[pb.Document], options: pb.ExtractionOptions) -> list[dict[str, Any]]:
    """The output records of `docs` in order (a refused document's is an error record); a bug in extraction
    makes error records for these documents instead of ending the run."""
    from quoteservice.embedded import extract_all
    from quoteservice.server.errors import internal

    try:
        return [to_dict(o) for o in extract_all(engine, docs, options)]
    except Exception as exc:
        return [to_dict(DocumentOutcome(d.id, error=internal(exc))) for d in docs]


def error_record(doc_id: str, code: int, message: str) -> dict[str, Any]:
    return to_dict(DocumentOutcome(doc_id, error=status_pb2.Status(code=code, message=message)))


def read_inputs(path: pathlib.Path) -> Iterator[ArchiveDocument | InputError]:
    """The documents of a directory of .txt files, a .jsonl file or a .parquet file (or directory of them),
    streamed: memory follows one record (one row group for Parquet), not the input."""
    if path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
        yield from _read_parquet(path)
        return
    for got in read_documents([path]):
        yield input_error(got) if isinstance(got, BadInput) else got


def _read_parquet(path: pathlib.Path) -> Iterator[ArchiveDocument | InputError]:
    import pyarrow.parquet as pq

    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    for f in files:
        pf = pq.ParquetFile(f)
        missing = {"id", "text"} - set(pf.schema_arrow.names)
        if missing:
            yield InputError(str(f), f"no column(s) {', '.join(sorted(missing))}")
            continue
        columns = [c for c in INPUT_COLUMNS if c in pf.schema_arrow.names]
        row = 0
        for batch in pf.iter_batches(batch_size=256, columns=columns):
            for rec in batch.to_pylist():
                row += 1
                yield document(rec, f"{f}:{row}")


def document(rec: dict[str, Any], where: str) -> ArchiveDocument | InputError:
    """A document from a row (id, text, optional metadata), or why it is not one."""
    doc_id, text = rec.get("id"), rec.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        return InputError(where, "needs a non-empty string 'id'")
    if not isinstance(text, str):
        return InputError(doc_id, "needs a string 'text'")
    meta = {k: rec.get(k) or "" for k in ("url", "title", "outlet", "published_at")}
    if not all(isinstance(v, str) for v in meta.values()):
        return InputError(doc_id, "url, title, outlet and published_at must be strings")
    return ArchiveDocument(doc_id, text, **meta)


def invalid(err: InputError) -> dict[str, Any]:
    return error_record(err.doc_id, code_pb2.INVALID_ARGUMENT, err.message)


# -- the Arrow schema --------------------------------------------------------------------------------------
def _arrow_type(field: FieldDescriptor) -> Any:
    import pyarrow as pa

    if field.message_type is not None:
        one = _struct(field.message_type)
    elif field.enum_type is not None or field.type == FieldDescriptor.TYPE_STRING:
        one = pa.string()
    elif field.type == FieldDescriptor.TYPE_BOOL:
        one = pa.bool_()
    elif field.cpp_type in (FieldDescriptor.CPPTYPE_FLOAT, FieldDescriptor.CPPTYPE_DOUBLE):
        one = pa.float64()
    elif field.cpp_type in (FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_UINT32):
        one = pa.int32()
    else:
        one = pa.int64()
    return pa.list_(one) if field.is_repeated else one


def _struct(message: Descriptor) -> Any:
    import pyarrow as pa

    return pa.struct([pa.field(f.name, _arrow_type(f)) for f in message.fields])


@cache
def output_schema() -> Any:
    """doc_id, error {code, message}, and the fields of ExtractQuotesResponse but document_id (quotes, speakers)."""
    import pyarrow as pa

    fields = [pa.field("doc_id", pa.string(), nullable=False),
              pa.field("error", pa.struct([pa.field("code", pa.string()), pa.field("message", pa.string())]))]
    fields += [pa.field(f.name, _arrow_type(f)) for f in pb.ExtractQuotesResponse.DESCRIPTOR.fields
               if f.name != "document_id"]
    return pa.schema(fields)


def to_table(records: list[dict[str, Any]]) -> Any:
    """Output records as an Arrow table of `output_schema()` (absent keys are null)."""
    import pyarrow as pa

    return pa.Table.from_pylist(records, schema=output_schema())
