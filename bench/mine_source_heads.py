"""Mine candidate heads for described speakers of unquoted noun-object reports from PolNeAR train gold.

An unquoted noun-object report ("cited derogatory comments") is kept for a described speaker only when the
description's head is a source: a person, a group, an institution or a document ("A group of doctors called
for his dismissal", "the poll asked …"), not "the world condemned the attack". The kept heads are the
hand-reviewed list `object_report_heads` in quoteservice/data/rule_words.json; this script counts the head
lemma of every gold speaker mention that is a common noun and prints those seen --min-count times, marking
the ones the list lacks (review them, add the sources). Counts only, no text of the research data is kept.
Usage: python bench/mine_source_heads.py [--gold ../shared/eval/polnear/train.gold.jsonl] [--min-count 3]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib

from quoteservice.extract.wordlists import words
from quoteservice.nlp import load_pipeline


def head_lemmas(gold: pathlib.Path) -> collections.Counter[str]:
    """Count the root lemma of each gold mention whose root is a common noun."""
    mentions: collections.Counter[str] = collections.Counter()
    for line in gold.open():
        for q in json.loads(line)["quotes"]:
            text = (q.get("mention") or {}).get("text")
            if text:
                mentions[text] += 1
    lemmas: collections.Counter[str] = collections.Counter()
    nlp = load_pipeline()
    for doc, n in zip(nlp.pipe(list(mentions)), mentions.values()):
        root = next((s.root for s in doc.sents), None)
        if root is not None and root.pos_ == "NOUN" and root.is_alpha:
            lemmas[root.lemma_.lower()] += n
    return lemmas


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=pathlib.Path, default=pathlib.Path("../shared/eval/polnear/train.gold.jsonl"))
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    known = words("object_report_heads")
    for lemma, n in head_lemmas(args.gold).most_common():
        if n >= args.min_count:
            print(f"{n:5d}  {lemma}{'' if lemma in known else '   (not in the list)'}")


if __name__ == "__main__":
    main()
