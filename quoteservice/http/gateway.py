"""HTTP/JSON in front of the gRPC services (WSGI): a request becomes the annotated RPC's request message, the
call goes to a backend (the gRPC server, or the embedded engine for `quotes web`), the response comes back as
the JSON the CLI prints.

Like grpc-gateway: path variables and query parameters fill the request's fields (GET), a JSON body is the
request (`body: "*"`), and a client-streaming method takes JSON Lines, one request per line. Errors are
google.rpc.Status as JSON with the HTTP status of their gRPC code. `Authorization` is passed on as metadata.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl

import grpc
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.rpc import code_pb2, status_pb2

from quoteservice.archive.api import to_json
from quoteservice.http.routes import Route, match, routes
from quoteservice.output import DocumentOutcome, to_dict
from quoteservice.v1 import archive_pb2 as apb
from quoteservice.v1 import quote_service_pb2 as pb

log = logging.getLogger("quoteservice.http")
SERVICES = (pb.DESCRIPTOR.services_by_name["QuoteService"], apb.DESCRIPTOR.services_by_name["QuoteArchiveService"])
MAX_BODY = 8 * 1024 * 1024
HTTP_STATUS = {
    code_pb2.OK: "200 OK", code_pb2.INVALID_ARGUMENT: "400 Bad Request", code_pb2.OUT_OF_RANGE: "400 Bad Request",
    code_pb2.FAILED_PRECONDITION: "400 Bad Request", code_pb2.UNAUTHENTICATED: "401 Unauthorized",
    code_pb2.PERMISSION_DENIED: "403 Forbidden", code_pb2.NOT_FOUND: "404 Not Found",
    code_pb2.ALREADY_EXISTS: "409 Conflict", code_pb2.ABORTED: "409 Conflict",
    code_pb2.RESOURCE_EXHAUSTED: "429 Too Many Requests", code_pb2.CANCELLED: "499 Client Closed Request",
    code_pb2.UNIMPLEMENTED: "501 Not Implemented", code_pb2.UNAVAILABLE: "503 Service Unavailable",
    code_pb2.DEADLINE_EXCEEDED: "504 Gateway Timeout",
}
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class BadRequest(Exception):
    """The HTTP request does not make a request message."""


def _status_json(code: int, message: str, details: Iterable[Any] = ()) -> dict[str, Any]:
    st = status_pb2.Status(code=code, message=message, details=list(details))
    return json_format.MessageToDict(st, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


def _scalar(field: FieldDescriptor, value: str) -> Any:
    """A query-string value as its field's JSON value (numbers and booleans from text)."""
    if field.type == FieldDescriptor.TYPE_BOOL:
        if value.lower() not in ("true", "false", "1", "0"):
            raise BadRequest(f"{field.name}: {value!r} is not a boolean")
        return value.lower() in ("true", "1")
    if field.cpp_type in (FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_UINT32):
        try:
            return int(value)
        except ValueError:
            raise BadRequest(f"{field.name}: {value!r} is not an integer") from None
    return value


def _from_params(route: Route, params: list[tuple[str, str]]) -> Any:
    """A request message from path variables and query parameters (unknown names are refused)."""
    fields = route.request_class.DESCRIPTOR.fields_by_name
    data: dict[str, Any] = {}
    for name, value in params:
        field = fields.get(name)
        if field is None or field.message_type is not None:
            raise BadRequest(f"unknown query parameter {name!r}")
        v = _scalar(field, value)
        data[name] = [*data.get(name, []), v] if field.is_repeated else v
    try:
        return json_format.ParseDict(data, route.request_class())
    except json_format.ParseError as exc:
        raise BadRequest(str(exc)) from None


def _parse(route: Route, raw: bytes) -> Any:
    try:
        return json_format.Parse(raw.decode("utf-8") or "{}", route.request_class())
    except (json_format.ParseError, UnicodeDecodeError) as exc:
        raise BadRequest(f"body: {exc}") from None


def _requests(route: Route, environ: dict[str, Any], variables: dict[str, str]) -> Any:
    """The request message (or, for a client stream, the list of them) of an HTTP request."""
    if not route.body:
        return _from_params(route, [*variables.items(), *parse_qsl(environ.get("QUERY_STRING", ""))])
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        raise BadRequest(f"body over {MAX_BODY} bytes")
    raw = environ["wsgi.input"].read(length) if length else b""
    if route.method.client_streaming:
        return [_parse(route, line) for line in raw.splitlines() if line.strip()]
    return _parse(route, raw)


def _body(response: Any) -> dict[str, Any]:
    """The JSON the CLI prints for the same answer."""
    if isinstance(response, pb.ExtractQuotesResponse):
        out = to_dict(DocumentOutcome(response.document_id, response=response))
        out["document_id"] = out.pop("doc_id")
        return out
    return to_json(response)


class Failed(Exception):
    """A call that ended with a non-OK google.rpc.Status (its details included)."""

    def __init__(self, status: status_pb2.Status) -> None:
        super().__init__(status.message)
        self.status = status


Backend = Callable[[Route, Any, list[tuple[str, str]]], Any]
"""Answers one call: (route, request message or list of them for a client stream, metadata) -> response
message; raises Failed."""


class GrpcBackend:
    """Calls go to the gRPC server behind `channel` (the workers of `quotes serve`)."""

    def __init__(self, channel: grpc.Channel, timeout: float = 120.0) -> None:
        self.timeout = timeout
        self._calls = {r.grpc_path: (channel.stream_unary if r.method.client_streaming else channel.unary_unary)(
            r.grpc_path, request_serializer=r.request_class.SerializeToString,
            response_deserializer=r.response_class.FromString) for r in routes(SERVICES)}

    def __call__(self, route: Route, request: Any, metadata: list[tuple[str, str]]) -> Any:
        try:
            return self._calls[route.grpc_path](iter(request) if route.method.client_streaming else request,
                                                timeout=self.timeout, metadata=metadata)
        except grpc.RpcError as err:
            raise Failed(self._status(err)) from None

    @staticmethod
    def _status(err: grpc.RpcError) -> status_pb2.Status:
        trailers = dict(err.trailing_metadata() or ())  # type: ignore[attr-defined]
        if "grpc-status-details-bin" in trailers:
            return status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
        return status_pb2.Status(code=err.code().value[0], message=err.details() or "")  # type: ignore[attr-defined]


class Gateway:
    """The WSGI application: HTTP/JSON for every annotated RPC of SERVICES, answered by `backend`."""

    def __init__(self, backend: Backend, extra: Callable[..., Any] | None = None) -> None:
        self.table = routes(SERVICES)
        self.backend = backend
        self.extra = extra  # a WSGI app for the paths no RPC has (the review page, /openapi.json)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterator[bytes]:
        verb, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        route, variables, other_verb = match(self.table, verb, path)
        if route is None:
            if self.extra is not None and not other_verb:
                return iter(self.extra(environ, start_response))
            status = "405 Method Not Allowed" if other_verb else "404 Not Found"
            return self._json(start_response, status, _status_json(
                code_pb2.UNIMPLEMENTED if other_verb else code_pb2.NOT_FOUND, f"no route {verb} {path}"))
        try:
            request = _requests(route, environ, variables)
        except BadRequest as exc:
            return self._json(start_response, "400 Bad Request", _status_json(code_pb2.INVALID_ARGUMENT, str(exc)))
        metadata = [("authorization", environ["HTTP_AUTHORIZATION"])] if environ.get("HTTP_AUTHORIZATION") else []
        try:
            response = self.backend(route, request, metadata)
        except Failed as exc:
            body = json_format.MessageToDict(exc.status, preserving_proto_field_name=True,
                                             always_print_fields_with_no_presence=True)
            return self._json(start_response, HTTP_STATUS.get(exc.status.code, "500 Internal Server Error"), body)
        return self._json(start_response, "200 OK", _body(response))

    @staticmethod
    def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> Iterator[bytes]:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data)))])
        return iter([data])
