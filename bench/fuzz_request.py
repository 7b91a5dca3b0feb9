"""Fuzz the request path: protobuf bytes -> decoding -> validation -> extraction -> response, with atheris.

Every input must end in OK, INVALID_ARGUMENT or RESOURCE_EXHAUSTED, within the per-document budget; a
crash (any other exception), a status outside those three or a document over the budget is a finding:
atheris stops and writes the input (crash-*) to the working folder. Add such inputs to tests/fuzz_corpus/
(tests/test_fuzz_corpus.py replays them) once fixed. That folder also seeds the fuzzer; the inputs it
finds interesting go to a scratch folder (--work, default a temporary one), not into the repository.
Usage: python bench/fuzz_request.py [-runs=100000] [-max_len=4096] [-timeout=30] [corpus_dir ...]
        (atheris' libFuzzer flags; without -runs it runs until stopped). --no-fuzz replays the corpus only.
"""
from __future__ import annotations

import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from google.rpc import code_pb2  # noqa: E402

from quoteservice.api import Limits, QuoteEngine, RequestError  # noqa: E402
from quoteservice.extract.budget import Stopped  # noqa: E402
from quoteservice.server.servicer import Malformed, tolerant  # noqa: E402
from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402

ALLOWED = {code_pb2.OK, code_pb2.INVALID_ARGUMENT, code_pb2.RESOURCE_EXHAUSTED}
BUDGET_SECONDS = 5.0  # the per-document budget a fuzz input must stay within
_decode = tolerant(pb.ExtractQuotesRequest.FromString)
_engine: QuoteEngine | None = None


def engine() -> QuoteEngine:
    global _engine
    if _engine is None:
        from quoteservice.extract import Extractor
        from quoteservice.nlp import load_pipeline

        _engine = QuoteEngine(Extractor(load_pipeline()), Limits(max_chars=20_000, max_seconds_per_doc=BUDGET_SECONDS))
    return _engine


class Finding(Exception):
    """An input the request path mishandled."""


def check_one(data: bytes) -> int:
    """Run one request through the path; its google.rpc code, or Finding."""
    request = _decode(data)
    if isinstance(request, Malformed):
        return code_pb2.INVALID_ARGUMENT
    t0 = time.perf_counter()
    try:
        response = engine().extract(request.document, request.options, engine().budget())
    except RequestError as err:
        code = err.code
    except Stopped as stop:
        raise Finding(f"over the {BUDGET_SECONDS} s budget: {stop}") from None
    else:
        code = code_pb2.OK
        text = request.document.text
        for q in response.quotes:  # the offsets a client relies on
            if not (0 <= q.start <= q.end <= len(text)) or text[q.start:q.end] != q.text:
                raise Finding(f"quote {q.id} span {q.start}:{q.end} does not match its text")
    if code not in ALLOWED:
        raise Finding(f"status {code_pb2.Code.Name(code)}")
    if time.perf_counter() - t0 > BUDGET_SECONDS * 1.5:
        raise Finding("took longer than the budget allows")
    return code


def main() -> None:
    import atheris

    corpus = ROOT / "tests" / "fuzz_corpus"
    if "--no-fuzz" in sys.argv:
        for path in sorted(corpus.iterdir()):
            print(path.name, code_pb2.Code.Name(check_one(path.read_bytes())))
        return
    import tempfile

    engine()  # load before fuzzing starts
    atheris.instrument_all()  # coverage feedback from every Python function loaded, ours included
    counts: dict[int, int] = {}

    def one_input(data: bytes) -> None:
        code = check_one(data)
        counts[code] = counts.get(code, 0) + 1
        n = sum(counts.values())
        if n % 10_000 == 0:
            print(f"#{n}: " + ", ".join(f"{code_pb2.Code.Name(c)} {k}" for c, k in sorted(counts.items())), flush=True)

    args = [a for a in sys.argv[1:] if not a.startswith("--work=")]
    work = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--work=")), None) \
        or tempfile.mkdtemp(prefix="quoteservice-fuzz-")
    atheris.Setup([sys.argv[0], *args, work, str(corpus)], one_input)  # libFuzzer writes to the first folder
    atheris.Fuzz()


if __name__ == "__main__":
    main()
