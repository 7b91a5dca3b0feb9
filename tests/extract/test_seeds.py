"""The seed articles yield the headline quotes of issue 2 with their speakers (ids stable across articles)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from quoteservice.extract import QuoteType

SEEDS = ROOT / "seeds"


@pytest.mark.parametrize(("seed", "starts_with", "speaker"), [
    ("000_bf43d06e0d4d5121", "I suggest we wait for the talks", "Dmitry Peskov"),
    ("001_5ceb79cc7e6b2a58", "Negotiations are extremely difficult", "Mykhailo Podolyak"),
    ("001_5ceb79cc7e6b2a58", "Kyiv has walked away from the Istanbul agreements", "Vladimir Putin"),
    ("001_5ceb79cc7e6b2a58", "The blitzkrieg which our foes were counting on", "Vladimir Putin"),
    ("001_5ceb79cc7e6b2a58", "I propose to the Russian Federation", "Volodymyr Zelensky"),
    ("002_0d5b39dcd513e095", "I’ll say frankly, like always", "Volodymyr Zelensky"),
    ("003_5a0a87bd08680d7a", "Negotiations are difficult", "Mykhailo Podolyak"),
    ("003_5a0a87bd08680d7a", "I suggest we wait for the talks", "Dmitry Peskov"),
    ("004_4be6e57444c63b54", "Kharkiv has just been massively fired upon", "Anton Gerashchenko"),
])
def test_seed_direct_quote(extractor, seed, starts_with, speaker) -> None:
    text = (SEEDS / f"{seed}.txt").read_text()
    hits = [q for q in extractor.extract(text).quotes if text[q.span.start:q.span.end].startswith(starts_with)]
    assert hits, f"no quote starting {starts_with!r}"
    q = hits[0]
    assert q.type is QuoteType.DIRECT
    assert q.speaker is not None and q.speaker.name == speaker


def test_one_id_per_person_across_seeds(extractor) -> None:
    ids: dict[str, set[str]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for q in extractor.extract(path.read_text()).quotes:
            if q.speaker and q.speaker.kind.value == "person":
                ids.setdefault(q.speaker.name.split()[-1], set()).add(q.speaker.id)
    for surname in ("Peskov", "Podolyak", "Putin", "Zelensky", "Medinsky"):
        assert len(ids.get(surname, ())) == 1, (surname, ids.get(surname))
