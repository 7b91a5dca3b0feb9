"""The speaker step's work grows linearly with the text, whatever it holds (issue 11).

Work is counted as the Python lines the speaker step executes (Extractor._resolve and _records,
coreferee included; each loop iteration counts) under sys.settrace: deterministic for a given
input, unlike time.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from linecount import executed_lines
from quoteservice.extract import Extractor, candidates
from quoteservice.extract.article import Article
from quoteservice.extract.assemble import assemble
from quoteservice.extract.cues import find_cues
from quoteservice.extract.mentions import person_names
from quoteservice.extract.speakers import SpeakerResolver

pytestmark = pytest.mark.slow
# how far back the speaker model ever looks, twice: the steps' window and the ranker's candidate window
WINDOW_CHARS = 2 * max(SpeakerResolver.FALLBACK_CHARS, candidates.WINDOW + candidates.AFTER)

BLOCKS = [
    "he said that " * 16,  # the pronoun-dense case that used to take coreferee 7.8 s
    "Boris Petrov met Ivan Sidorov and Anna Malar. ",
    "Anna Malar, Boris Petrov, Dmitry Peskov, Olena Zelenska and Ivan Sidorov met Kim Lee. ",
    "“We will not stop,” he said. “I told them so.” ",
    "She told reporters that it was over. They said it would go on. ",
    "An unnamed official said the talks had ended. The official added that nothing was agreed. ",
    "The ministry said the city had been shelled, the station reported. ",
]


def speaker_work(ex: Extractor, doc, text: str) -> int:
    """Python lines the speaker step executes on an already parsed article."""
    people = person_names(doc)
    article = Article.of(text, doc, people)
    drafts = assemble(article, find_cues(doc, ex.lexicon))
    drafts.sort(key=lambda d: d.start)
    return executed_lines(lambda: ex._records(text, ex._resolve(doc, drafts, people, article)))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(BLOCKS), min_size=2, max_size=5))
@example(BLOCKS[:3])  # pronoun- and name-dense: always tried
@example(BLOCKS)
@example([BLOCKS[0], BLOCKS[2], BLOCKS[2]])  # pronouns after name-dense lines: the ranker's window edge once showed
def test_speaker_work_is_linear_in_the_text(nlp, blocks) -> None:
    # without coreferee, whose bounded cost (below) would hide growth elsewhere; both texts are
    # longer than the speaker model's windows, so a linear step does 4x the work on 4x the text
    ex = Extractor(nlp, coreference=False)
    unit = "\n\n".join(blocks) + "\n\n"
    times = max(8, -(-WINDOW_CHARS // len(unit)))  # the small text already outgrows every window
    small, large = unit * times, unit * 4 * times
    doc_small = nlp(small)
    speaker_work(ex, doc_small, small)  # warm the per-process caches (name tables, gender table)
    work_small = speaker_work(ex, doc_small, small)
    work_large = speaker_work(ex, nlp(large), large)
    assert work_large <= 4.5 * work_small, (work_small, work_large)


def test_coreferee_runs_a_bounded_number_of_regions_per_article(extractor, nlp, monkeypatch) -> None:
    from quoteservice.extract import pronouns

    runs = []
    original = pronouns.PronounResolver.annotate
    monkeypatch.setattr(pronouns.PronounResolver, "annotate", lambda self, region: runs.append(len(region))
                        or original(self, region))
    # no quote context reaches the next pronoun (two paragraphs between), so each one asks coreferee
    text = "When Dmitry Peskov thanked Sergei Lavrov on Monday, he said that it rained.\n\n" \
        "The roads were closed.\n\nThe rain went on.\n\n"
    text *= 40
    extractor.extract(text)
    assert 0 < len(runs) <= pronouns.MAX_REGIONS


def test_pronoun_dense_text_costs_about_what_it_costs_without_coreference(extractor, nlp) -> None:
    text = "When Dmitry Peskov thanked Sergei Lavrov, " + "he said that " * 16 + "it rained."  # coreferee is asked
    doc = nlp(text)
    with_coref = speaker_work(extractor, doc, text)
    without = speaker_work(Extractor(nlp, coreference=False), doc, text)
    assert with_coref <= 1.5 * without + 5_000, (with_coref, without)
