"""Where extraction time goes, stage by stage, against the bare parse; and coreferee's share.

    python bench/stage_costs.py [DIR_OF_TXT ...]   (default ../shared/eval/polnear/dev)
    python bench/stage_costs.py --no-coreference

Each article is parsed once (timed), then extracted from that Doc with per-stage timings
(Extractor.from_doc(..., timings=)): cues (find_cues + boilerplate regions), records (quote marks,
assembly, layout labels) and speakers (the article's speaker model, every quote's speaker and
ids). Also counts coreferee region runs. Best of --repeat passes per stage.
"""
from __future__ import annotations

import argparse
import pathlib
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", default=[str(ROOT.parent / "shared" / "eval" / "polnear" / "dev")])
    ap.add_argument("--no-coreference", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="extraction passes; the best time of each stage is kept")
    a = ap.parse_args()

    from quoteservice.extract import Extractor
    from quoteservice.extract.parsing import parse_many
    from quoteservice.extract.pronouns import ArticleCoreference
    from quoteservice.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for d in a.dirs for p in sorted(pathlib.Path(d).glob("*.txt"))]
    nlp = load_pipeline()
    ex = Extractor(nlp, coreference=not a.no_coreference)
    ex.extract("Warm-up, he said.")
    t0 = time.perf_counter()
    docs = list(parse_many(nlp, texts))
    parse = time.perf_counter() - t0

    runs = 0
    original = ArticleCoreference._annotate

    def counted(self, start, end):  # type: ignore[no-untyped-def]
        nonlocal runs
        runs += 1
        return original(self, start, end)

    ArticleCoreference._annotate = counted  # type: ignore[method-assign]
    best: dict[str, float] = {}
    for _ in range(a.repeat):
        timings: dict[str, float] = {}
        for doc, text in zip(docs, texts):
            ex.from_doc(doc, text, timings=timings)
        best = {k: min(v, best.get(k, v)) for k, v in timings.items()}
    total = sum(best.values())
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} chars; coreference {'off' if a.no_coreference else 'on'}")
    print(f"{'stage':12s} {'seconds':>8s} {'% of parse':>11s}")
    print(f"{'parse':12s} {parse:8.2f} {100.0:10.1f}%")
    for stage, sec in best.items():
        print(f"{stage:12s} {sec:8.2f} {100 * sec / parse:10.1f}%")
    print(f"{'all rules':12s} {total:8.2f} {100 * total / parse:10.1f}%")
    print(f"coreferee region runs: {runs // a.repeat} per pass")


if __name__ == "__main__":
    main()
