"""Example client: send article files to a running quoteservice and print who said what.

    python clients/python/extract_quotes.py 127.0.0.1:50051 seeds/*.txt

Needs only grpcio and the generated stubs (`pip install .` gives both).
"""
from __future__ import annotations

import pathlib
import sys

import grpc

from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc


def main(target: str, paths: list[str]) -> int:
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.QuoteServiceStub(channel)
        requests = (pb.BatchExtractQuotesRequest(document=pb.Document(id=pathlib.Path(p).stem,
                                                                      text=pathlib.Path(p).read_text("utf-8")))
                    for p in paths)
        failed = 0
        for response in stub.BatchExtractQuotes(requests, timeout=300):
            if response.HasField("error"):
                failed += 1
                print(f"{response.document_id}: error {response.error.message}", file=sys.stderr)
                continue
            for q in response.result.quotes:
                kind = pb.QuoteType.Name(q.type).removeprefix("QUOTE_TYPE_").lower()
                print(f"{response.document_id}\t{kind}\t{q.speaker.name or '?'}\t{q.text[:80]}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
