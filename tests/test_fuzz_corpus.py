"""The request path under odd input: the fuzz corpus replayed, and hypothesis over request bytes and texts.

`HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz_corpus.py` runs the properties on many more inputs.
"""
from __future__ import annotations

import pathlib
import sys

import pytest
from google.rpc import code_pb2
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from fuzz_request import ALLOWED, check_one  # noqa: E402

from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402

CORPUS = sorted((ROOT / "tests" / "fuzz_corpus").iterdir())
_ENUM = st.integers(min_value=-3, max_value=8)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_input_gets_an_allowed_status(path: pathlib.Path) -> None:
    assert check_one(path.read_bytes()) in ALLOWED


def test_the_corpus_covers_both_outcomes() -> None:
    codes = {check_one(p.read_bytes()) for p in CORPUS}
    assert code_pb2.OK in codes and code_pb2.INVALID_ARGUMENT in codes


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes(data: bytes) -> None:
    assert check_one(data) in ALLOWED


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400), st.lists(_ENUM, max_size=3), st.floats(allow_nan=True), st.booleans())
def test_any_request(text: str, exclude: list[int], min_confidence: float, explain: bool) -> None:
    request = pb.ExtractQuotesRequest(document=pb.Document(id="h", text=text), options=pb.ExtractionOptions(
        exclude_types=exclude, min_confidence=min_confidence, explain=explain))
    assert check_one(request.SerializeToString()) in ALLOWED
