"""Cross-outlet matching and provenance on the seeds: index all five, score clusters and `via`.

Clusters are scored as pairs of quote records in different documents that the archive puts in one cluster,
against the pairs of bench/data/seeds_crossoutlet.json (hand-checked); `via` by record against its list.
Usage: python bench/archive_seeds.py [--db sqlite:///…]  (default: a temporary SQLite file)
"""
from __future__ import annotations

import argparse
import itertools
import json
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from quoteservice.api import QuoteEngine  # noqa: E402
from quoteservice.archive.store import Archive, ArchiveDocument, Member  # noqa: E402
from quoteservice.extract import Extractor  # noqa: E402
from quoteservice.nlp import load_pipeline  # noqa: E402
from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402

GOLD = ROOT / "bench" / "data" / "seeds_crossoutlet.json"
Key = tuple[str, str]  # (doc id, quote id)


def _find(records: list[Member], doc: str, has: str) -> Key | None:
    hit = next((m for m in records if m.doc_id.startswith(doc) and has in m.text), None)
    return (hit.doc_id, hit.quote_id) if hit else None


def _pairs(groups: list[list[Key]]) -> set[frozenset[Key]]:
    """Pairs of records of different documents in one group (the cross-outlet links)."""
    return {frozenset((a, b)) for g in groups for a, b in itertools.combinations(g, 2) if a[0] != b[0]}


def _prf(predicted: set, gold: set) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def index_seeds(archive: Archive) -> float:
    """Index seeds/ (outlet = file name, one date); returns the seconds taken."""
    engine = QuoteEngine(Extractor(load_pipeline()))
    t0 = time.perf_counter()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        resp = engine.extract(pb.Document(id=path.stem, text=text))
        archive.index(ArchiveDocument(path.stem, text, outlet=path.stem[:3], published_at="2022-02-28"), resp)
    return time.perf_counter() - t0


def score(archive: Archive) -> dict[str, float]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    records = archive.search(limit=100_000)
    missing = [(d, h) for c in gold["clusters"] for d, h in c["members"] if _find(records, d, h) is None]
    gold_groups = [[k for d, h in c["members"] if (k := _find(records, d, h))] for c in gold["clusters"]]
    found = [[(m.doc_id, m.quote_id) for m in c.members] for c in archive.clusters(limit=100_000)]
    cross = _pairs(found)
    cp, cr, cf = _prf(cross, _pairs(gold_groups))
    gold_via = {k: v for d, h, v in gold["via"] if (k := _find(records, d, h))}
    pred_via = {(m.doc_id, m.quote_id): m.via["id"] for m in records if m.via}
    tp = sum(1 for k, v in pred_via.items() if gold_via.get(k) == v)
    vp, vr = tp / len(pred_via) if pred_via else 1.0, tp / len(gold["via"]) if gold["via"] else 1.0
    altered = {c.id: c.altered for c in archive.clusters(limit=100_000)}
    return {"cluster_pairs_gold": len(_pairs(gold_groups)), "cluster_pairs_predicted": len(cross),
            "cluster_precision": cp, "cluster_recall": cr, "cluster_f1": cf, "gold_members_not_extracted": len(missing),
            "altered_clusters": sum(altered.values()), "via_precision": vp, "via_recall": vr,
            "via_predicted": len(pred_via), "via_gold": len(gold["via"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="archive URL (default: a fresh temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(args.db or f"sqlite:///{tmp}/seeds.db")
        seconds = index_seeds(archive)
        figures = score(archive)
    print(f"indexed 5 seeds in {seconds:.1f} s")
    for k, v in figures.items():
        print(f"  {k:<28} {v:.4f}" if isinstance(v, float) else f"  {k:<28} {v}")


if __name__ == "__main__":
    main()
