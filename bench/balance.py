"""Client-side balancing on loopback: three `quotes serve` on 127.0.0.1, .2 and .3 (one port, one worker each),
`quotes extract --server ipv4:…` over the seeds repeated, and each server's share of the documents read from its
Prometheus metrics (counted when a stream ends); with --stop S, the third server gets SIGTERM (--grace 0) S seconds
into the batch, and the documents it answered are the total less the others' shares.
Usage: python bench/balance.py [--copies 8] [--stop 2.5]
"""
from __future__ import annotations

import argparse
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")
QUOTES = str(pathlib.Path(sys.executable).parent / "quotes")


def _port() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            for host in HOSTS[1:]:
                with socket.socket() as s:
                    s.bind((host, port))
            return port
        except OSError:
            continue


def _documents(host: str, mport: int) -> float:
    try:
        body = urllib.request.urlopen(f"http://{host}:{mport}/metrics", timeout=5).read().decode()
    except OSError:
        return float("nan")
    return sum(float(v) for v in re.findall(r"^quoteservice_documents_total\{[^}]*\} ([0-9.e+]+)$", body, re.M))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--stop", type=float, help="stop the third server this many seconds into the batch")
    args = ap.parse_args()
    port, metrics = _port(), [_port() for _ in HOSTS]
    servers = [subprocess.Popen([QUOTES, "serve", "--host", h, "--port", str(port), "--workers", "1", "--grace", "0",
                                 "--metrics-port", str(m)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for h, m in zip(HOSTS, metrics)]
    docs = pathlib.Path(tempfile.mkdtemp(prefix="qs-balance-"))
    try:
        for i in range(args.copies):
            for p in sorted((ROOT / "seeds").glob("*.txt")):
                shutil.copy(p, docs / f"{p.stem}-{i}.txt")
        time.sleep(8)  # the pipelines load
        target = "ipv4:" + ",".join(f"{h}:{port}" for h in HOSTS)
        t0 = time.perf_counter()
        cli = subprocess.Popen([QUOTES, "extract", str(docs), "--server", target, "--format", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if args.stop is not None:
            time.sleep(args.stop)
            running = cli.poll() is None
            servers[2].send_signal(signal.SIGTERM)
        out, err = cli.communicate()
        seconds = time.perf_counter() - t0
        lines = out.splitlines()
        print(f"{len(lines)} documents of {args.copies * 5} answered in {seconds:.1f} s, exit {cli.returncode}")
        shares = [_documents(h, m) for h, m in zip(HOSTS, metrics)]
        if args.stop is not None:
            shares[2] = len(lines) - shares[0] - shares[1]
            print(f"  {HOSTS[2]} got SIGTERM (--grace 0) {args.stop} s in, the batch {'running' if running else 'done'}")
        for host, n in zip(HOSTS, shares):
            print(f"  {host}: {n:.0f} documents")
    finally:
        for s in servers:
            s.send_signal(signal.SIGTERM)
        for s in servers:
            s.wait(30)
        shutil.rmtree(docs, ignore_errors=True)


if __name__ == "__main__":
    main()
