#!/usr/bin/env python
"""Train the speaker ranker (quoteservice/data/speaker_model.json) from shared annotated news, judged leave-one-set-out.

    python training/speakers/train.py                       # collect, report leave-one-set-out, write the model
    python training/speakers/train.py --holdout ggt-dev --out /tmp/no-ggt.json   # a model that never saw ggt-dev
    python training/speakers/train.py --dry-run             # figures only
    python training/speakers/train.py --sets ggt-dev,gum-dev,seeds,polnear-train,parcorfull,litbank --dry-run
                                                            # also decisions labelled by coreference chains

Data (../shared/eval, read at training time only, never shipped): ggt-dev (hand-annotated Canadian news,
speakers resolved through pronouns and descriptions), gum-dev (biographies, interviews, speeches; optional
records too, since their speakers are annotated), the seeds (wire copy), and PolNeAR train (source mentions:
used only for continuations and records with no mention, where the source's name is the label).
Opt-in: ParCorFull news and LitBank fiction, whose chains label the extractor's own pronoun and description
records (bench/coref_speakers.py); measured, they did not raise ggt-dev left out (LitBank lowered its
descriptions), so the shipped model is trained without them.
For every record the extractor sends to the ranker it traces the candidates (Extractor.from_doc(trace=…));
a candidate is right when it names the gold speaker (by the entity file's aliases), or, for a gold source
with no name, when it is the description as written or nobody. The model is a conditional logit (softmax over
one record's candidates, several right answers summed), L2-regularised, fitted by full-batch Adam in numpy.
Confidence: Platt scaling of the winner's probability, fitted on the leave-one-set-out predictions.
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import pickle
import re
import sys
import time
import unicodedata
from dataclasses import dataclass

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
SETS = {
    "ggt-dev": (SHARED / "ggt-dev" / "ggt-dev.gold.jsonl", SHARED / "ggt-dev" / "articles",
                SHARED / "ggt-dev" / "ggt-dev.entities.json"),
    "gum-dev": (SHARED / "gum-dev" / "gum-dev.gold.jsonl", SHARED / "gum-dev" / "articles",
                SHARED / "gum-dev" / "gum-dev.entities.json"),
    "seeds": (SHARED / "seeds.gold.jsonl", ROOT / "seeds", SHARED / "seeds.entities.json"),
    "polnear-train": (SHARED / "polnear" / "train.speech.gold.jsonl", SHARED / "polnear" / "train", None),
}
# Sets whose gold is derived from coreference chains (bench/coref_speakers.py): a record the extractor finds, whose
# speaker mention is a markable of a chain holding a name, was spoken by that chain's entity. Only for training.
CHAINS = ("parcorfull", "litbank")
CHAIN_CLASSES = {"pm", "pg", "po", "desc"}  # third-person pronouns and descriptions
MENTION_ONLY = {"polnear-train"}  # gold gives the source mention, not the resolved speaker
MENTION_ONLY_CLASSES = {"cont", "none"}
STOP = {"the", "a", "an", "of", "and"}


def fold(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[’'`]s\b", "", s)
    return re.sub(r"[^a-z0-9 ]+", " ", s).split()


def names_match(candidate: str, aliases: list[str]) -> bool:
    """The candidate names the gold speaker: same words, an alias inside it, or the same surname and initial."""
    c = fold(candidate)
    if not c:
        return False
    for alias in aliases:
        a = fold(alias)
        if not a:
            continue
        if c == a or " ".join(a) in " ".join(c):
            return True
        if c[-1] == a[-1] and len(a[-1]) > 2 and (len(c) == 1 or len(a) == 1 or c[0][0] == a[0][0]):
            return True
    return False


@dataclass
class Example:
    set: str
    features: list[dict[str, float]]
    right: list[bool]
    chosen: int  # the bootstrap/current model's pick
    info: tuple = ()  # (doc id, record start, gold speaker, gold mention, candidate names): for error reading


def _gold_for(span: tuple[int, int], gold: list[dict]) -> dict | None:
    best, best_ov = None, 0
    for g in gold:
        ov = min(span[1], g["end"]) - max(span[0], g["start"])
        if ov > 0 and ov >= 0.5 * min(span[1] - span[0], g["end"] - g["start"]) and ov > best_ov:
            best, best_ov = g, ov
    return best


def _labels(decision, g: dict, entities: dict, mention_only: bool) -> list[bool] | None:
    """Which candidates are right for the gold record `g` (None: the record teaches nothing)."""
    from quoteservice.extract.candidates import ENTITY, NOBODY, WRITTEN

    cands = decision.candidates
    if mention_only:
        if decision.mclass not in MENTION_ONLY_CLASSES or "mention" not in g:
            return None
        words = set(fold(g["mention"]["text"])) - STOP
        right = [c.type == ENTITY and bool(set(fold(c.name)) & words) for c in cands]
    elif g.get("speaker"):
        aliases = entities.get(g["speaker"], [g["speaker"]])
        right = [c.type == ENTITY and names_match(c.name, aliases) for c in cands]
    elif "mention" in g:
        right = [c.type in (WRITTEN, NOBODY) for c in cands]
    else:
        return None
    return right if any(right) else None


def collect(names: list[str], model: str | None) -> list[Example]:
    """Run the extractor over each set with tracing on, and label each traced decision against the gold."""
    from quoteservice.extract import Extractor
    from quoteservice.extract.ranker import SpeakerRanker
    from quoteservice.nlp import load_pipeline

    nlp = load_pipeline()
    ex = Extractor(nlp, ranker=SpeakerRanker.load(model) if model else None)
    out: list[Example] = []
    for name in names:
        if name in CHAINS:
            out += _collect_chains(name, nlp, ex)
            continue
        gold_path, texts, ent_path = SETS[name]
        if not gold_path.exists():
            print(f"{name}: missing, skipped", file=sys.stderr)
            continue
        entities = json.loads(ent_path.read_text())["entities"] if ent_path else {}
        gold = [json.loads(line) for line in gold_path.open()]
        docs_text = [(texts / f"{d['doc_id']}.txt").read_text(encoding="utf-8") for d in gold]
        t0, n_dec, n_lab = time.time(), 0, 0
        for d, doc in zip(gold, nlp.pipe(docs_text, batch_size=8)):
            trace: list = []
            ex.from_doc(doc, trace=trace)
            for dec in trace:
                n_dec += 1
                g = _gold_for((dec.start, dec.end), d["quotes"])
                if g is None:
                    continue
                right = _labels(dec, g, entities, name in MENTION_ONLY)
                if right is None:
                    continue
                n_lab += 1
                info = (d["doc_id"], dec.start, g.get("speaker"), (g.get("mention") or {}).get("text"),
                        [f"{c.type}:{c.name}" for c in dec.candidates])
                out.append(Example(name, [c.features for c in dec.candidates], right, dec.chosen, info))
        print(f"{name}: {len(gold)} docs, {n_dec} ranked decisions, {n_lab} labelled ({time.time() - t0:.0f} s)",
              file=sys.stderr)
    return out


def _collect_chains(name: str, nlp, ex) -> list[Example]:
    """Decisions labelled by coreference chains: ParCorFull's news or LitBank's fiction."""
    sys.path.insert(0, str(ROOT / "bench"))
    import coref_speakers as cs

    stems, load = (cs.parcorfull_stems, cs.load_parcorfull) if name == "parcorfull" else (cs.litbank_stems, cs.load_litbank)
    articles = {s: load(s) for s in stems()}
    out: list[Example] = []
    t0, n_dec = time.time(), 0
    for stem, doc in zip(articles, nlp.pipe([t for t, _ in articles.values()], batch_size=8)):
        text, marks = articles[stem]
        trace: list = []
        found = ex.from_doc(doc, trace=trace).quotes
        records = [{"start": q.span.start, "end": q.span.end,
                    "speaker_mention": {"start": q.mention.start, "end": q.mention.end}}
                   for q in found if q.mention is not None]
        gold, entities = cs.gold_for(stem, text, marks, records)
        for dec in trace:
            n_dec += 1
            if dec.mclass not in CHAIN_CLASSES:
                continue  # a continuation's mention is the one it was given; a narrator's "I" is no news
            g = _gold_for((dec.start, dec.end), gold["quotes"])
            right = None if g is None else _labels(dec, g, entities, False)
            if g is None or right is None:
                continue
            info = (stem, dec.start, g.get("speaker"), g["mention"]["text"], [f"{c.type}:{c.name}" for c in dec.candidates])
            out.append(Example(name, [c.features for c in dec.candidates], right, dec.chosen, info))
    print(f"{name}: {len(articles)} docs, {n_dec} ranked decisions, {len(out)} labelled ({time.time() - t0:.0f} s)",
          file=sys.stderr)
    return out


class Matrix:
    """Examples as one sparse design: candidate rows, feature columns, and each example's row range."""

    def __init__(self, examples: list[Example], vocab: dict[str, int]) -> None:
        rows, cols, vals, right, bounds = [], [], [], [], [0]
        r = 0
        for e in examples:
            for f, ok in zip(e.features, e.right):
                for k, v in f.items():
                    if k in vocab:
                        rows.append(r)
                        cols.append(vocab[k])
                        vals.append(v)
                right.append(ok)
                r += 1
            bounds.append(r)
        self.X = np.zeros((r, len(vocab)))
        np.add.at(self.X, (np.array(rows, dtype=int), np.array(cols, dtype=int)), np.array(vals))
        self.right = np.array(right, dtype=bool)
        self.bounds = np.array(bounds)
        self.group = np.repeat(np.arange(len(examples)), np.diff(self.bounds))

    def probs(self, w: np.ndarray) -> np.ndarray:
        s = self.X @ w
        top = np.full(len(self.bounds) - 1, -np.inf)
        np.maximum.at(top, self.group, s)
        e = np.exp(s - top[self.group])
        z = np.zeros(len(top))
        np.add.at(z, self.group, e)
        return e / z[self.group]


# The prior the weights shrink towards: the hand-ordered steps (what the sieve picks, an unnamed source it keeps,
# nobody where it finds no one). With little data the model stays the sieve; data moves it where it errs.
PRIOR = {"step:sieve": 3.0, "written:steps": 3.0, "bias:none:nobody": 2.0, "disagree": -3.0}


def fit(examples: list[Example], l2: float = 0.3, steps: int = 600, min_count: int = 2) -> dict[str, float]:
    """Conditional logit: maximise log P(right candidates) per record, minus l2/2 ‖w − PRIOR‖²."""
    counts: dict[str, int] = {}
    for e in examples:
        for f in e.features:
            for k in f:
                counts[k] = counts.get(k, 0) + 1
    vocab = {k: i for i, k in enumerate(sorted(k for k, n in counts.items() if n >= min_count))}
    m = Matrix(examples, vocab)
    prior = np.array([PRIOR.get(k, 0.0) for k in vocab])
    w = prior.copy()
    mom, vel = np.zeros_like(w), np.zeros_like(w)
    n = len(examples)
    for t in range(1, steps + 1):
        p = m.probs(w)
        pr = np.where(m.right, p, 0.0)
        right_mass = np.zeros(n)
        np.add.at(right_mass, m.group, pr)
        q = pr / np.maximum(right_mass[m.group], 1e-12)  # posterior over the right candidates
        grad = (m.X.T @ (p - q)) / n + l2 * (w - prior) / n
        mom = 0.9 * mom + 0.1 * grad
        vel = 0.999 * vel + 0.001 * grad * grad
        w -= 0.05 * (mom / (1 - 0.9 ** t)) / (np.sqrt(vel / (1 - 0.999 ** t)) + 1e-8)
    return {k: round(float(w[i]), 4) for k, i in vocab.items() if abs(w[i]) > 1e-4}


def predict(examples: list[Example], weights: dict[str, float]) -> list[tuple[int, float]]:
    """(chosen candidate, its probability) per example, exactly as SpeakerRanker scores."""
    out = []
    for e in examples:
        s = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in e.features]
        top = max(s)
        z = sum(math.exp(x - top) for x in s)
        best = s.index(top)
        out.append((best, 1 / z))
    return out


def accuracy(examples: list[Example], picks: list[int], by_class: bool = False) -> str:
    ok = [e.right[i] for e, i in zip(examples, picks)]
    line = f"{sum(ok)}/{len(ok)} = {sum(ok) / max(1, len(ok)):.3f}"
    if by_class:
        classes: dict[str, list[bool]] = {}
        for e, o in zip(examples, ok):
            cls = next((k.split(":")[1] for k in e.features[0] if k.startswith("bias:")), "?")
            classes.setdefault(cls, []).append(o)
        line += "  " + "  ".join(f"{c} {sum(v)}/{len(v)}" for c, v in sorted(classes.items()))
    return line


def platt(pairs: list[tuple[float, bool]]) -> tuple[float, float]:
    """a, b of sigmoid(a·logit(p) + b) fitted to whether each pick was right."""
    x = np.array([math.log(max(p, 1e-6) / max(1 - p, 1e-6)) for p, _ in pairs])
    y = np.array([float(ok) for _, ok in pairs])
    a, b = 1.0, 0.0
    for _ in range(2000):
        z = 1 / (1 + np.exp(-(a * x + b)))
        a -= 0.5 * float(np.mean((z - y) * x))
        b -= 0.5 * float(np.mean(z - y))
    return round(a, 4), round(b, 4)


def reliability(pairs: list[tuple[float, bool]], a: float, b: float) -> list[str]:
    bins: dict[int, list[tuple[float, bool]]] = {}
    for p, ok in pairs:
        c = 1 / (1 + math.exp(-(a * math.log(max(p, 1e-6) / max(1 - p, 1e-6)) + b)))
        bins.setdefault(min(int(c * 10), 9), []).append((c, ok))
    return [f"  {k / 10:.1f}-{(k + 1) / 10:.1f}: n={len(v):4d} mean conf {np.mean([c for c, _ in v]):.3f}"
            f"  right {np.mean([o for _, o in v]):.3f}" for k, v in sorted(bins.items())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS), help=f"comma-separated training sets (also: {', '.join(CHAINS)})")
    ap.add_argument("--holdout", help="leave this set out of the model written")
    ap.add_argument("--model", help="collect with this model's decisions as history (default: the shipped one)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "quoteservice" / "data" / "speaker_model.json")
    ap.add_argument("--l2", type=float, default=2.0, help="L2 towards the prior (the shipped model used 2.0)")
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--cache", type=pathlib.Path, help="pickle of the collected decisions: read if present, else written")
    ap.add_argument("--refresh", default="", help="comma-separated sets to collect again and replace in the cache")
    ap.add_argument("--errors", help="print the left-out errors of this set")
    ap.add_argument("--folds", type=int, default=0, help="also report K-fold-by-article figures within each set")
    a = ap.parse_args()
    names = [s for s in a.sets.split(",") if s]
    if a.cache and a.cache.exists():
        refresh = [s for s in a.refresh.split(",") if s]
        examples = [e for e in pickle.loads(a.cache.read_bytes()) if e.set in names and e.set not in refresh]
        if refresh:
            examples += collect(refresh, a.model)
            a.cache.write_bytes(pickle.dumps(examples))
    else:
        examples = collect(names, a.model)
        if a.cache:
            a.cache.write_bytes(pickle.dumps(examples))
    present = sorted({e.set for e in examples})
    print(f"\n{len(examples)} labelled decisions; picks of the model they were collected with: "
          f"{accuracy(examples, [e.chosen for e in examples])}")
    loo_pairs: list[tuple[float, bool]] = []
    print("\nleave-one-set-out (trained without the set, judged on it):")
    for held in present:
        train = [e for e in examples if e.set != held and e.set != a.holdout]
        test = [e for e in examples if e.set == held]
        w = fit(train, a.l2)
        picks = predict(test, w)
        if held == a.errors:
            for e, (i, p) in zip(test, picks):
                if not e.right[i]:
                    print(f"    {e.info[0][:8]} {e.info[1]} gold={e.info[2]!r} mention={e.info[3]!r} "
                          f"picked={e.info[4][i]!r} p={p:.2f} steps={e.info[4][e.chosen]!r} cands={e.info[4][:6]}")
        loo_pairs += [(p, e.right[i]) for e, (i, p) in zip(test, picks)]
        fitted = predict(test, fit([e for e in examples if e.set != a.holdout], a.l2))
        print(f"  {held:14s} as collected {accuracy(test, [e.chosen for e in test])}   left out "
              f"{accuracy(test, [i for i, _ in picks], True)}\n  {'':14s} fitted {accuracy(test, [i for i, _ in fitted], True)}")
    if a.folds:
        print(f"\n{a.folds}-fold by article (other sets always in training, the fold's articles never):")
        for held in present:
            docs = sorted({e.info[0] for e in examples if e.set == held})
            picks_all: list[int] = []
            tests: list[Example] = []
            for k in range(a.folds):
                fold_docs = set(docs[k::a.folds])
                test = [e for e in examples if e.set == held and e.info[0] in fold_docs]
                train = [e for e in examples if not (e.set == held and e.info[0] in fold_docs) and e.set != a.holdout]
                picks_all += [i for i, _ in predict(test, fit(train, a.l2))]
                tests += test
            print(f"  {held:14s} {accuracy(tests, picks_all, True)}")
    cal_a, cal_b = platt(loo_pairs)
    print(f"\ncalibration on the left-out predictions: a={cal_a} b={cal_b}")
    print("\n".join(reliability(loo_pairs, cal_a, cal_b)))
    final = [e for e in examples if e.set != a.holdout]
    weights = fit(final, a.l2)
    if a.dry_run:
        return
    model = {"_doc": "speaker ranker weights: training/speakers/train.py; features: quoteservice/extract/candidates.py",
             "trained_on": sorted({e.set for e in final}), "decisions": len(final), "l2": a.l2,
             "calibration": {"a": cal_a, "b": cal_b}, "weights": dict(sorted(weights.items()))}
    a.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} ({len(weights)} weights)")


if __name__ == "__main__":
    main()
