"""Added latency of coreference per article: attribution with and without coreferee, vs the bare parse.

    python bench/coref_latency.py [DIR_OF_TXT]   (default ../shared/eval/polnear/dev)

Each article is parsed once; the two attribution passes then run on the same Doc, so the
difference is the coreference work alone. Prints medians and how many pronouns needed coreferee.
"""
from __future__ import annotations

import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    from quoteservice.extract import Extractor
    from quoteservice.extract.extractor import parse_text
    from quoteservice.nlp import load_pipeline

    folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/eval/polnear/dev"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    nlp = load_pipeline()
    with_coref, without = Extractor(nlp), Extractor(nlp, coreference=False)
    calls = 0
    original = with_coref.pronouns.antecedents

    def counted(doc, i):  # count coreferee runs
        nonlocal calls
        calls += 1
        return original(doc, i)

    with_coref.pronouns.antecedents = counted
    parse, added, changed = [], [], 0
    for text in texts:
        t0 = time.perf_counter()
        doc = nlp(parse_text(text))
        parse.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        a = without.from_doc(doc, text)
        t1 = time.perf_counter()
        b = with_coref.from_doc(doc, text)
        t2 = time.perf_counter()
        added.append(max(0.0, (t2 - t1) - (t1 - t0)))
        changed += sum(x.speaker != y.speaker for x, y in zip(a.quotes, b.quotes))
    print(f"{len(texts)} articles from {folder}")
    print(f"median bare parse         : {statistics.median(parse) * 1000:.1f} ms")
    print(f"median added by coref     : {statistics.median(added) * 1000:.1f} ms "
          f"({statistics.median(a / p for a, p in zip(added, parse)) * 100:.1f}% of the parse)")
    print(f"mean added by coref       : {statistics.mean(added) * 1000:.1f} ms")
    print(f"coreferee windows run     : {calls}; quotes whose speaker it changed: {changed}")


if __name__ == "__main__":
    main()
