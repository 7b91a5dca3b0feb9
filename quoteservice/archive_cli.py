"""`quotes index`, `quotes search`, `quotes clusters`: the quote archive from the command line.

Registered on the `quotes` app by quoteservice.cli; the archive itself is quoteservice.archive.
"""
from __future__ import annotations

import pathlib
import sys
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quoteservice.api import Limits
from quoteservice.cli import Exit, Format, _fail, app, err
from quoteservice.cpus import available_cpus
from quoteservice.v1 import quote_service_pb2 as pb

_DB = typer.Option(help="Archive database URL: sqlite:///quotes.db (default) or postgresql+psycopg://…",
                   envvar="QUOTES_DB")


def _archive(db: str):  # type: ignore[no-untyped-def]  # -> Archive, imported late: the CLI starts fast
    from sqlalchemy.exc import ArgumentError, OperationalError

    from quoteservice.archive.store import Archive

    try:
        return Archive(db)
    except (ArgumentError, OperationalError) as exc:
        raise _fail(Exit.BAD_INPUT, f"cannot open the archive {db}: {str(exc).splitlines()[0]}") from None


def _answer(ask, archive, request):  # type: ignore[no-untyped-def]
    """An archive query's response, or a one-line error (exit 2) for a request it rejects."""
    from quoteservice.archive.api import ArchiveError

    try:
        return ask(archive, request)
    except ArchiveError as exc:
        raise _fail(Exit.BAD_INPUT, exc.message) from None


@app.command()
def index(
    paths: Annotated[list[pathlib.Path], typer.Argument(exists=True, help=(
        "Article files (UTF-8 text; id = file name), directories of *.txt, or .jsonl files with "
        "id, text and optional url, title, outlet, published_at."))],
    db: Annotated[str, _DB] = "sqlite:///quotes.db",
    outlet: Annotated[str, typer.Option(help="Outlet of the text files (JSONL records carry their own).")] = "",
    published_at: Annotated[str, typer.Option(help="ISO 8601 publication date of the text files.")] = "",
    jobs: Annotated[int | None, typer.Option(min=1, help="Extraction processes. Default: the CPUs available.")] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest article accepted (characters).")] = 200_000,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr (terminals only).")] = True,
) -> None:
    """Extract and index articles' quotes into the archive (the same document twice changes nothing)."""
    from quoteservice.archive.inputs import BadInput, _published, read_documents
    from quoteservice.embedded import WorkerCrashed, extract_local

    try:
        published_at = _published(published_at)
    except ValueError as exc:
        raise _fail(Exit.BAD_INPUT, str(exc)) from None
    archive = _archive(db)
    read = list(read_documents(paths, outlet=outlet, published_at=published_at))
    bad = [r for r in read if isinstance(r, BadInput)]
    docs = [r for r in read if not isinstance(r, BadInput)]
    todo = [d for d in docs if not archive.known(d)]
    counts = {"added": 0, "replaced": 0, "unchanged": len(docs) - len(todo), "failed": len(bad)}
    for b in bad:
        err.print(f"[red]error:[/red] {b.where}: {b.reason}", highlight=False, soft_wrap=True)
    show = progress and len(todo) > 1 and err.is_terminal
    requests = [pb.Document(id=d.id, text=d.text) for d in todo]
    with Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True, disable=not show) as bar:
        task = bar.add_task("docs", total=len(todo))
        try:
            outcomes = extract_local(requests, pb.ExtractionOptions(), Limits(max_chars=max_chars),
                                     jobs or available_cpus())
            for doc, outcome in zip(todo, outcomes):
                if outcome.error is not None:
                    counts["failed"] += 1
                    err.print(f"[red]error:[/red] {doc.id}: {outcome.error.message}", highlight=False, soft_wrap=True)
                else:
                    assert outcome.response is not None
                    counts[archive.index(doc, outcome.response).status] += 1
                bar.advance(task)
        except WorkerCrashed as exc:
            raise _fail(Exit.INTERNAL, f"{exc}; documents reported before this are indexed") from None
    err.print(", ".join(f"{n} {k}" for k, n in counts.items()), highlight=False)
    if counts["failed"]:
        raise typer.Exit(int(Exit.BAD_INPUT))


@app.command()
def search(
    db: Annotated[str, _DB] = "sqlite:///quotes.db",
    speaker: Annotated[str | None, typer.Option(help="Speaker id or name in any spelling (Peskov, Песков).")] = None,
    text: Annotated[str | None, typer.Option(help="Full-text query over the quotes' words.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only quotes published by this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this ISO date.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many quotes.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Find archived quotes by speaker, words, outlet and date."""
    from quoteservice.archive import api
    from quoteservice.archive.render import write_quotes
    from quoteservice.v1 import archive_pb2 as apb

    request = apb.SearchQuotesRequest(speaker=speaker or "", text=text or "", outlet=outlet or "", since=since or "",
                                      until=until or "", page_size=limit)
    write_quotes(fmt.value, _answer(api.search, _archive(db), request), sys.stdout, _stdout())


@app.command()
def clusters(
    db: Annotated[str, _DB] = "sqlite:///quotes.db",
    speaker: Annotated[str | None, typer.Option(help="Speaker id or name in any spelling.")] = None,
    altered_only: Annotated[bool, typer.Option(help="Only clusters whose direct versions differ in wording.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many clusters.")] = 100,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """The same utterance across documents: canonical text, every version, who relayed it, what changed."""
    from quoteservice.archive import api
    from quoteservice.archive.render import write_clusters
    from quoteservice.v1 import archive_pb2 as apb

    request = apb.ListClustersRequest(speaker=speaker or "", altered_only=altered_only, page_size=limit)
    write_clusters(fmt.value, _answer(api.list_clusters, _archive(db), request), sys.stdout, _stdout())


def _stdout():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console()

