"""HTTP routes read from the proto's `google.api.http` annotations: the proto is the one source of truth.

Each annotated method becomes a Route (verb, path template, body rule, message classes); `match` finds the
route of a request and the values of its path variables ("/v1/clusters/{id}" -> {"id": "7"}).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from google.api import annotations_pb2
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor

_VAR = re.compile(r"\{([a-z_][a-z0-9_]*)(?:=(\*\*?))?\}")  # {id}, {id=*}: one segment; {id=**}: the rest
VERBS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    """One HTTP binding of an RPC."""

    verb: str  # "GET", "POST", …
    template: str  # "/v1/clusters/{id}" (OpenAPI's form: "{id=**}" is written "{id}")
    pattern: re.Pattern[str]
    variables: tuple[str, ...]
    body: str  # "*": the request message is the JSON body; "": fields from the path and the query
    method: MethodDescriptor
    request_class: Any
    response_class: Any

    @property
    def grpc_path(self) -> str:
        return f"/{self.method.containing_service.full_name}/{self.method.name}"


def _route(method: MethodDescriptor) -> Route | None:
    rule = method.GetOptions().Extensions[annotations_pb2.http]
    verb = rule.WhichOneof("pattern")
    if verb not in VERBS:
        return None
    template = getattr(rule, verb)
    regex, names = "", []
    for part in re.split(r"(\{[^}]*\})", template):
        var = _VAR.fullmatch(part)
        if var:
            names.append(var.group(1))
            regex += f"(?P<{var.group(1)}>{'.+' if var.group(2) == '**' else '[^/]+'})"
        elif part:
            regex += re.escape(part)
    return Route(verb.upper(), _VAR.sub(r"{\1}", template), re.compile(f"^{regex}$"), tuple(names), rule.body, method,
                 message_factory.GetMessageClass(method.input_type), message_factory.GetMessageClass(method.output_type))


def routes(services: Iterable[ServiceDescriptor]) -> list[Route]:
    """The routes of every annotated method of `services`, in declaration order."""
    return [r for s in services for m in s.methods if (r := _route(m)) is not None]


def match(table: list[Route], verb: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
    """(route, path variables, whether some route has this path under another verb)."""
    other = False
    for r in table:
        m = r.pattern.match(path)
        if m is None:
            continue
        if r.verb == verb:
            return r, m.groupdict(), False
        other = True
    return None, {}, other
