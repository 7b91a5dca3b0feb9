"""Soak test: minutes of mixed load on a real `quotes serve`; RSS per worker over time and every non-OK status.

The load: article pieces (from --texts, default the seeds) with words the vocab has never seen mixed in
(so an unbounded StringStore would show), bad inputs (empty, over the size limit, malformed bytes), and
calls cancelled by a tiny deadline. Expected statuses: OK for articles, INVALID_ARGUMENT / RESOURCE_EXHAUSTED
for bad inputs, DEADLINE_EXCEEDED / CANCELLED for the cancelled calls, RESOURCE_EXHAUSTED (shed) under
overload. Anything else is unexpected and printed. RSS is sampled from /proc every --sample seconds;
growth is measured from the end of the warm-up (the first fifth of the run) to the end.
Usage: python bench/soak.py [--minutes 10] [--workers 2] [--clients 6] [--texts DIR]
"""
from __future__ import annotations

import argparse
import collections
import os
import pathlib
import random
import string
import sys
import threading
import time

import grpc

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from load import start_server  # noqa: E402

from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc  # noqa: E402

EXPECTED = {
    "article": {"OK", "RESOURCE_EXHAUSTED"},
    "empty": {"INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"},
    "too_long": {"RESOURCE_EXHAUSTED"},
    "malformed": {"INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"},
    "cancelled": {"OK", "DEADLINE_EXCEEDED", "CANCELLED", "RESOURCE_EXHAUSTED"},
}


def _pieces(folder: pathlib.Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        paras = [p for p in path.read_text(errors="replace").split("\n") if p.strip()]
        out += ["\n\n".join(paras[i:i + 6]) for i in range(0, len(paras), 6)]
    return out


def _novel(rng: random.Random) -> str:
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=8)).title() for _ in range(40))


def _rss_kb(pid: int) -> int:
    try:
        return int(pathlib.Path(f"/proc/{pid}/status").read_text().split("VmRSS:")[1].split()[0])
    except (OSError, IndexError):
        return 0


def _children(parent: int) -> list[int]:
    """The server's worker processes (spawned children; not multiprocessing's resource tracker)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(pathlib.Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            cmdline = pathlib.Path(f"/proc/{entry}/cmdline").read_bytes() if ppid == parent else b""
            if b"spawn_main" in cmdline:
                out.append(int(entry))
    return sorted(out)


def _one_call(stub: pb_grpc.QuoteServiceStub, raw: grpc.UnaryUnaryMultiCallable, kind: str, text: str) -> str:
    try:
        if kind == "malformed":
            raw(b"\xff\xff\xff\x07garbage", timeout=30)
        elif kind == "cancelled":
            stub.ExtractQuotes(pb.ExtractQuotesRequest(document=pb.Document(id="c", text=text)), timeout=0.05)
        else:
            doc = {"empty": "", "too_long": "x " * 150_000}.get(kind, text)
            stub.ExtractQuotes(pb.ExtractQuotesRequest(document=pb.Document(id=kind, text=doc)), timeout=60)
        return "OK"
    except grpc.RpcError as exc:
        return exc.code().name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--clients", type=int, default=6, help="closed-loop callers (default: saturating and more)")
    ap.add_argument("--sample", type=float, default=30.0, help="seconds between RSS samples")
    ap.add_argument("--texts", type=pathlib.Path, default=ROOT / "seeds")
    args = ap.parse_args()
    pieces = _pieces(args.texts)
    proc, target = start_server(args.workers, args.threads)
    statuses: collections.Counter[tuple[str, str]] = collections.Counter()
    lock = threading.Lock()
    stop = time.monotonic() + args.minutes * 60

    def client(k: int) -> None:
        rng = random.Random(k)
        kinds = ["article"] * 16 + ["empty", "too_long", "malformed", "cancelled"]
        with grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1),
                                                    ("grpc.max_send_message_length", 8 << 20)]) as ch:
            stub = pb_grpc.QuoteServiceStub(ch)
            raw = ch.unary_unary("/quoteservice.v1.QuoteService/ExtractQuotes")
            while time.monotonic() < stop:
                kind = rng.choice(kinds)
                text = rng.choice(pieces) + "\n\n" + _novel(rng) + " said the talks would resume."
                code = _one_call(stub, raw, kind, text)
                with lock:
                    statuses[(kind, code)] += 1
                if code == "RESOURCE_EXHAUSTED" and kind == "article":
                    time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(args.clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    samples: list[tuple[float, dict[int, int]]] = []
    print(f"soak: {args.minutes:g} min, {args.workers} workers x {args.threads} threads, {args.clients} clients")
    while time.monotonic() < stop:
        workers = _children(proc.pid)
        samples.append((time.monotonic() - t0, {w: _rss_kb(w) for w in workers}))
        t, rss = samples[-1]
        print(f"  t={t:6.0f}s  RSS MB per worker: " + "  ".join(f"{w}:{kb / 1024:.0f}" for w, kb in rss.items()),
              flush=True)
        time.sleep(min(args.sample, max(0.0, stop - time.monotonic())))
    for t in threads:
        t.join(90)
    samples.append((time.monotonic() - t0, {w: _rss_kb(w) for w in _children(proc.pid)}))
    proc.terminate()
    proc.wait(60)
    _report(samples, statuses, args.minutes * 60 / 5)


def _report(samples: list[tuple[float, dict[int, int]]], statuses: collections.Counter[tuple[str, str]],
            warmup: float) -> None:
    total = sum(statuses.values())
    print(f"calls: {total}")
    for (kind, code), n in sorted(statuses.items()):
        flag = "" if code in EXPECTED[kind] else "   <-- UNEXPECTED"
        print(f"  {kind:<10} {code:<20} {n:>7}{flag}")
    unexpected = sum(n for (kind, code), n in statuses.items() if code not in EXPECTED[kind])
    print(f"unexpected statuses: {unexpected}")
    after = next((s for s in samples if s[0] >= warmup), samples[0])
    last = samples[-1]
    for w in sorted(after[1]):
        if w in last[1] and after[1][w]:
            growth = (last[1][w] - after[1][w]) / after[1][w]
            print(f"worker {w}: RSS {after[1][w] / 1024:.0f} MB after warm-up (t={after[0]:.0f}s) -> "
                  f"{last[1][w] / 1024:.0f} MB at the end: {growth:+.1%}")
        else:
            print(f"worker {w}: restarted during the run (not compared)")


if __name__ == "__main__":
    main()
