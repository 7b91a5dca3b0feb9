"""The learned speaker ranker: a conditional logit over a record's candidates (candidates.py).

Weights are a data file (data/speaker_model.json) written by training/speakers/train.py from shared
annotated news; inference is a dot product and a softmax per record, nothing beyond the standard
library. The chosen candidate's probability, Platt-scaled on held-out records, is the record's
confidence, and the feature group that gave it most of its lead is its `method`.
"""
from __future__ import annotations

import functools
import json
import math
import pathlib
from dataclasses import dataclass
from importlib import resources

from quoteservice.extract.candidates import NOBODY, WRITTEN, Candidate
from quoteservice.extract.model import Method

# feature name prefix -> the method it stands for, for the group that decided
_GROUPS: tuple[tuple[str, Method], ...] = (
    ("step:bound", Method.COREFERENCE), ("step:first_person", Method.COREFERENCE),
    ("step:continuity", Method.COREFERENCE), ("step:coref", Method.COREFERENCE), ("step:label", Method.COREFERENCE),
    ("step:sieve", Method.COREFERENCE), ("step:appositive", Method.ROLE), ("step:role", Method.ROLE),
    ("head_near_name", Method.ROLE), ("step:previous", Method.PREVIOUS_QUOTE), ("prev", Method.PREVIOUS_QUOTE),
    ("spoke", Method.PREVIOUS_QUOTE), ("doc_link", Method.COREFERENCE),
)


@dataclass(frozen=True)
class SpeakerDecision:
    """One ranked decision, as traced for training: the record, its candidates and the one chosen."""

    start: int
    end: int
    mclass: str
    candidates: list[Candidate]
    chosen: int


@dataclass(frozen=True)
class Choice:
    """The ranker's pick for one record."""

    candidate: Candidate
    probability: float  # calibrated
    method: Method


class SpeakerRanker:
    """Scores candidates with learned weights and picks the best."""

    def __init__(self, weights: dict[str, float], calibration: tuple[float, float] = (1.0, 0.0)) -> None:
        self.weights = weights
        self.calibration = calibration

    @classmethod
    def load(cls, path: str | pathlib.Path | None = None) -> SpeakerRanker:
        """The shipped model (data/speaker_model.json), or the one at `path`."""
        if path is None:
            raw = json.loads((resources.files("quoteservice") / "data" / "speaker_model.json").read_text(encoding="utf-8"))
        else:
            raw = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        cal = raw.get("calibration", {})
        return cls({k: float(v) for k, v in raw["weights"].items()}, (float(cal.get("a", 1.0)), float(cal.get("b", 0.0))))

    def score(self, cand: Candidate) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in cand.features.items())

    def choose(self, cands: list[Candidate]) -> Choice:
        """The highest-scoring candidate, its calibrated probability and the method that decided it."""
        scores = [self.score(c) for c in cands]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = scores.index(top)
        p = exps[best] / sum(exps)
        a, b = self.calibration
        logit = math.log(max(p, 1e-6) / max(1 - p, 1e-6))
        calibrated = 1 / (1 + math.exp(-(a * logit + b)))
        return Choice(cands[best], calibrated, self._method(cands, scores, best))

    def _method(self, cands: list[Candidate], scores: list[float], best: int) -> Method:
        """Which feature group gave the winner most of its lead over the runner-up."""
        chosen = cands[best]
        if chosen.type == NOBODY:
            return Method.NONE
        if chosen.type == WRITTEN:
            return Method.EXPLICIT
        runner = max((i for i in range(len(cands)) if i != best), key=lambda i: scores[i], default=None)
        other = cands[runner].features if runner is not None else {}
        gain: dict[Method, float] = {}
        for k, v in chosen.features.items():
            lead = self.weights.get(k, 0.0) * (v - other.get(k, 0.0))
            method = next((m for prefix, m in _GROUPS if k.startswith(prefix)), Method.FALLBACK)
            gain[method] = gain.get(method, 0.0) + lead
        return max(gain, key=lambda m: gain[m]) if gain else Method.FALLBACK


@functools.cache
def shipped() -> SpeakerRanker:
    return SpeakerRanker.load()

