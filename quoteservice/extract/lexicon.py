"""The cue lexicon: speech/cognition/evidence verbs (data/cue_classes.json) and their complement frames (data/cue_frames.json).

data/cue_verbs.tsv is generated from cue_classes.json by bench/mine_cues.py, adding each lemma's PolNeAR
train count; tests/extract/test_lexicon.py checks that the two agree.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """Cue lemmas by class; `speech` verbs license direct, mixed and reported speech."""

    speech: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    to_complement: frozenset[str] = frozenset()
    object_complement: frozenset[str] = frozenset()
    object_predicate: frozenset[str] = frozenset()
    object_content: frozenset[str] = frozenset()
    prep_content: dict[str, frozenset[str]] = field(default_factory=dict)
    source_nouns: frozenset[str] = frozenset()
    own_source_nouns: frozenset[str] = frozenset()
    noun_cues: frozenset[str] = frozenset()
    noun_commitments: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    noun_prep_content: dict[str, frozenset[str]] = field(default_factory=dict)
    speech_idioms: dict[str, str] = field(default_factory=dict)
    quote_frames: frozenset[str] = frozenset()
    quotatives: dict[str, str] = field(default_factory=dict)
    inscriptions: frozenset[str] = frozenset()
    question_verbs: frozenset[str] = frozenset()
    addressee_verbs: frozenset[str] = frozenset()
    stance_objects: frozenset[str] = frozenset()

    def is_cue(self, lemma: str) -> bool:
        """Whether `lemma` is a verb of saying, which can introduce a quote (beliefs have their own rule)."""
        return lemma in self.speech


def cue_classes() -> dict[str, str]:
    """Each reviewed lemma's class (speech, cognition, evidence or exclude): the first class that lists it wins."""
    raw = json.loads((resources.files("quoteservice") / "data" / "cue_classes.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for cls, lemmas in raw["classes"].items():
        for lemma in lemmas:
            out.setdefault(lemma, cls)
    return out


@functools.cache
def load_lexicon() -> Lexicon:
    """Read the packaged lexicon files once per process."""
    data = resources.files("quoteservice") / "data"
    classes: dict[str, set[str]] = {"speech": set(), "cognition": set(), "evidence": set()}
    for lemma, cls in cue_classes().items():
        if cls in classes:
            classes[cls].add(lemma)
    frames = json.loads((data / "cue_frames.json").read_text(encoding="utf-8"))
    return Lexicon(
        speech=frozenset(classes["speech"]),
        cognition=frozenset(classes["cognition"]),
        evidence=frozenset(classes["evidence"]),
        to_complement=frozenset(frames["to_complement"]),
        object_complement=frozenset(frames["object_complement"]),
        object_predicate=frozenset(frames["object_predicate"]),
        object_content=frozenset(frames.get("object_content", [])),
        source_nouns=frozenset(frames.get("source_nouns", [])),
        own_source_nouns=frozenset(frames.get("own_source_nouns", [])),
        noun_cues=frozenset(frames.get("noun_cues", [])),
        noun_commitments=frozenset(frames.get("noun_commitments", [])),
        light_verbs=frozenset(frames.get("light_verbs", [])),
        noun_prep_content={noun: frozenset(preps) for noun, preps in frames.get("noun_prep_content", {}).items()},
        prep_content={verb: frozenset(preps) for verb, preps in frames.get("prep_content", {}).items()},
        speech_idioms=dict(frames.get("speech_idioms", {})),
        quote_frames=frozenset(frames.get("quote_frames", [])),
        quotatives=dict(frames.get("quotatives", {})),
        inscriptions=frozenset(frames.get("inscriptions", [])),
        question_verbs=frozenset(frames.get("question_verbs", [])),
        addressee_verbs=frozenset(frames.get("addressee_verbs", [])),
        stance_objects=frozenset(frames.get("stance_objects", [])),
    )
