"""Serve HTTP/JSON, the review page and /openapi.json on a port, in a thread: in front of the gRPC workers for
`quotes serve --http-port`, or in front of the embedded engine for `quotes web`."""
from __future__ import annotations

import logging
import socketserver
import threading
from collections.abc import Callable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import grpc

from quoteservice.http import openapi
from quoteservice.http.gateway import MAX_BODY, Backend, Gateway, GrpcBackend
from quoteservice.http.site import site

log = logging.getLogger("quoteservice.http")


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        log.info("%s %s", self.address_string(), format % args)


def application(backend: Backend) -> Gateway:
    """The whole HTTP app: the RPC routes answered by `backend`, and the site (page, static files, OpenAPI)."""
    gateway = Gateway(backend)
    gateway.extra = site(openapi.document(gateway.table))
    return gateway


class HttpServer:
    """`app` on host:port in a daemon thread; `stop()` ends it (and runs `on_stop`)."""

    def __init__(self, host: str, port: int, app: Callable[..., Any], on_stop: Callable[[], None] | None = None) -> None:
        self._on_stop = on_stop
        try:
            self.httpd = make_server(host, port, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
        except OSError as exc:
            if on_stop is not None:
                on_stop()
            raise SystemExit(f"cannot serve HTTP on {host}:{port}: {exc.strerror}") from None
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="http", daemon=True)

    def start(self) -> HttpServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._on_stop is not None:
            self._on_stop()


def http_gateway(host: str, port: int, target: str, timeout: float = 120.0) -> HttpServer:
    """The HTTP server of `quotes serve --http-port`: calls go to the gRPC server at `target`."""
    from quoteservice.client import channel_options

    channel = grpc.insecure_channel(target, options=channel_options(MAX_BODY * 2))  # retries as every client
    return HttpServer(host, port, application(GrpcBackend(channel, timeout)), on_stop=channel.close)
