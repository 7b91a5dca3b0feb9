"""Measure name normalisation on a variants file: pairwise recall, uncertain spellings, false merges.

Usage: python bench/names_eval.py [VARIANTS.json] [--seeds-gold G.jsonl --seeds-entities E.json]
Default variants file: ../shared/eval/name_variants.dev.json relative to the repo root. Prints
pairwise recall over high-confidence spellings (and with the group's Cyrillic spellings added),
how each uncertain spelling fared, hard-negative merges and merges across groups. With the seed
files it also runs each seed article's named gold mentions through ArticleSpeakers as a separate
request and counts people split over several ids and ids shared by several people.
"""
from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteservice.names import ArticleSpeakers, display_name, same_person, speaker_id  # noqa: E402
from quoteservice.names.translit import has_cyrillic  # noqa: E402


def pairwise_recall(groups: list[list[str]]) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """(merged pairs, all pairs, split pairs with their ids) within each group of spellings."""
    hit = total = 0
    misses = []
    for names in groups:
        for a, b in itertools.combinations(names, 2):
            total += 1
            ia, ib = speaker_id(a), speaker_id(b)
            if ia == ib:
                hit += 1
            else:
                misses.append((a, ia, b, ib))
    return hit, total, misses


def majority_id(names: list[str]) -> str:
    return collections.Counter(speaker_id(n) for n in names).most_common(1)[0][0]


def evaluate_variants(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    groups = data["groups"]
    high = [[v["name"] for v in g["variants"] if v["confidence"] == "high"] for g in groups]
    with_cyr = [h + list(g.get("cyrillic", [])) for h, g in zip(high, groups)]

    hit, total, misses = pairwise_recall(high)
    print(f"groups                         {len(groups)}")
    print(f"pairwise recall (high)         {hit}/{total} = {hit / max(1, total):.4f}")
    for a, ia, b, ib in misses:
        print(f"  split: {a} [{ia}]  vs  {b} [{ib}]")
    hit_c, total_c, misses_c = pairwise_recall(with_cyr)
    print(f"pairwise recall (high+Cyrillic) {hit_c}/{total_c} = {hit_c / max(1, total_c):.4f}")
    for a, ia, b, ib in misses_c:
        if has_cyrillic(a) or has_cyrillic(b):
            print(f"  split: {a} [{ia}]  vs  {b} [{ib}]")

    uncertain_ok = uncertain_n = 0
    print("uncertain spellings (joined the group's high-confidence id?)")
    for g, h in zip(groups, high):
        target = majority_id(h)
        for v in g["variants"]:
            if v["confidence"] != "high":
                uncertain_n += 1
                ok = speaker_id(v["name"]) == target
                uncertain_ok += ok
                print(f"  {'yes' if ok else 'no ':3s} {v['name']:28s} {speaker_id(v['name'])}  (group {target})")
    print(f"uncertain joined               {uncertain_ok}/{uncertain_n}")

    hn = data.get("hard_negatives", [])
    bad = [(x["a"], x["b"]) for x in hn if speaker_id(x["a"]) == speaker_id(x["b"]) or same_person(x["a"], x["b"])]
    print(f"hard-negative merges           {len(bad)}/{len(hn)}")
    for a, b in bad:
        print(f"  merged: {a} / {b}")

    owner: dict[str, set[str]] = collections.defaultdict(set)
    for g in groups:
        for n in [v["name"] for v in g["variants"]] + list(g.get("cyrillic", [])):
            owner[speaker_id(n)].add(g["id"])
    cross = {i: sorted(gs) for i, gs in owner.items() if len(gs) > 1}
    print(f"ids shared across groups       {len(cross)}")
    for i, gs in cross.items():
        print(f"  {i}: {gs}")

    cyr = [n for g in groups for n in g.get("cyrillic", [])]
    left = [n for n in cyr if has_cyrillic(display_name(n))]
    print(f"Cyrillic left in display names {len(left)}/{len(cyr)}")


def evaluate_seeds(gold: Path, entities: Path) -> None:
    ent = json.loads(entities.read_text(encoding="utf-8"))
    orgs = set(ent.get("organizations", []))
    ids_by_entity: dict[str, set[str]] = collections.defaultdict(set)
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        speakers = ArticleSpeakers()
        handles = []
        for q in doc["quotes"]:
            who, text = q.get("speaker"), (q.get("mention") or {}).get("text", "")
            if who and text and who not in orgs:
                handles.append((who, speakers.add(text)))
        for who, cluster in handles:
            if cluster.id:
                ids_by_entity[who].add(cluster.id)
    split = {e: sorted(i) for e, i in ids_by_entity.items() if len(i) > 1}
    owner = collections.Counter(i for ids in ids_by_entity.values() for i in ids)
    print(f"seed people with an id         {len(ids_by_entity)}")
    print(f"entities_split                 {len(split)}  {split if split else ''}")
    print(f"ids_shared_by_entities         {sum(1 for n in owner.values() if n > 1)}")


def main() -> None:
    shared = ROOT.parent / "shared" / "eval"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", nargs="?", type=Path, default=shared / "name_variants.dev.json")
    ap.add_argument("--seeds-gold", type=Path, default=shared / "seeds.gold.jsonl")
    ap.add_argument("--seeds-entities", type=Path, default=shared / "seeds.entities.json")
    a = ap.parse_args()
    evaluate_variants(a.variants)
    if a.seeds_gold.exists() and a.seeds_entities.exists():
        print("-- seeds: named gold mentions, one ArticleSpeakers per article")
        evaluate_seeds(a.seeds_gold, a.seeds_entities)


if __name__ == "__main__":
    main()
