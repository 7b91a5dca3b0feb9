"""`quotes web`: the review page and the HTTP/JSON API on the embedded engine, no gRPC server needed.

Registered on the `quotes` app by quoteservice.cli; the page and the API are quoteservice.http.
"""
from __future__ import annotations

import logging
import signal
import threading
from typing import Annotated

import typer

from quoteservice.api import Limits
from quoteservice.archive_cli import _archive
from quoteservice.cli import Exit, _fail, app, err


@app.command()
def web(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0 picks a free one).")] = 8080,
    db: Annotated[str | None, typer.Option(help=(
        "The quote archive to browse and index into (sqlite:///quotes.db, postgresql+psycopg://…); "
        "without it the page extracts pasted articles only."), envvar="QUOTES_DB")] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest article accepted (characters).")] = 200_000,
    max_seconds_per_doc: Annotated[float, typer.Option(
        min=0.001, help="Stop a document's extraction after this many seconds (HTTP 504).")] = 60.0,
    log_level: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = "WARNING",
) -> None:
    """Serve the review page (/) and the HTTP/JSON API (/v1/…, /openapi.json) in this process until Ctrl-C."""
    from quoteservice.embedded import load_engine
    from quoteservice.http.embedded import EmbeddedBackend
    from quoteservice.http.server import HttpServer, application

    level = getattr(logging, log_level.upper(), None)
    if not isinstance(level, int):
        raise _fail(Exit.BAD_INPUT, f"unknown log level {log_level!r}")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    archive = _archive(db) if db else None
    engine = load_engine(Limits(max_chars=max_chars, max_seconds_per_doc=max_seconds_per_doc))
    try:
        server = HttpServer(host, port, application(EmbeddedBackend(engine, archive)))
    except SystemExit as exc:
        raise _fail(Exit.BAD_INPUT, str(exc)) from None
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    server.start()
    err.print(f"review page on http://{host}:{server.port}/" + (f" (archive {db})" if db else ""), highlight=False,
              soft_wrap=True)
    done.wait()
    server.stop()
