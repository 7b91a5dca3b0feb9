"""Speaker accuracy by the kind of mention next to the cue (name / pronoun / description).

    python bench/speakers.py GOLD.jsonl PRED.jsonl [--entities E.json]
    python bench/speakers.py gum-dev|seeds        # extract first (embedded pipeline), then score
    python bench/speakers.py gum-dev --out pred.jsonl

Each kind is scored by ../shared/eval/score.py itself (not copied here) on a copy of the gold file in
which only the required records of that kind stay required (the others become optional, so they
are neither credited nor penalised): speaker accuracy is the scorer's, restricted to one kind.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {
    "seeds": (SHARED / "seeds.gold.jsonl", ROOT / "seeds", SHARED / "seeds.entities.json"),
    "gum-dev": (SHARED / "gum-dev" / "gum-dev.gold.jsonl", SHARED / "gum-dev" / "articles",
                SHARED / "gum-dev" / "gum-dev.entities.json"),
    "ggt-dev": (SHARED / "ggt-dev" / "ggt-dev.gold.jsonl", SHARED / "ggt-dev" / "articles",
                SHARED / "ggt-dev" / "ggt-dev.entities.json"),
}
PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their who which that
this these those one""".split())
KINDS = ("name", "pronoun", "description", "none")


def mention_kind(record: dict) -> str:
    """'pronoun' for a pronoun, 'name' when the mention ends in a capitalised word, else 'description'."""
    mention = record.get("mention")
    if not mention or not mention.get("text", "").strip():
        return "none"
    words = [w.strip(".,;:'’\"“”()") for w in mention["text"].split()]
    words = [w for w in words if w]
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    last = next((w for w in reversed(words) if w[:1].isalpha()), "")
    return "name" if last[:1].isupper() and last.lower() not in PRONOUNS else "description"


def subset(gold_lines: list[dict], kinds: set[str]) -> list[dict]:
    """The gold documents with only the required records of `kinds` left required."""
    out = []
    for doc in gold_lines:
        quotes = [dict(q, optional=q["optional"] or mention_kind(q) not in kinds) for q in doc["quotes"]]
        out.append(dict(doc, quotes=quotes))
    return out


def score(gold: list[dict], pred: pathlib.Path, entities: pathlib.Path | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps(d) + "\n" for d in gold)
    cmd = [sys.executable, str(SHARED / "score.py"), f.name, str(pred), "--json"]
    if entities is not None:
        cmd += ["--entities", str(entities)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    pathlib.Path(f.name).unlink()
    return json.loads(out)


def _by_method(gold: list[dict], pred: pathlib.Path, entities: pathlib.Path | None) -> dict[str, tuple[int, int]]:
    """Speaker right / found for the required named records, scoring one attribution method's predictions at a time."""
    docs = [json.loads(line) for line in pred.open() if line.strip()]
    methods = sorted({str(q.get("method", "")).removeprefix("ATTRIBUTION_METHOD_").lower()
                      for d in docs for q in d.get("quotes", [])} - {""})
    out = {}
    for m in methods:
        keep = [dict(d, quotes=[q for q in d.get("quotes", [])
                                if str(q.get("method", "")).removeprefix("ATTRIBUTION_METHOD_").lower() == m])
                for d in docs]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.writelines(json.dumps(d) + "\n" for d in keep)
        res = score(subset(gold, set(KINDS)), pathlib.Path(f.name), entities)
        pathlib.Path(f.name).unlink()
        if res["found"]:
            out[m] = (round(res["speaker_accuracy"] * res["found"]), res["found"])
    return out


def report(gold_path: pathlib.Path, pred: pathlib.Path, entities: pathlib.Path | None, *, quotes: bool = True) -> None:
    """Print the table; `quotes=False` leaves out quote-level figures (for gold made from our own records)."""
    gold = [json.loads(line) for line in gold_path.open() if line.strip()]
    rows = [(k, {k}) for k in KINDS] + [("pronoun+description", {"pronoun", "description"}),
                                         ("all", set(KINDS))]
    print(f"{gold_path.name} vs {pred.name}")
    print(f"{'mention kind':22s} {'gold':>5s} {'found':>6s} {'speaker ok':>11s} {'accuracy':>9s} {'attr. recall':>13s}")
    for label, kinds in rows:
        res = score(subset(gold, kinds), pred, entities)
        ok = round(res["speaker_accuracy"] * res["found"])
        print(f"{label:22s} {res['gold']:5d} {res['found']:6d} {ok:11d} {res['speaker_accuracy']:9.3f} "
              f"{res['attributed_recall']:13.3f}")
    methods = _by_method(gold, pred, entities)
    if methods:
        print("by method (records found by that method's predictions): " + "  ".join(
            f"{m} {ok}/{n} = {ok / n:.3f}" for m, (ok, n) in methods.items()))
    if not quotes:
        return
    full = score(gold, pred, entities)
    extra = {k: full[k] for k in ("quote_f1", "quote_precision", "false_positives", "speaker_kind_accuracy",
                                  "entities_split", "ids_shared_by_entities") if k in full}
    print("  ".join(f"{k} {v}" for k, v in extra.items()))


def extract(texts: pathlib.Path, gold: pathlib.Path, out: pathlib.Path, speaker_model: str | None = None) -> None:
    """Predictions for the gold's documents through the CLI's JSON path (embedded pipeline)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_quotes import load_texts, predict

    preds, seconds, bare = predict(load_texts(gold, texts), speaker_model=speaker_model)
    out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    print(f"extracted {len(preds)} documents in {seconds:.2f} s (bare parse {bare:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", help="a gold JSONL file, or a set name: " + ", ".join(SETS))
    ap.add_argument("pred", nargs="?", help="prediction JSONL (omit with a set name to extract first)")
    ap.add_argument("--entities")
    ap.add_argument("--out", help="where to keep the predictions made for a set name")
    ap.add_argument("--speaker-model", help="speaker ranker weights instead of the shipped ones (a leave-one-set-out "
                    "model: training/speakers/train.py --holdout SET --out FILE)")
    a = ap.parse_args()
    if a.gold in SETS and a.pred is None:
        gold, texts, entities = SETS[a.gold]
        pred = pathlib.Path(a.out or tempfile.mkstemp(suffix=".jsonl")[1])
        extract(texts, gold, pred, a.speaker_model)
        report(gold, pred, pathlib.Path(a.entities) if a.entities else entities)
        return
    if a.pred is None:
        ap.error("PRED is required with a gold file")
    report(pathlib.Path(a.gold), pathlib.Path(a.pred), pathlib.Path(a.entities) if a.entities else None)


if __name__ == "__main__":
    main()
