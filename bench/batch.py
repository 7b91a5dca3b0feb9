"""`quotes batch` throughput: docs/s and words/s of the local and Ray engines with 1 and 2 workers on PolNeAR dev
repeated to ~2,000 documents, the peak RSS of everything the run started, and the scaling ratio 2 vs 1 worker.

Each run is the real command in a subprocess (`quotes batch in.jsonl -o … --engine E --workers N`), timed whole
(pipeline loading and Ray's start included) and, to separate that fixed cost, also on 16 documents.
PolNeAR is research data read from ../shared and never stored in the repo.
Usage: python bench/batch.py [--docs 2000] [--engines local,ray] [--workers 1,2]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev"


def _input(path: pathlib.Path, n: int) -> int:
    """A JSONL of `n` documents cycling over PolNeAR dev; their word count."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.txt"))]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            stem, text = texts[i % len(texts)]
            out.write(json.dumps({"id": f"{stem}#{i}", "text": text}) + "\n")
            words += len(text.split())
    return words


def _rss_kb(pid: int) -> int:
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    """RSS of `root`, its descendants, and Ray's processes (its actors are children of the raylet, not of us)."""
    parent: dict[int, int] = {}
    ray: set[int] = set()
    for d in pathlib.Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if b"ray" in (d / "cmdline").read_bytes():
                ray.add(int(d.name))
        except OSError:
            continue
    mine = {root}
    changed = True
    while changed:
        changed = False
        for pid, pp in parent.items():
            if pp in mine and pid not in mine:
                mine.add(pid)
                changed = True
    return sum(_rss_kb(p) for p in mine | ray)


def run(source: pathlib.Path, engine: str, workers: int, work: pathlib.Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of one `quotes batch` run."""
    out = work / f"out-{engine}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    target = out if engine == "ray" else out.with_suffix(".jsonl")
    if target.is_file():
        target.unlink()
    cmd = [str(pathlib.Path(sys.executable).parent / "quotes"), "batch", str(source), "-o", str(target),
           "--engine", engine, "--workers", str(workers), "--no-progress"]
    peak = [0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.5)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return seconds, peak[0] / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    with tempfile.TemporaryDirectory(prefix="qs-batch-") as tmp:
        work = pathlib.Path(tmp)
        words = _input(work / "in.jsonl", args.docs)
        _input(work / "small.jsonl", 16)
        print(f"{args.docs} documents, {words:,} words (PolNeAR dev cycled); {os.cpu_count()} CPUs")
        print(f"{'engine':6} {'workers':>7} {'seconds':>8} {'fixed s':>8} {'docs/s':>7} {'words/s':>8} "
              f"{'steady docs/s':>13} {'peak RSS MB':>11}")
        rates: dict[tuple[str, int], float] = {}
        for engine in args.engines.split(","):
            for n in (int(w) for w in args.workers.split(",")):
                fixed, _ = run(work / "small.jsonl", engine, n, work)
                seconds, rss = run(work / "in.jsonl", engine, n, work)
                steady = (args.docs - 16) / max(seconds - fixed, 1e-9)
                rates[(engine, n)] = args.docs / seconds
                print(f"{engine:6} {n:>7} {seconds:>8.1f} {fixed:>8.1f} {args.docs / seconds:>7.1f} "
                      f"{words / seconds:>8.0f} {steady:>13.1f} {rss:>11.0f}", flush=True)
        for engine in args.engines.split(","):
            if (engine, 1) in rates and (engine, 2) in rates:
                print(f"{engine}: 2 workers / 1 worker = {rates[(engine, 2)] / rates[(engine, 1)]:.2f}x")


if __name__ == "__main__":
    main()
