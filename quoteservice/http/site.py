"""The review page and its static files, and /openapi.json: what the HTTP server answers besides the RPC routes.

Everything is read from the package (quoteservice/http/static) once, when the app is made: no external
assets, no CDN. The page calls the same HTTP/JSON API as any other client.
"""
from __future__ import annotations

import json
import pathlib
from typing import Any

from quoteservice.http.gateway import StartResponse

STATIC = pathlib.Path(__file__).resolve().parent / "static"
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml"}
_HEADERS = [("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-cache"),
            ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")]


def _files(openapi: dict[str, Any]) -> dict[str, tuple[str, bytes]]:
    """URL path -> (content type, bytes) of every file the site serves."""
    files = {f"/static/{p.name}": (_TYPES.get(p.suffix, "application/octet-stream"), p.read_bytes())
             for p in sorted(STATIC.iterdir()) if p.is_file()}
    files["/"] = files["/static/index.html"]
    files["/openapi.json"] = (_TYPES[".json"], json.dumps(openapi, indent=2).encode("utf-8"))
    return files


def site(openapi: dict[str, Any]):  # type: ignore[no-untyped-def]  # -> a WSGI app
    """A WSGI app for `/` (the review page), `/static/…` and `/openapi.json`; JSON errors like the gateway's."""
    files = _files(openapi)

    def app(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path, verb = environ.get("PATH_INFO") or "/", environ["REQUEST_METHOD"]
        found = files.get(path)
        if found is None or verb not in ("GET", "HEAD"):
            status, code = ("404 Not Found", 5) if found is None else ("405 Method Not Allowed", 12)
            body = json.dumps({"code": code, "message": f"no route {verb} {path}", "details": []}).encode("utf-8")
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        ctype, data = found
        start_response("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(data))), *_HEADERS])
        return [] if verb == "HEAD" else [data]
    return app
