"""The lexicon's data files agree with each other and with what the rules read."""
from __future__ import annotations

import ast
import json
import pathlib
from importlib import resources

import pytest

from quoteservice.extract import wordlists
from quoteservice.extract.lexicon import cue_classes, load_lexicon

DATA = resources.files("quoteservice") / "data"
EXTRACT = pathlib.Path(__file__).resolve().parents[2] / "quoteservice" / "extract"


def _tsv() -> dict[str, str]:
    rows = {}
    for line in (DATA / "cue_verbs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, cls, count = line.split("\t")
            assert lemma not in rows, f"{lemma} listed twice in cue_verbs.tsv"
            assert count.isdigit()
            rows[lemma] = cls
    return rows


def test_cue_verbs_tsv_agrees_with_cue_classes_json() -> None:
    """cue_verbs.tsv is generated from cue_classes.json (bench/mine_cues.py): regenerate it after an edit."""
    reviewed = {lemma: cls for lemma, cls in cue_classes().items() if cls != "exclude"}
    assert _tsv() == reviewed


@pytest.mark.parametrize(("lemma", "speech"), [("say", True), ("tweet", True), ("think", False), ("be", False)])
def test_lexicon_classes(lemma: str, speech: bool) -> None:
    assert load_lexicon().is_cue(lemma) is speech


def test_every_word_list_is_read_by_a_rule() -> None:
    """No list in rule_words.json is dead, and every words("…") call names a list that exists."""
    called = set()
    for path in EXTRACT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "words":
                called.add(node.args[0].value)  # type: ignore[attr-defined]
    assert called == set(wordlists.names())


def test_every_word_list_says_who_reads_it() -> None:
    raw = json.loads((DATA / "rule_words.json").read_text(encoding="utf-8"))
    assert all(entry["doc"] and entry["words"] for entry in raw["lists"].values())


# Lowercase string tuples that are codes, not words: gender/person features, step names, and the
# two words that name the according_to and in_source rules themselves.
_CODES = {"m", "f", "first", "first_plural", "bound", "first_person", "quote_context", "continuity", "nearest",
          "according", "in"}


def test_no_word_list_in_the_rules_code(nlp) -> None:
    """Word lists live in data/: a literal set or tuple of lowercase words in extract/ is one that escaped."""
    labels = set(nlp.get_pipe("parser").labels) | _CODES
    found = []
    for path in sorted(EXTRACT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                strs = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(strs) >= 2 and any(s.isalpha() and s.islower() and s not in labels for s in strs):
                    found.append(f"{path.name}:{node.lineno} {strs}")
    assert found == []
