"""HTTP/JSON for the gRPC API, from the proto's google.api.http annotations (routes, gateway, OpenAPI)."""
