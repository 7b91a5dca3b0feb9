"""Measure how often each confidence bucket (type:method) is right, to set data/confidence.json.

A record counts as right when its span meets a gold quote the way ../shared/eval/score.py counts a
true positive (overlap of at least half of either side) and, where the gold names a mention, its
speaker mention overlaps that mention. Prints each bucket's count, measured rate and current value.
    python bench/calibrate.py polnear-dev            # or polnear-train, seeds
    python bench/calibrate.py polnear-train --write  # rewrite 'base' from buckets with >= 30 records
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from eval_quotes import SETS, load_texts, predict  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parent.parent / "quoteservice" / "data" / "confidence.json"
MIN_RECORDS = 30


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _bucket(q: dict) -> str:
    qtype = q.get("type", "").removeprefix("QUOTE_TYPE_").lower()
    method = q.get("method", "").removeprefix("ATTRIBUTION_METHOD_").lower()
    return f"{qtype}:{method}"


def _right(q: dict, gold: list[dict]) -> bool:
    span = (q.get("start", 0), q.get("end", 0))
    hits = [g for g in gold if _overlap(span, (g["start"], g["end"])) >= 0.5 * min(span[1] - span[0], g["end"] - g["start"])]
    if not hits:
        return False
    mention = q.get("speaker_mention")
    for g in hits:
        gm = g.get("mention")
        if gm is None or (mention and _overlap((mention.get("start", 0), mention.get("end", 0)), (gm["start"], gm["end"]))):
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("--write", action="store_true", help="rewrite the base table of confidence.json")
    a = ap.parse_args()
    gold_path, texts_dir, _ = SETS[a.set][0]
    gold = {d["doc_id"]: d["quotes"] for d in map(json.loads, gold_path.open())}
    preds, _, _ = predict(load_texts(gold_path, texts_dir))
    seen: collections.Counter[str] = collections.Counter()
    right: collections.Counter[str] = collections.Counter()
    for doc in preds:
        for q in doc["quotes"]:
            b = _bucket(q)
            seen[b] += 1
            right[b] += _right(q, gold.get(doc["doc_id"], []))
    table = json.loads(DATA.read_text(encoding="utf-8"))
    base = table["base"]
    print(f"{'bucket':28s}{'records':>9s}{'right':>9s}{'current':>9s}")
    for b, n in seen.most_common():
        print(f"{b:28s}{n:9d}{right[b] / n:9.3f}{base.get(b, base['default']):9.2f}")
        if a.write and n >= MIN_RECORDS:
            base[b] = round(right[b] / n, 2)
    if a.write:
        DATA.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
