"""Speaker accuracy on news with coreference-derived speakers: ParCorFull's English news articles.

    python bench/coref_speakers.py [--no-coreference] [--out DIR]

ParCorFull (../shared/corpora/coref/parcorfull/news/EN, read here, never copied) annotates full
coreference chains. For every quote we extract whose speaker mention is a markable of a chain that
holds a proper name, the gold speaker is the chain's fullest name (its aliases: every named markable
of the chain). The records are then scored by bench/speakers.py, by mention kind. Quote detection
is not judged here (the records are our own); only who we say spoke.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpora" / "coref" / "parcorfull" / "news" / "EN"
LITBANK = ROOT.parent / "shared" / "corpora" / "coref" / "litbank"
_ENTITY_TYPES = re.compile(r"(PROP|NOM|PRON)_[A-Z]+$")
_DETS = frozenset({"the", "a", "an", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})
_PRONOUNS = frozenset("i me my we us our he him his she her it its they them their".split())
_SPAN = re.compile(r"word_(\d+)(?:\.\.word_(\d+))?")


def load_article(stem: str) -> tuple[str, list[tuple[int, int]], list[dict]]:
    """Text (words joined by spaces), each word's char span, and the chain markables with char spans."""
    words = [w.text or "" for w in ET.parse(NEWS / "Basedata" / f"{stem}_words.xml").getroot()]
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    text = " ".join(words)
    marks = []
    for m in ET.parse(NEWS / "Markables" / f"{stem}_coref_level.xml").getroot():
        chain = m.get("coref_class", "")
        if not chain.startswith("set_"):
            continue
        ranges = [(int(a), int(b or a)) for a, b in _SPAN.findall(m.get("span", ""))]
        if not ranges:
            continue
        lo, hi = spans[ranges[0][0] - 1][0], spans[ranges[-1][1] - 1][1]
        marks.append({"chain": chain, "start": lo, "end": hi, "text": text[lo:hi]})
    return text, spans, marks


def parcorfull_stems() -> list[str]:
    return sorted(p.name[: -len("_words.xml")] for p in (NEWS / "Basedata").glob("*_words.xml"))


def load_parcorfull(stem: str) -> tuple[str, list[dict]]:
    """A ParCorFull article's text and chain markables (what load_litbank gives for LitBank)."""
    text, _, marks = load_article(stem)
    return text, marks


def litbank_stems() -> list[str]:
    return sorted(p.name[: -len(".ann")] for p in LITBANK.glob("*.ann"))


def load_litbank(stem: str) -> tuple[str, list[dict]]:
    """A LitBank excerpt (tokens joined by spaces, as distributed) and its chain markables: brat lines whose type
    is a chain id ("Anne-8"), not an entity type ("PROP_PER")."""
    text = (LITBANK / f"{stem}.txt").read_text(encoding="utf-8")
    marks = []
    for line in (LITBANK / f"{stem}.ann").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 3:
            continue
        fields = parts[1].split()
        if len(fields) != 3 or _ENTITY_TYPES.match(fields[0]):
            continue
        lo, hi = int(fields[1]), int(fields[2])
        marks.append({"chain": fields[0], "start": lo, "end": hi, "text": text[lo:hi]})
    return text, marks


def is_name(text: str) -> bool:
    """A markable that is a proper name: every content word capitalised ('Mr. Smith', 'the Kremlin')."""
    words = [w for w in text.split() if w.lower() not in _DETS and w[:1].isalpha()]
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return False
    return bool(words) and all(w[:1].isupper() for w in words) and len(words) <= 5


def gold_for(doc_id: str, text: str, marks: list[dict], quotes: list[dict]) -> tuple[dict, dict[str, list[str]]]:
    """Gold records for our quotes whose mention is a markable of a named chain, and the chains' aliases."""
    names: dict[str, list[str]] = {}
    for m in marks:
        if is_name(m["text"]) and m["text"] not in names.setdefault(m["chain"], []):
            names[m["chain"]].append(m["text"])
    records = []
    for q in quotes:
        mention = q.get("speaker_mention") or {}
        lo, hi = int(mention.get("start", 0)), int(mention.get("end", 0))
        if hi <= lo:
            continue
        # a markable covering at least half the mention (not the "his" of "his critics")
        hits = [m for m in marks if 2 * (min(hi, m["end"]) - max(lo, m["start"])) >= hi - lo]
        if not hits:
            continue
        # the markable covering most of the mention ("his grandmother Delores Melendez", not "his")
        m = max(hits, key=lambda m: (min(hi, m["end"]) - max(lo, m["start"]), -abs(m["end"] - m["start"] - hi + lo)))
        aliases = names.get(m["chain"])
        if not aliases:  # the speaker's chain holds no name ("his critics"): nothing to judge
            continue
        records.append({"start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]],
                        "type": "indirect", "optional": False, "speaker": max(aliases, key=len),
                        "mention": {"start": m["start"], "end": m["end"], "text": m["text"]}, "cue": ""})
    entities = {max(a, key=len): a for a in names.values() if a}
    return {"doc_id": doc_id, "quotes": records}, entities


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-coreference", action="store_true", help="extract without coreferee")
    ap.add_argument("--out", help="directory for the derived gold, entities and predictions")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_quotes import predict
    from speakers import report

    stems = parcorfull_stems()
    articles = {s: load_article(s) for s in stems}
    preds, seconds, bare = predict({s: a[0] for s, a in articles.items()}, coreference=not a.no_coreference)
    gold, entities = [], {}
    for p in preds:
        text, _, marks = articles[p["doc_id"]]
        g, e = gold_for(p["doc_id"], text, marks, p.get("quotes", []))
        gold.append(g)
        entities.update(e)
    out = pathlib.Path(a.out or tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    (out / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    (out / "pred.jsonl").write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    (out / "entities.json").write_text(json.dumps({"entities": entities, "organizations": []}), encoding="utf-8")
    print(f"{len(stems)} ParCorFull news articles, extracted in {seconds:.2f} s (bare parse {bare:.2f} s)")
    report(out / "gold.jsonl", out / "pred.jsonl", out / "entities.json", quotes=False)


if __name__ == "__main__":
    main()
