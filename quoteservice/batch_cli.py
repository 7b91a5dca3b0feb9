"""`quotes batch`: extract an archive of articles into JSON Lines or Parquet, resumably, on a local process pool
or on Ray Data. Registered on the `quotes` app by quoteservice.cli; the engines are quoteservice.batch."""
from __future__ import annotations

import enum
import pathlib
import time
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from quoteservice.api import Limits
from quoteservice.cli import Exit, _fail, app, err
from quoteservice.cpus import available_cpus


class Engine(str, enum.Enum):
    local = "local"
    ray = "ray"


class OutFormat(str, enum.Enum):
    jsonl = "jsonl"
    parquet = "parquet"


def _format(out: pathlib.Path, given: OutFormat | None) -> str:
    if given is not None:
        return given.value
    return "parquet" if out.suffix == ".parquet" else "jsonl"


def _needs(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise _fail(Exit.BAD_INPUT, f"this needs {module}: pip install 'quoteservice[{extra}]'")


@app.command()
def batch(
    source: Annotated[pathlib.Path, typer.Argument(exists=True, metavar="INPUT", help=(
        "A directory of .txt files (id = file name), a .jsonl file (id, text, optional url, title, outlet, "
        "published_at) or Parquet with those columns (a file or a directory of them)."))],
    output: Annotated[pathlib.Path, typer.Option("--output", "-o", help=(
        "Where the records go: a .jsonl file, or a directory of Parquet parts (local); a directory of files "
        "(ray). Documents already there are skipped, so a rerun resumes."))],
    engine: Annotated[Engine, typer.Option(help="local: a process pool here; ray: Ray Data (quoteservice[ray]).")
                      ] = Engine.local,
    fmt: Annotated[OutFormat | None, typer.Option("--format", help="Default: parquet if OUT ends in .parquet.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Pipelines at once (processes, or Ray actors).")
                       ] = available_cpus(),
    address: Annotated[str | None, typer.Option(help="Ray: join this cluster (else a local one is started).")] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longer articles get an error record.")] = 200_000,
    max_seconds_per_doc: Annotated[float | None, typer.Option(
        min=0.001, help="A document's extraction stops after this long (an error record).")] = None,
    progress: Annotated[bool, typer.Option(help="Progress on stderr (terminals only).")] = True,
) -> None:
    """Extract every document of INPUT into OUT: the records of `quotes extract --format jsonl`, one per document;
    a bad document is an error record (doc_id, error.code, error.message), never a failed job."""
    fmt_name = _format(output, fmt)
    if fmt_name == "parquet" or source.suffix == ".parquet" or source.is_dir() and any(source.glob("*.parquet")):
        _needs("pyarrow", "parquet")
    limits = Limits(max_chars=max_chars, max_seconds_per_doc=max_seconds_per_doc)
    started = time.monotonic()
    if engine is Engine.ray:
        _run_ray(source, output, fmt_name, limits, workers, address, progress)
    else:
        _run_local(source, output, fmt_name, limits, workers, progress)
    err.print(f"{time.monotonic() - started:.1f} s", highlight=False)


def _run_local(source: pathlib.Path, output: pathlib.Path, fmt: str, limits: Limits, workers: int,
               progress: bool) -> None:
    from quoteservice.batch.local import run_local
    from quoteservice.batch.records import read_inputs
    from quoteservice.batch.sinks import open_sink

    if fmt == "jsonl" and output.is_dir():
        raise _fail(Exit.BAD_INPUT, f"{output} is a directory: local JSON Lines output is one file")
    with Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(), console=err,
                  transient=True, disable=not (progress and err.is_terminal)) as bar:
        task = bar.add_task("batch", total=None)
        counts = run_local(read_inputs(source), open_sink(output, fmt), limits, workers,
                           progress=lambda n: bar.advance(task, n))
    codes = ", ".join(f"{n} {code}" for code, n in counts.by_code.most_common())
    err.print(f"{counts.ok + counts.failed} written to {output} ({counts.ok} ok, {counts.failed} errors"
              f"{': ' + codes if codes else ''}), {counts.skipped} already there; {counts.words:,} words",
              highlight=False, soft_wrap=True)


def _run_ray(source: pathlib.Path, output: pathlib.Path, fmt: str, limits: Limits, workers: int,
             address: str | None, progress: bool) -> None:
    _needs("ray", "ray")
    from quoteservice.batch.ray_engine import run_ray
    from quoteservice.batch.sinks import done_in

    if output.exists() and not output.is_dir():
        raise _fail(Exit.BAD_INPUT, f"{output} is a file: Ray writes a directory of files")
    done = done_in(output, fmt)
    run_ray(source, output, fmt, limits, workers, address=address, done=done, progress=progress and err.is_terminal)
    total = len(done_in(output, fmt))
    err.print(f"{total - len(done)} written to {output}/, {len(done)} already there", highlight=False)
