"""Serve the HTTP/JSON gateway (and /openapi.json) on a port, in a thread, for `quotes serve --http-port`."""
from __future__ import annotations

import json
import logging
import socketserver
import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import grpc

from quoteservice.http import openapi
from quoteservice.http.gateway import MAX_BODY, Gateway, StartResponse

log = logging.getLogger("quoteservice.http")


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        log.info("%s %s", self.address_string(), format % args)


def _static(doc: dict[str, Any]):  # type: ignore[no-untyped-def]
    data = json.dumps(doc, indent=2).encode("utf-8")

    def app(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if environ.get("PATH_INFO") == "/openapi.json" and environ["REQUEST_METHOD"] == "GET":
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
            return [data]
        body = json.dumps({"code": 5, "message": f"no route {environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')}",
                           "details": []}).encode("utf-8")
        start_response("404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]
    return app


class HttpGateway:
    """The gateway on host:port, forwarding to the gRPC server at `target`; `stop()` ends it."""

    def __init__(self, host: str, port: int, target: str, timeout: float = 120.0) -> None:
        from quoteservice.client import channel_options

        self.channel = grpc.insecure_channel(target, options=channel_options(MAX_BODY * 2))  # retries as every client
        gateway = Gateway(self.channel, timeout)
        gateway.extra = _static(openapi.document(gateway.table))
        try:
            self.httpd = make_server(host, port, gateway, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
        except OSError as exc:
            self.channel.close()
            raise SystemExit(f"cannot serve HTTP on {host}:{port}: {exc.strerror}") from None
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="http-gateway", daemon=True)

    def start(self) -> HttpGateway:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.channel.close()
