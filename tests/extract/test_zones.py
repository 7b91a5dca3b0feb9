"""The shared memory zone: new words do not grow the vocab, and records outlive their Docs."""
from __future__ import annotations

import threading

from quoteservice.extract.zones import SharedMemoryZone


def _novel(i: int) -> str:
    return (f"“We will talk again,” Zorvath{i}ick Qelmanov{i}a said on Monday about the Xyl{i}ptrin accord. "
            f"He said the blorf{i}quax talks would resume.")


def test_new_words_do_not_stay_in_the_vocab(extractor) -> None:
    extractor.extract(_novel(0))
    strings = len(extractor.nlp.vocab.strings)
    records = [extractor.extract(_novel(i)) for i in range(1, 40)]
    assert len(extractor.nlp.vocab.strings) <= strings  # (len(vocab) counts lexemes ever added, freed or not)
    assert "Qelmanov39a" not in extractor.nlp.vocab and "Qelmanov39a" not in extractor.nlp.vocab.strings
    # the records are plain data, intact after their zone closed
    assert [q.span.text for q in records[-1].quotes][0] == "We will talk again"
    assert any("Qelmanov39a" in q.speaker.name for q in records[-1].quotes if q.speaker)


def test_concurrent_calls_share_one_zone_that_closes(extractor) -> None:
    before = extractor.zone.closed
    out: list[int] = []

    def work(k: int) -> None:
        for i in range(5):
            out.append(len(extractor.extract(_novel(100 * k + i)).quotes))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 20 and all(n >= 1 for n in out)
    assert extractor.zone.closed > before


def test_a_full_zone_makes_new_calls_wait_until_it_closes(nlp) -> None:
    zone = SharedMemoryZone(nlp, docs_per_zone=2)
    with zone(), zone():
        entered = threading.Event()

        def third() -> None:
            with zone():
                entered.set()

        t = threading.Thread(target=third)
        t.start()
        assert not entered.wait(0.3)  # the zone is full: the third call waits for it to drain
    t.join(5)
    assert entered.is_set() and zone.closed == 2
