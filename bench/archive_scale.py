"""The archive at scale: a synthetic archive of N quotes, then index throughput, search latency and the cost
of clustering one new article as the archive grows.

Synthetic data: PolNeAR quote texts (train and dev gold; research data read from ../shared, never stored),
speakers drawn from the names PolNeAR's mentions give (ids by quoteservice.names), one document per 20
quotes, 50 outlets, dates over three years; 15% of quotes repeat an earlier one of the same speaker in
another outlet, a third of those with an edit ("[word]" inserted, a word dropped or replaced), so clusters
form as in news. Extraction is not run: responses are built directly, so this measures the archive alone.
Usage: python bench/archive_scale.py [--quotes 1000000] [--db sqlite:///…] [--probes 20]
"""
from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import random
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sqlalchemy import func, select  # noqa: E402

from quoteservice.archive.api import search as api_search  # noqa: E402
from quoteservice.archive.schema import quote_keys  # noqa: E402
from quoteservice.archive.store import Archive, ArchiveDocument  # noqa: E402
from quoteservice.names.ids import speaker_id  # noqa: E402
from quoteservice.v1 import archive_pb2 as apb  # noqa: E402
from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402

GOLD = [ROOT.parent / "shared" / "eval" / "polnear" / f"{s}.gold.jsonl" for s in ("train", "dev")]
TYPES = {"direct": pb.QUOTE_TYPE_DIRECT, "mixed": pb.QUOTE_TYPE_MIXED, "indirect": pb.QUOTE_TYPE_INDIRECT}
PER_DOC = 20


def _pool() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(quote type, text) pairs and (speaker id, name) pairs from PolNeAR's gold."""
    quotes, names = [], {}
    for path in GOLD:
        for line in path.open(encoding="utf-8"):
            for q in json.loads(line)["quotes"]:
                if len(q["text"].split()) >= 4:
                    quotes.append((q["type"], q["text"]))
                m = (q.get("mention") or {}).get("text", "")
                if m[:1].isupper() and len(m.split()) in (2, 3) and all(w[:1].isupper() for w in m.split()):
                    sid = speaker_id(m, "PERSON")
                    if sid.startswith("per:"):
                        names[sid] = m
    return quotes, sorted(names.items())


def _edit(rng: random.Random, text: str) -> str:
    words = text.split()
    i = rng.randrange(len(words))
    kind = rng.choice(("insert", "drop", "replace"))
    if kind == "insert":
        words.insert(i, f"[{rng.choice(('rockets', 'sic', 'the war', 'Russia'))}]")
    elif kind == "drop" and len(words) > 4:
        del words[i]
    else:
        words[i] = rng.choice(("very", "clearly", "never", "all"))
    return " ".join(words)


class Generator:
    """Synthetic documents of PER_DOC quotes each (deterministic for a seed)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.quotes, self.speakers = _pool()
        self.said: list[tuple[str, str, str, str]] = []  # (speaker id, name, type, text) already archived
        self.n = 0

    def document(self) -> tuple[ArchiveDocument, pb.ExtractQuotesResponse]:
        rng = self.rng
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=(self.n // 40) % 1095)
        parts = []
        for _ in range(PER_DOC):
            if self.said and rng.random() < 0.15:
                sid, name, qtype, text = rng.choice(self.said[-20000:])
                text = _edit(rng, text) if rng.random() < 0.33 else text
            else:
                (qtype, text), (sid, name) = rng.choice(self.quotes), rng.choice(self.speakers)
            self.said.append((sid, name, qtype, text))
            parts.append((sid, name, qtype, text))
        body, resp = "", pb.ExtractQuotesResponse(document_id=f"d{self.n:07d}")
        for k, (sid, name, qtype, text) in enumerate(parts, start=1):
            start = len(body)
            body += text + "\n\n"
            resp.quotes.add(id=f"q{k}", text=text, start=start, end=start + len(text), type=TYPES[qtype], confidence=0.9,
                            speaker=pb.Speaker(id=sid, name=name, kind=pb.SPEAKER_KIND_PERSON))
        for sid, name in {(p[0], p[1]) for p in parts}:
            resp.speakers.add(id=sid, name=name, kind=pb.SPEAKER_KIND_PERSON)
        doc = ArchiveDocument(resp.document_id, body, outlet=f"outlet{self.n % 50}", published_at=day.isoformat())
        self.n += 1
        return doc, resp


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"p50 {statistics.median(xs) * 1000:.1f} ms, p99 {xs[min(len(xs) - 1, int(len(xs) * 0.99))] * 1000:.1f} ms"


def _probe(archive: Archive, gen: Generator, n: int) -> list[float]:
    """Seconds to index (extract excluded) and cluster each of `n` new articles."""
    out = []
    for _ in range(n):
        doc, resp = gen.document()
        t0 = time.perf_counter()
        archive.index(doc, resp)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--db", help="archive URL (default: a temporary SQLite file)")
    ap.add_argument("--probes", type=int, default=20, help="articles timed at each checkpoint")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    archive = Archive(args.db or f"sqlite:///{tmp.name}/scale.db")
    gen = Generator()
    print(f"archive {archive.dialect}; pool: {len(gen.quotes)} PolNeAR quotes, {len(gen.speakers)} speakers")
    checkpoints = sorted({c for c in (10_000, 100_000, 1_000_000, args.quotes) if c <= args.quotes})
    t_index, stored = 0.0, 0
    for cp in checkpoints:
        t0 = time.perf_counter()
        while stored < cp:
            archive.index(*gen.document())
            stored += PER_DOC
        t_index += time.perf_counter() - t0
        probes = _probe(archive, gen, args.probes)
        stored += args.probes * PER_DOC
        with archive.engine.connect() as conn:
            keys = conn.execute(select(func.count()).select_from(quote_keys)).scalar()
        print(f"{stored:>9,} quotes: indexed at {stored / t_index:,.0f} quotes/s so far; one new article "
              f"({PER_DOC} quotes) indexed and clustered: {_ms(probes)}; {keys:,} blocking keys")
    rng = random.Random(3)
    speakers = [s for s, _ in gen.speakers]
    words = [w for _, t in gen.quotes[:5000] for w in t.split() if len(w) > 6 and w.isalpha()]
    lat_speaker, lat_text, hits = [], [], 0
    for _ in range(args.queries):
        t0 = time.perf_counter()
        api_search(archive, apb.SearchQuotesRequest(speaker=rng.choice(speakers)))
        lat_speaker.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hits += len(api_search(archive, apb.SearchQuotesRequest(text=" ".join(rng.sample(words, 2)))).quotes)
        lat_text.append(time.perf_counter() - t0)
    print(f"search by speaker (100 newest): {_ms(lat_speaker)}")
    print(f"full-text, two words (100 newest): {_ms(lat_text)}; {hits / args.queries:.1f} hits per query")
    t0 = time.perf_counter()
    clusters = archive.clusters(limit=100)
    print(f"first 100 clusters: {(time.perf_counter() - t0) * 1000:.0f} ms; "
          f"{sum(c.altered for c in clusters)} of them altered")
    tmp.cleanup()


if __name__ == "__main__":
    main()
