"""Kill -9 a worker under load: in-flight calls end UNAVAILABLE or are retried, the parent restarts it,
and a batch through `quotes extract --server` returns every document exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time

import grpc

from conftest import ROOT, SEEDS, ServerProcess, quotes_cmd
from quoteservice.client import QuoteClient
from quoteservice.v1 import quote_service_pb2 as pb
from quoteservice.v1 import quote_service_pb2_grpc as pb_grpc


def _workers(parent: int) -> list[int]:
    """The pids of a process's children (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                out.append(int(entry))
    return out


def _serving_workers(s: ServerProcess, n: int, timeout: float = 120) -> list[int]:
    deadline = time.monotonic() + timeout
    while s.output().count("serving on") < n:
        assert time.monotonic() < deadline, s.output()
        time.sleep(0.2)
    return [p for p in _workers(s.proc.pid) if f"pid={p} serving" in s.output()]


def test_kill_9_a_worker_under_load_loses_nothing(tmp_path) -> None:
    s = ServerProcess(workers=2)
    try:
        victims = _serving_workers(s, 2)
        assert len(victims) == 2
        docs = []
        for i in range(24):  # a batch long enough to be in flight when the worker dies
            path = tmp_path / f"doc{i:02d}.txt"
            path.write_text(SEEDS[i % len(SEEDS)].read_text())
            docs.append(path)
        batch = subprocess.Popen([*quotes_cmd(), "extract", *map(str, docs), "--server", s.target, "-f", "jsonl"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        unary: list[object] = []

        def unary_calls() -> None:  # calls on the retrying client meanwhile
            with QuoteClient(s.target) as c:
                for i in range(6):
                    try:
                        unary.append(c.extract(pb.Document(id=f"u{i}", text=SEEDS[0].read_text()), timeout=120))
                    except grpc.RpcError as exc:
                        unary.append(exc.code())

        caller = threading.Thread(target=unary_calls)
        caller.start()
        time.sleep(3)  # both are under way
        os.kill(victims[0], signal.SIGKILL)
        out, err = batch.communicate(timeout=300)
        caller.join(300)
        assert batch.returncode == 0, err.decode()
        ids = [json.loads(line)["doc_id"] for line in out.decode().splitlines()]
        assert ids == [p.stem for p in docs]  # every document, once, in input order
        assert all("error" not in json.loads(line) for line in out.decode().splitlines())
        assert all(isinstance(r, pb.ExtractQuotesResponse) for r in unary), unary
        assert f"worker pid={victims[0]} exited with -9; restarting" in s.output()
        _serving_workers(s, 3)  # the replacement serves
    finally:
        s.stop()


def test_an_in_flight_call_on_a_killed_worker_ends_unavailable() -> None:
    s = ServerProcess(workers=1)
    try:
        [victim] = _serving_workers(s, 1)
        result: dict[str, object] = {}
        text = "\n\n".join(p.read_text() for p in SEEDS)[:19_000]

        def call() -> None:  # no retries: see the status the call itself ends with
            with grpc.insecure_channel(s.target) as ch:
                try:
                    pb_grpc.QuoteServiceStub(ch).ExtractQuotes(
                        pb.ExtractQuotesRequest(document=pb.Document(id="x", text=text)), timeout=60)
                    result["code"] = grpc.StatusCode.OK
                except grpc.RpcError as exc:
                    result["code"] = exc.code()

        t = threading.Thread(target=call)
        t.start()
        time.sleep(0.5)
        os.kill(victim, signal.SIGKILL)
        t.join(60)
        assert result["code"] is grpc.StatusCode.UNAVAILABLE
    finally:
        s.stop()
