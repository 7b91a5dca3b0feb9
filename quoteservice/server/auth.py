"""Bearer-token authentication and TLS credentials of the server.

A call must carry `authorization: Bearer <token>` with one of the tokens of `--auth-token-file`, or it
is answered UNAUTHENTICATED before it reaches the servicer. Services named in `exempt` (health and
reflection by default, so probes and grpcurl work) stay open. Tokens are compared in constant time and
never logged.
"""
from __future__ import annotations

import hmac
import pathlib
from collections.abc import Callable, Iterable
from typing import Any

import grpc
from grpc_health.v1 import health
from grpc_reflection.v1alpha import reflection

EXEMPTABLE = {"health": health.SERVICE_NAME, "reflection": reflection.SERVICE_NAME}
_SCHEME = "bearer "


def read_tokens(path: pathlib.Path) -> tuple[bytes, ...]:
    """The tokens of a file, one per line (blank lines and '#' comments skipped); SystemExit when none."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"cannot read token file {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    tokens = tuple(ln.strip().encode() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))
    if not tokens:
        raise SystemExit(f"token file {path} holds no token")
    return tokens


def _presented(metadata: Iterable[tuple[str, Any]]) -> bytes | None:
    for key, value in metadata:
        if key == "authorization":
            text = value.decode() if isinstance(value, bytes) else str(value)
            return text[len(_SCHEME):].strip().encode() if text.lower().startswith(_SCHEME) else None
    return None


def valid(presented: bytes | None, tokens: tuple[bytes, ...]) -> bool:
    """Whether a presented token is one of `tokens`: every token is compared (constant time, no early exit)."""
    if not presented:
        return False
    matches = [hmac.compare_digest(presented, t) for t in tokens]
    return any(matches)


def _refusal(handler: grpc.RpcMethodHandler, message: str) -> grpc.RpcMethodHandler:
    """A handler of the same shape as `handler` that answers UNAUTHENTICATED."""
    def deny(_request: Any, context: grpc.ServicerContext) -> Any:
        context.abort(grpc.StatusCode.UNAUTHENTICATED, message)

    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(deny, handler.request_deserializer, handler.response_serializer)
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(deny, handler.request_deserializer, handler.response_serializer)
    if handler.stream_unary is not None:
        return grpc.stream_unary_rpc_method_handler(deny, handler.request_deserializer, handler.response_serializer)
    return grpc.stream_stream_rpc_method_handler(deny, handler.request_deserializer, handler.response_serializer)


class TokenAuthInterceptor(grpc.ServerInterceptor):
    """Answer UNAUTHENTICATED to calls without a valid bearer token, except to the exempt services."""

    def __init__(self, tokens: tuple[bytes, ...], exempt: Iterable[str] = ("health", "reflection")) -> None:
        self._tokens = tokens
        self._open = tuple(f"/{EXEMPTABLE[name]}/" for name in exempt)

    def intercept_service(self, continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler],
                          details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler:
        handler = continuation(details)
        if handler is None or details.method.startswith(self._open):
            return handler
        presented = _presented(details.invocation_metadata or ())
        if valid(presented, self._tokens):
            return handler
        reason = "missing bearer token" if presented is None else "invalid bearer token"
        return _refusal(handler, f"{reason}: send 'authorization: Bearer <token>'")


def server_credentials(cert: pathlib.Path, key: pathlib.Path, client_ca: pathlib.Path | None) -> grpc.ServerCredentials:
    """TLS with this certificate chain and key; mutual TLS (a client certificate required) with `client_ca`."""
    try:
        chain, private = cert.read_bytes(), key.read_bytes()
        ca = client_ca.read_bytes() if client_ca is not None else None
    except OSError as exc:
        raise SystemExit(f"cannot read TLS file {exc.filename}: {exc.strerror}") from exc
    return grpc.ssl_server_credentials([(private, chain)], root_certificates=ca, require_client_auth=ca is not None)
