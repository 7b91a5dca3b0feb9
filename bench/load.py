"""Load test on loopback: throughput, latency of accepted calls and refusal rate under overload.

Starts `quotes serve` (its own workers and threads), then for 1x, 2x and 4x the saturating concurrency
(workers x threads calls in flight) runs that many closed-loop clients for --seconds each: every client
sends seed paragraphs as unary calls, on its own channel and without retries, so refusals are counted
rather than hidden. Prints per level: calls/s accepted, p50/p99 of accepted calls, refusal rate, and the
p99 ratio against 1x (load shedding's goal: at 4x, at most 3x the 1x p99).
Usage: python bench/load.py [--workers 2] [--threads 2] [--seconds 20]
"""
from __future__ import annotations

import argparse
import pathlib
import socket
import statistics
import subprocess
import sys
import threading
import time

import grpc

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from quoteservice.v1 import quote_service_pb2 as pb  # noqa: E402
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc  # noqa: E402


def _texts() -> list[str]:
    """Article-sized pieces of the seeds: groups of ~6 paragraphs."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paras = [p for p in path.read_text().split("\n") if p.strip()]
        out += ["\n\n".join(paras[i:i + 6]) for i in range(0, len(paras), 6)]
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quoteservice.cli", "serve", "--port", str(port), "--workers",
                             str(workers), "--threads", str(threads), "--log-level", "WARNING"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = f"127.0.0.1:{port}"
    with grpc.insecure_channel(target) as ch:
        stub = pb_grpc.QuoteServiceStub(ch)
        deadline = time.monotonic() + 120
        while True:  # every worker answers (each connection may land on another one)
            try:
                stub.ExtractQuotes(pb.ExtractQuotesRequest(document=pb.Document(id="w", text="He said hi.")),
                                   timeout=5, wait_for_ready=True)
                break
            except grpc.RpcError:
                if time.monotonic() > deadline:
                    raise
    time.sleep(3)  # the other workers finish loading
    return proc, target


def run_level(target: str, clients: int, seconds: float, texts: list[str]) -> dict[str, float]:
    """`clients` closed-loop callers for `seconds`: accepted latencies and refusals."""
    ok: list[float] = []
    refused = [0]
    other: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        with grpc.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)]) as ch:
            stub = pb_grpc.QuoteServiceStub(ch)
            i = k
            while time.monotonic() < stop:
                doc = pb.Document(id=f"c{k}-{i}", text=texts[i % len(texts)])
                t0 = time.perf_counter()
                try:
                    stub.ExtractQuotes(pb.ExtractQuotesRequest(document=doc), timeout=60)
                    with lock:
                        ok.append(time.perf_counter() - t0)
                except grpc.RpcError as exc:
                    with lock:
                        if exc.code() is grpc.StatusCode.RESOURCE_EXHAUSTED:
                            refused[0] += 1
                        else:
                            other[exc.code().name] = other.get(exc.code().name, 0) + 1
                    time.sleep(0.05)  # a refused client backs off briefly, as a retry policy would
                i += clients

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = len(ok) + refused[0] + sum(other.values())
    q = statistics.quantiles(ok, n=100) if len(ok) >= 2 else [float("nan")] * 99
    return {"clients": clients, "calls_per_s": len(ok) / seconds, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "refusal_rate": refused[0] / total if total else 0.0, "accepted": len(ok), "other_errors": sum(other.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=20.0)
    args = ap.parse_args()
    texts = _texts()
    proc, target = start_server(args.workers, args.threads)
    try:
        saturating = args.workers * args.threads
        print(f"server: {args.workers} workers x {args.threads} threads (waiting = threads); saturating "
              f"concurrency {saturating}; {args.seconds:.0f} s per level; {len(texts)} seed pieces")
        print(f"{'load':>5} {'clients':>7} {'calls/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'refused':>8} {'p99/1x':>7}")
        base = None
        for mult in (1, 2, 4):
            r = run_level(target, saturating * mult, args.seconds, texts)
            base = base or r["p99_ms"]
            print(f"{mult:>4}x {r['clients']:>7d} {r['calls_per_s']:>8.1f} {r['p50_ms']:>8.0f} {r['p99_ms']:>8.0f} "
                  f"{r['refusal_rate']:>7.1%} {r['p99_ms'] / base:>7.2f}"
                  + (f"  other errors: {r['other_errors']}" if r["other_errors"] else ""))
    finally:
        proc.terminate()
        proc.wait(60)


if __name__ == "__main__":
    main()
