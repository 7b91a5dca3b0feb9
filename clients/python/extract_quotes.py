"""Example client: send article files to a running quoteservice and print who said what, as TSV.

    python clients/python/extract_quotes.py 127.0.0.1:50051 seeds/*.txt

Columns: document id, quote type, speaker name ("?" when unattributed), quote text. Tabs, newlines and
backslashes inside a field are written as \\t, \\n and \\\\, so every quote is one line. A file that is not
UTF-8 text is reported on stderr and skipped; exit codes: 0 ok, 1 a document failed on the server,
2 an unreadable file, 3 the server cannot be reached or the call failed.
With QUOTES_TLS_CA=ca.pem it connects over TLS, and with QUOTES_TOKEN=… it sends that bearer token.
Needs only grpcio and the generated stubs (`pip install .` gives both).
"""
from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Iterator

import grpc

from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_field(value: str) -> str:
    """One TSV field: the characters that would split a row or a column escaped."""
    return value.translate(_ESCAPES)


def read_documents(paths: list[str], unreadable: list[str]) -> Iterator[pb.BatchExtractQuotesRequest]:
    """A request per readable UTF-8 file; the others are reported and listed in `unreadable`."""
    for p in paths:
        path = pathlib.Path(p)
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else f"not UTF-8 text (byte {exc.start})"
            print(f"{p}: skipped: {reason}", file=sys.stderr)
            unreadable.append(p)
            continue
        yield pb.BatchExtractQuotesRequest(document=pb.Document(id=path.stem, text=text))


def main(target: str, paths: list[str]) -> int:
    unreadable: list[str] = []
    failed = 0
    ca, token = os.environ.get("QUOTES_TLS_CA"), os.environ.get("QUOTES_TOKEN")
    metadata = (("authorization", f"Bearer {token}"),) if token else ()
    try:
        channel = (grpc.secure_channel(target, grpc.ssl_channel_credentials(pathlib.Path(ca).read_bytes()))
                   if ca else grpc.insecure_channel(target))
        with channel:
            stub = pb_grpc.QuoteServiceStub(channel)
            requests = read_documents(paths, unreadable)
            for response in stub.BatchExtractQuotes(requests, timeout=300, metadata=metadata):
                if response.HasField("error"):
                    failed += 1
                    print(f"{response.document_id}: error {response.error.message}", file=sys.stderr)
                    continue
                for q in response.result.quotes:
                    kind = pb.QuoteType.Name(q.type).removeprefix("QUOTE_TYPE_").lower()
                    row = (response.document_id, kind, q.speaker.name or "?", q.text)
                    print("\t".join(tsv_field(f) for f in row))
    except grpc.RpcError as exc:
        print(f"error: {target}: {exc.code().name}: {exc.details()}", file=sys.stderr)
        return 3
    except OSError as exc:
        print(f"error: QUOTES_TLS_CA {ca}: {exc.strerror}", file=sys.stderr)
        return 2
    return 1 if failed else 2 if unreadable else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
