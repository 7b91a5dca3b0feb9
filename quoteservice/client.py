"""Call a running quoteservice: the CLI's `--server` path and a small library for other Python tools."""
from __future__ import annotations

import collections
import json
import pathlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import grpc

from quoteservice.api import WORKER_KEY, WORKERS_KEY
from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc


# gRPC's own retries (https://github.com/grpc/proposal/blob/master/A6-client-retries.md): a refused or
# unreachable call is tried again with backoff, as soon as the server's grpc-retry-pushback-ms says (the
# load shedder's RetryInfo delay), and never when it says not to (an article over the size limit)
RETRY_POLICY = {
    "maxAttempts": 5, "initialBackoff": "0.2s", "maxBackoff": "5s", "backoffMultiplier": 2,
    "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED"],
}
# round_robin: a target that resolves to several servers (a headless Kubernetes Service through
# dns:///name:port, or ipv4:a:p,b:p) gets a connection to each and spreads calls over them; with one
# address it is the same as gRPC's default pick_first
SERVICE_CONFIG = json.dumps({"loadBalancingConfig": [{"round_robin": {}}],
                             "methodConfig": [{"name": [{"service": pb.DESCRIPTOR.services_by_name["QuoteService"]
                                                                    .full_name}],
                                               "retryPolicy": RETRY_POLICY}]})


def endpoints(target: str) -> int:
    """How many servers a gRPC target names: the addresses of an ipv4:/ipv6: list, or what a dns: name resolves
    to now (as gRPC's resolver will); 1 for a plain host:port, which keeps one server's behaviour."""
    import socket
    from urllib.parse import urlsplit

    scheme, _, rest = target.partition(":")
    if scheme in ("ipv4", "ipv6"):
        return max(1, len([a for a in rest.split(",") if a]))
    if scheme != "dns":
        return 1
    hostport = urlsplit(target).path.lstrip("/")  # dns:///name:port or dns://authority/name:port
    host, _, port = hostport.rpartition(":") if hostport.rfind(":") > hostport.rfind("]") else (hostport, "", "")
    try:
        infos = socket.getaddrinfo(host.strip("[]"), int(port or 443), type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        return 1
    return max(1, len({info[4][:2] for info in infos}))


def channel_options(max_message_bytes: int) -> list[tuple[str, object]]:
    """Message size limits and the retry service config of every client channel."""
    return [("grpc.max_receive_message_length", max_message_bytes),
            ("grpc.max_send_message_length", max_message_bytes),
            ("grpc.enable_retries", 1), ("grpc.service_config", SERVICE_CONFIG)]


@dataclass(frozen=True)
class Security:
    """How a client proves who it talks to and who it is: TLS (the server's CA; a client certificate for mutual
    TLS) and a bearer token sent as `authorization` metadata on every call. The default is plaintext, no token."""

    tls_ca: pathlib.Path | None = None
    tls_cert: pathlib.Path | None = None
    tls_key: pathlib.Path | None = None
    token: str | None = None

    def channel(self, target: str, options: list[tuple[str, object]]) -> grpc.Channel:
        """A channel to `target`: TLS when a CA (or a client certificate) is given, plaintext otherwise."""
        if self.tls_ca is None and self.tls_cert is None:
            return grpc.insecure_channel(target, options=options)
        read = lambda p: p.read_bytes() if p is not None else None  # noqa: E731
        creds = grpc.ssl_channel_credentials(root_certificates=read(self.tls_ca), private_key=read(self.tls_key),
                                             certificate_chain=read(self.tls_cert))
        return grpc.secure_channel(target, creds, options=options)

    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),) if self.token else ()


PLAINTEXT = Security()


class QuoteClient:
    """A channel to one server; use as a context manager."""

    def __init__(self, target: str, *, max_message_bytes: int = 64 * 1024 * 1024,
                 security: Security = PLAINTEXT) -> None:
        self.channel = security.channel(target, channel_options(max_message_bytes))
        self._metadata = security.metadata()
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
                                       timeout=timeout, metadata=self._metadata)

    def extract_many(self, documents: Iterable[pb.Document], options: pb.ExtractionOptions | None = None,
                     timeout: float | None = None) -> Iterator[pb.BatchExtractQuotesResponse]:
        """Many documents over one streaming call; responses arrive as each document finishes."""
        requests = (pb.BatchExtractQuotesRequest(document=d, options=options) for d in documents)
        yield from self.stub.BatchExtractQuotes(requests, timeout=timeout, metadata=self._metadata)




class _Stream:
    """One BatchExtractQuotes stream on its own connection, pulling documents from a shared queue.

    At most `inflight` documents are outstanding on it, so a fast worker takes more documents and
    none is stuck behind a slow one's buffer. It starts pulling only when `start()` is called, so a
    stream found to share a worker with another can be dropped without taking any document.
    """

    def __init__(self, target: str, options: pb.ExtractionOptions | None, timeout: float | None,
                 queue: collections.deque[tuple[int, pb.Document]], inflight: int, channel_options: list,
                 security: Security = PLAINTEXT) -> None:
        # a local subchannel pool: without it, channels to one target share one TCP connection
        self.channel = security.channel(target, [*channel_options, ("grpc.use_local_subchannel_pool", 1)])
        self._queue, self._options = queue, options
        self._slots = threading.Semaphore(inflight)
        self._go = threading.Event()
        self._dropped = False
        self._lock = threading.Lock()  # taking a document and noting it pending is one step
        self.pending: collections.deque[tuple[int, pb.Document]] = collections.deque()  # sent, not answered
        stub = pb_grpc.QuoteServiceStub(self.channel)
        self.call = stub.BatchExtractQuotes(self._requests(), timeout=timeout, metadata=security.metadata())
        meta = dict(self.call.initial_metadata() or ())
        self.worker = str(meta.get(WORKER_KEY, ""))
        self.workers = int(str(meta.get(WORKERS_KEY, "1")) or 1)

    def _requests(self) -> Iterator[pb.BatchExtractQuotesRequest]:
        self._go.wait()
        while not self._dropped:
            self._slots.acquire()
            with self._lock:
                if self._dropped:
                    return
                try:  # another stream may take the last one first
                    index, doc = self._queue.popleft()
                except IndexError:
                    return
                self.pending.append((index, doc))
            yield pb.BatchExtractQuotesRequest(document=doc, options=self._options)

    def start(self) -> None:
        self._go.set()

    def drop(self) -> None:
        self._dropped = True
        self._go.set()
        self._slots.release()  # wake the request generator if it waits for a slot
        self.call.cancel()
        self.channel.close()

    def take_back(self) -> list[tuple[int, pb.Document]]:
        """Stop taking documents; the ones sent but not answered, for another stream."""
        with self._lock:
            self._dropped = True
            back = list(self.pending)
            self.pending.clear()
        self._slots.release()
        return back

    def answered(self) -> int:
        """The index of the document a response just answered; frees a slot for the next one."""
        index, _ = self.pending.popleft()
        self._slots.release()
        return index


def extract_spread(target: str, documents: list[pb.Document], options: pb.ExtractionOptions | None = None,
                   timeout: float | None = None, streams: int | None = None, inflight: int = 2,
                   max_message_bytes: int = 64 * 1024 * 1024,
                   security: Security = PLAINTEXT) -> Iterator[pb.BatchExtractQuotesResponse]:
    """Responses for `documents` in input order, over parallel streams on separate connections.

    A server's workers share its port through SO_REUSEPORT, which spreads connections, not streams;
    so streams are opened until each sits on a different worker (the server names its worker in the
    stream's initial metadata), one per worker of each server the target names (`endpoints`; the
    round_robin policy spreads the streams over them) unless `streams` says otherwise. When a stream breaks
    because its worker went away (UNAVAILABLE: killed, restarted, draining), the documents it had not
    answered go back in the queue and a new stream takes them, so every document is answered exactly once;
    any other failure, or more than a few such breaks, raises the stream's grpc.RpcError.
    """
    # longest documents first, so no stream is left with a long one at the end; output in input order
    queue: collections.deque[tuple[int, pb.Document]] = collections.deque(
        sorted(enumerate(documents), key=lambda item: -len(item[1].text)))
    chan_opts = channel_options(max_message_bytes)
    opened: list[_Stream] = []
    try:
        first = _Stream(target, options, timeout, queue, inflight, chan_opts, security)
        opened.append(first)
        want = max(1, min(streams or first.workers * endpoints(target), len(documents)))
        seen = {first.worker}
        tries, max_tries = 0, 8 * want + 8  # each connection lands on a worker at random
        while len(opened) < want and tries < max_tries:
            tries += 1
            s = _Stream(target, options, timeout, queue, inflight, chan_opts, security)
            if s.worker in seen and len(seen) < want and tries < max_tries:
                s.drop()  # same worker as a stream we hold: try another connection
                continue
            seen.add(s.worker)
            opened.append(s)
        def reopen() -> _Stream:
            s = _Stream(target, options, timeout, queue, inflight, chan_opts, security)
            opened.append(s)
            return s

        yield from _gather(opened, len(documents), reopen, queue, breaks=4 * len(opened))
    finally:
        for s in opened:
            s.drop()


_BROKEN = (grpc.StatusCode.UNAVAILABLE,)  # the stream's worker went away; the documents are not at fault


class _Unanswered(RuntimeError):
    """A stream ended normally with documents it took still unanswered (its server stopped gracefully)."""

    def __init__(self, count: int) -> None:
        super().__init__(f"a stream ended with {count} documents unanswered")


def _gather(opened: list[_Stream], total: int, reopen: Callable[[], _Stream],
            queue: collections.deque[tuple[int, pb.Document]], breaks: int) -> Iterator[pb.BatchExtractQuotesResponse]:
    """Read every stream on its own thread; yield responses in input order as they become ready. A broken
    stream's unanswered documents are queued again (first) and read by a new stream, `breaks` times at most."""
    results: dict[int, pb.BatchExtractQuotesResponse] = {}
    failures: list[Exception] = []  # a stream's RpcError (or a bug in reading it): never wait forever
    ready = threading.Condition()
    left = [breaks]

    def drain(s: _Stream) -> Exception | None:
        """Read a stream to its end: None when it answered everything it took, else why not."""
        try:
            for r in s.call:
                index = s.answered()
                with ready:
                    results[index] = r
                    ready.notify()
        except grpc.RpcError as exc:
            return exc
        if s.pending:  # it ended without answering some: its server drained (a graceful stop)
            return _Unanswered(len(s.pending))
        return None

    def fail(exc: Exception) -> None:
        with ready:
            failures.append(exc)
            ready.notify()

    def read(s: _Stream) -> None:
        while True:
            try:
                why = drain(s)
            except Exception as exc:  # a bug in reading it: never wait forever
                fail(exc)
                return
            if why is None:
                return
            with ready:
                broken = isinstance(why, _Unanswered) or (isinstance(why, grpc.RpcError) and why.code() in _BROKEN)
                retry = broken and left[0] > 0
                left[0] -= 1
            if not retry:
                fail(why)
                return
            queue.extendleft(reversed(s.take_back()))  # the unanswered documents go first
            s.channel.close()
            try:
                s = reopen()
            except Exception as reopen_exc:
                fail(reopen_exc)
                return
            s.start()

    threads = [threading.Thread(target=read, args=(s,), daemon=True) for s in opened]
    for s, t in zip(opened, threads):
        s.start()
        t.start()
    for i in range(total):
        with ready:
            ready.wait_for(lambda: i in results or bool(failures))
            if i not in results:
                raise failures[0]
            r = results.pop(i)
        if i == total - 1:  # every answer is in: let the streams end with the server's OK, not our cancel
            for t in threads:
                t.join(timeout=5)
        yield r
