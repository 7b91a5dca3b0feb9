"""How often each extraction rule fires on a set of articles, with one example per rule.

    python bench/rule_census.py seeds/                    # any directory of *.txt
    python bench/rule_census.py ../shared/eval/polnear/dev

The rule names are those of `quotes extract --explain` (docs/rules.md).
"""
from __future__ import annotations

import argparse
import collections
import pathlib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=pathlib.Path)
    a = ap.parse_args()
    from quoteservice.extract import Extractor
    from quoteservice.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(a.folder.glob("*.txt"))]
    counts: collections.Counter[str] = collections.Counter()
    example: dict[str, str] = {}
    for result in Extractor(load_pipeline()).pipe(texts, beliefs=True):
        for q in result.quotes:
            counts[q.rule] += 1
            example.setdefault(q.rule, q.span.text[:70].replace("\n", " "))
    print(f"{sum(counts.values())} records in {len(texts)} articles")
    for rule, n in counts.most_common():
        print(f"{n:6d}  {rule:60s}  {example[rule]}")


if __name__ == "__main__":
    main()
