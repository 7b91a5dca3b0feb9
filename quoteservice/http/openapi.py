"""An OpenAPI 3.1 document of the HTTP/JSON API, made from the same descriptors and annotations as the routes."""
from __future__ import annotations

from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from quoteservice.http.routes import Route

_SCALARS = {
    FieldDescriptor.CPPTYPE_BOOL: {"type": "boolean"},
    FieldDescriptor.CPPTYPE_INT32: {"type": "integer", "format": "int32"},
    FieldDescriptor.CPPTYPE_UINT32: {"type": "integer", "format": "int64"},
    FieldDescriptor.CPPTYPE_INT64: {"type": "string", "format": "int64"},  # proto3 JSON: 64-bit ints are strings
    FieldDescriptor.CPPTYPE_UINT64: {"type": "string", "format": "uint64"},
    FieldDescriptor.CPPTYPE_FLOAT: {"type": "number", "format": "float"},
    FieldDescriptor.CPPTYPE_DOUBLE: {"type": "number", "format": "double"},
    FieldDescriptor.CPPTYPE_STRING: {"type": "string"},
}
_WELL_KNOWN = {"google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
               "google.protobuf.Any": {"type": "object"}}


def _field_schema(field: FieldDescriptor, schemas: dict[str, Any]) -> dict[str, Any]:
    if field.message_type is not None:
        name = field.message_type.full_name
        one: dict[str, Any] = _WELL_KNOWN.get(name) or _ref(field.message_type, schemas)
    elif field.enum_type is not None:
        one = {"type": "string", "enum": [v.name for v in field.enum_type.values]}
    elif field.type == FieldDescriptor.TYPE_BYTES:
        one = {"type": "string", "format": "byte"}
    else:
        one = dict(_SCALARS[field.cpp_type])
    return {"type": "array", "items": one} if field.is_repeated else one


def _ref(message: Descriptor, schemas: dict[str, Any]) -> dict[str, Any]:
    """A $ref to the message's schema, adding it (and the messages it holds) to `schemas`."""
    name = message.full_name
    if name not in schemas:
        schemas[name] = {}  # placeholder: recursive messages refer to themselves
        schemas[name] = {"type": "object", "properties": {
            f.name: _field_schema(f, schemas) for f in message.fields}}
    return {"$ref": f"#/components/schemas/{name}"}


def _operation(route: Route, schemas: dict[str, Any]) -> dict[str, Any]:
    m = route.method
    op: dict[str, Any] = {"operationId": f"{m.containing_service.name}.{m.name}", "tags": [m.containing_service.name],
                          "responses": {
                              "200": {"description": "OK", "content": {"application/json": {
                                  "schema": _ref(m.output_type, schemas)}}},
                              "default": {"description": "An error: google.rpc.Status as JSON", "content": {
                                  "application/json": {"schema": {"$ref": "#/components/schemas/google.rpc.Status"}}}},
                          }}
    fields = m.input_type.fields_by_name
    params = [{"name": v, "in": "path", "required": True, "schema": _field_schema(fields[v], schemas)}
              for v in route.variables]
    if not route.body:
        params += [{"name": f.name, "in": "query", "schema": _field_schema(f, schemas)}
                   for f in m.input_type.fields if f.name not in route.variables and f.message_type is None]
    else:
        media = "application/jsonl" if m.client_streaming else "application/json"
        op["requestBody"] = {"required": True, "content": {media: {"schema": _ref(m.input_type, schemas)}},
                             "description": "One request message per line." if m.client_streaming else ""}
    if params:
        op["parameters"] = params
    return op


def document(table: list[Route], title: str = "quoteservice", version: str = "1") -> dict[str, Any]:
    """The OpenAPI document of `table`'s routes."""
    schemas: dict[str, Any] = {"google.rpc.Status": {"type": "object", "properties": {
        "code": {"type": "integer"}, "message": {"type": "string"},
        "details": {"type": "array", "items": {"type": "object"}}}}}
    paths: dict[str, Any] = {}
    for r in table:
        paths.setdefault(r.template, {})[r.verb.lower()] = _operation(r, schemas)
    return {"openapi": "3.1.0", "info": {"title": title, "version": version}, "paths": paths,
            "components": {"schemas": dict(sorted(schemas.items()))}}
