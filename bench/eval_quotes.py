"""Measure quote extraction against a gold set with the project's scorer, next to textacy's baseline.

    python bench/eval_quotes.py seeds            # ../shared/eval/seeds.gold.jsonl on seeds/
    python bench/eval_quotes.py polnear-dev       # PolNeAR dev, speech subset and full set
    python bench/eval_quotes.py polnear-dev-all --beliefs   # all attributions, beliefs included
    python bench/eval_quotes.py gum-dev           # GUM biographies, interviews, speeches (not news)
    python bench/eval_quotes.py seeds --no-baseline --out pred.jsonl
    python bench/eval_quotes.py polnear-dev --join-interrupted off --noun-phrase-reports off   # default output
    python bench/eval_quotes.py ../shared/eval/polnear/test.speech.gold.jsonl --texts ../shared/eval/polnear/test
                                                  # a held-out set: PolNeAR's conventions when its path says polnear

PolNeAR is scored with two of its own conventions as options: ExtractionOptions.join_interrupted (its annotators
mark "“A,” X said. “B.”" as one attribution) and include_noun_phrase_reports (it credits "Trump denied the
allegations"); the seeds and GUM with both off, the default (the seed gold leaves noun-phrase reports optional,
GUM never annotates them).

Predictions go through the same response/JSON path as `quotes extract --format jsonl`; scores come
from ../shared/eval/score.py (not copied here). Also prints extraction time vs a bare nlp.pipe.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
SETS = {
    "seeds": [(SHARED / "seeds.gold.jsonl", ROOT / "seeds", SHARED / "seeds.entities.json")],
    "polnear-dev": [(SHARED / "polnear" / "dev.speech.gold.jsonl", SHARED / "polnear" / "dev", None),
                    (SHARED / "polnear" / "dev.gold.jsonl", SHARED / "polnear" / "dev", None)],
    "polnear-dev-all": [(SHARED / "polnear" / "dev.gold.jsonl", SHARED / "polnear" / "dev", None)],
    "gum-dev": [(SHARED / "gum-dev" / "gum-dev.gold.jsonl", SHARED / "gum-dev" / "articles",
                 SHARED / "gum-dev" / "gum-dev.entities.json")],
    "polnear-train": [(SHARED / "polnear" / "train.speech.gold.jsonl", SHARED / "polnear" / "train", None)],
    "polnear-train-all": [(SHARED / "polnear" / "train.gold.jsonl", SHARED / "polnear" / "train", None)],
}


def load_texts(gold: pathlib.Path, texts: pathlib.Path) -> dict[str, str]:
    ids = [json.loads(line)["doc_id"] for line in gold.open()]
    return {i: (texts / f"{i}.txt").read_text(encoding="utf-8") for i in ids}


def predict(texts: dict[str, str], coreference: bool = True, beliefs: bool = False, speaker_model: str | None = None,
            join: bool = False, noun_phrases: bool = False) -> tuple[list[dict], float, float]:
    """Our predictions as CLI-identical JSON objects, extraction seconds, bare-parse seconds."""
    from quoteservice.api import to_response
    from quoteservice.extract import Extractor
    from quoteservice.nlp import load_pipeline
    from quoteservice.output import DocumentOutcome, to_dict
    from quoteservice.v1 import quote_service_pb2 as pb

    nlp = load_pipeline()
    from quoteservice.extract.ranker import SpeakerRanker

    ex = Extractor(nlp, coreference=coreference, ranker=SpeakerRanker.load(speaker_model) if speaker_model else None)
    ex.extract("Warm-up, he said.")
    t0 = time.perf_counter()
    list(nlp.pipe(texts.values()))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = []
    options = pb.ExtractionOptions(explain=True, include_beliefs=beliefs, join_interrupted=join,
                                   include_noun_phrase_reports=noun_phrases)
    for (doc_id, text), result in zip(texts.items(), ex.pipe(texts.values(), beliefs=beliefs)):
        resp = to_response(pb.Document(id=doc_id, text=text), result, options)
        out.append(to_dict(DocumentOutcome(doc_id, response=resp)))
    return out, time.perf_counter() - t0, bare


def textacy_predict(texts: dict[str, str]) -> tuple[list[dict], int]:
    """textacy's direct_quotations on the same pipeline; documents where it raises count as empty."""
    from textacy.extract.triples import direct_quotations

    from quoteservice.nlp import load_pipeline

    nlp = load_pipeline()
    out, failures = [], 0
    for doc_id, doc in zip(texts, nlp.pipe(texts.values())):
        quotes = []
        try:
            for dq in direct_quotations(doc):
                content = dq.content
                start, end = content[0].idx, content[-1].idx + len(content[-1].text)
                text = doc.text
                if text[start] in "\"“'‘":
                    start += 1
                if text[end - 1] in "\"”'’":
                    end -= 1
                spk = " ".join(t.text for t in dq.speaker)
                ms = dq.speaker[0].idx if dq.speaker else 0
                me = dq.speaker[-1].idx + len(dq.speaker[-1].text) if dq.speaker else 0
                quotes.append({"start": start, "end": end, "type": "direct", "speaker": {"name": spk},
                               "speaker_mention": {"start": ms, "end": me}})
        except Exception:  # textacy raises on unbalanced quotation marks
            failures += 1
        out.append({"doc_id": doc_id, "quotes": quotes})
    return out, failures


def score(gold: pathlib.Path, preds: list[dict], entities: pathlib.Path | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SHARED / "score.py"), str(gold), f.name, "--json"]
    if entities:
        cmd += ["--entities", str(entities)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


KEYS = ["quote_precision", "quote_recall", "quote_f1", "recall_direct", "recall_mixed", "recall_indirect",
        "speaker_accuracy", "attributed_recall", "type_accuracy", "gold", "found", "false_positives"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", help=f"one of {', '.join(sorted(SETS))}, or a gold JSONL file (a held-out set) with --texts")
    ap.add_argument("--texts", type=pathlib.Path, help="with a gold file: the folder of its <doc_id>.txt articles")
    ap.add_argument("--entities", type=pathlib.Path, help="with a gold file: its entities file, if any")
    ap.add_argument("--no-baseline", action="store_true", help="skip textacy")
    ap.add_argument("--out", help="also write our predictions (JSON Lines) here")
    ap.add_argument("--speaker-model", help="speaker ranker weights to use instead of the shipped ones "
                    "(a leave-one-set-out model from training/speakers/train.py --holdout)")
    ap.add_argument("--beliefs", action="store_true",
                    help="include attributions of belief and evidence (as `quotes extract --beliefs`)")
    ap.add_argument("--join-interrupted", choices=("auto", "on", "off"), default="auto",
                    help="one record for a quotation its attribution interrupts (ExtractionOptions.join_interrupted); "
                         "auto: on for PolNeAR, whose annotators mark it so, off for the seeds and GUM")
    ap.add_argument("--noun-phrase-reports", choices=("auto", "on", "off"), default="auto",
                    help="also reports of a noun phrase, 'denied the allegations' "
                         "(ExtractionOptions.include_noun_phrase_reports); auto: on for PolNeAR, off for the seeds and GUM")
    a = ap.parse_args()
    if a.set in SETS:
        sets = SETS[a.set]
    elif pathlib.Path(a.set).is_file() and a.texts is not None:
        sets = [(pathlib.Path(a.set), a.texts, a.entities)]
    else:
        ap.error(f"{a.set!r} is neither a known set nor a gold file given with --texts")
    polnear = "polnear" in a.set.lower()  # PolNeAR's conventions for its sets, and for a gold file under polnear/
    join = a.join_interrupted == "on" or (a.join_interrupted == "auto" and polnear)
    noun_phrases = a.noun_phrase_reports == "on" or (a.noun_phrase_reports == "auto" and polnear)
    for gold, texts_dir, entities in sets:
        texts = load_texts(gold, texts_dir)
        preds, took, bare = predict(texts, beliefs=a.beliefs, join=join, noun_phrases=noun_phrases,
                                    speaker_model=a.speaker_model)
        if a.out:
            pathlib.Path(a.out).write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds))
        ours = score(gold, preds, entities)
        rows = {"quoteservice": ours}
        if not a.no_baseline and importlib.util.find_spec("textacy") is None:
            print("textacy is not installed (pip install -e '.[bench]'): no baseline column", file=sys.stderr)
        elif not a.no_baseline:
            base, failures = textacy_predict(texts)
            rows[f"textacy ({failures} docs raised)"] = score(gold, base, entities)
        print(f"\n== {gold.name}: {len(texts)} documents, {sum(len(t) for t in texts.values()):,} chars"
              f"{', interrupted quotations joined' if join else ''}{', noun-phrase reports' if noun_phrases else ''}")
        print(f"{'':24s}" + "".join(f"{k[:26]:>28s}" for k in rows))
        for k in KEYS + [k for k in ("entities_split", "ids_shared_by_entities", "speaker_kind_accuracy")
                          if k in ours]:
            print(f"{k:24s}" + "".join(f"{r.get(k, ''):>28}" for r in rows.values()))
        print(f"time: extraction {took:.2f} s (incl. parse) vs bare nlp.pipe {bare:.2f} s "
              f"({took / max(bare, 1e-9):.2f}x)")


if __name__ == "__main__":
    main()
