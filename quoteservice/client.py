"""Call a running quoteservice: the CLI's `--server` path and a small library for other Python tools."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import grpc

from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc


class QuoteClient:
    """A channel to one server; use as a context manager."""

    def __init__(self, target: str, *, max_message_bytes: int = 64 * 1024 * 1024) -> None:
        self.channel = grpc.insecure_channel(target, options=[
            ("grpc.max_receive_message_length", max_message_bytes),
            ("grpc.max_send_message_length", max_message_bytes)])
        self.stub = pb_grpc.QuoteServiceStub(self.channel)

    def __enter__(self) -> QuoteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()

    def wait_ready(self, timeout: float) -> None:
        """Block until the channel connects (grpc.FutureTimeoutError after `timeout` seconds)."""
        grpc.channel_ready_future(self.channel).result(timeout=timeout)

    def extract(self, document: pb.Document, options: pb.ExtractionOptions | None = None,
                timeout: float | None = None) -> pb.ExtractQuotesResponse:
        """One document through the unary RPC."""
        return self.stub.ExtractQuotes(pb.ExtractQuotesRequest(document=document, options=options),
                                       timeout=timeout)

    def extract_many(self, documents: Iterable[pb.Document], options: pb.ExtractionOptions | None = None,
                     timeout: float | None = None) -> Iterator[pb.BatchExtractQuotesResponse]:
        """Many documents over one streaming call; responses arrive as each document finishes."""
        requests = (pb.BatchExtractQuotesRequest(document=d, options=options) for d in documents)
        yield from self.stub.BatchExtractQuotes(requests, timeout=timeout)
