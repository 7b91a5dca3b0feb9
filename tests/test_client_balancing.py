"""Client-side balancing: the CLI and QuoteClient spread calls over every server a target names (round_robin
through the service config), tested for real with three servers on 127.0.0.1, .2 and .3 on one port."""
from __future__ import annotations

import json
import pathlib
import re
import signal
import subprocess
import urllib.request
from collections.abc import Iterator

import pytest

from conftest import ROOT, SEEDS, ServerProcess, free_port, quotes_cmd
from quoteservice.client import QuoteClient, endpoints, extract_spread
from quoteservice.output import DocumentOutcome, to_dict
from quoteservice.v1 import quote_service_pb2 as pb

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")


@pytest.mark.parametrize(("target", "count"), [
    ("ipv4:127.0.0.1:5000,127.0.0.2:5000,127.0.0.3:5000", 3),
    ("ipv4:127.0.0.1:5000", 1),
    ("127.0.0.1:5000", 1),  # a plain host:port keeps one server's behaviour
    ("dns:///127.0.0.1:5000", 1),
    ("dns:///no-such-host.invalid:5000", 1),
])
def test_endpoints(target: str, count: int) -> None:
    assert endpoints(target) == count


def _free_everywhere() -> int:
    """A port free on all three loopback addresses."""
    import socket

    for _ in range(50):
        port = free_port()
        try:
            for host in HOSTS[1:]:
                with socket.socket() as s:
                    s.bind((host, port))
            return port
        except OSError:
            continue
    raise RuntimeError("no port free on 127.0.0.1-3")




@pytest.fixture
def three() -> Iterator[tuple[list[ServerProcess], list[int], str]]:
    """Three one-worker servers on 127.0.0.1/2/3, one port; their metrics ports; the ipv4: target."""
    port = _free_everywhere()
    metrics = [free_port() for _ in HOSTS]
    servers: list[ServerProcess] = []
    try:
        for host, mport in zip(HOSTS, metrics):
            servers.append(ServerProcess("--metrics-port", str(mport), "--grace", "0", workers=1, host=host,
                                         port=port))
        yield servers, metrics, "ipv4:" + ",".join(f"{h}:{port}" for h in HOSTS)
    finally:
        for s in servers:
            s.stop()


def _documents_done(host: str, mport: int) -> float:
    body = urllib.request.urlopen(f"http://{host}:{mport}/metrics", timeout=10).read().decode()
    return sum(float(v) for v in re.findall(r'^quoteservice_documents_total\{[^}]*\} ([0-9.e+]+)$', body, re.M))


def _requests(host: str, mport: int, method: str) -> float:
    body = urllib.request.urlopen(f"http://{host}:{mport}/metrics", timeout=10).read().decode()
    return sum(float(v) for v in re.findall(
        rf'^quoteservice_requests_total\{{[^}}]*method="{method}"[^}}]*\}} ([0-9.e+]+)$', body, re.M))


def test_the_python_client_spreads_unary_calls(three) -> None:  # type: ignore[no-untyped-def]
    servers, metrics, target = three
    with QuoteClient(target) as client:
        for i in range(9):
            assert client.extract(pb.Document(id=f"d{i}", text="“Yes,” Peskov said.")).quotes
    shares = [_requests(h, m, "ExtractQuotes") for h, m in zip(HOSTS, metrics)]
    assert all(n >= 1 for n in shares) and sum(shares) == 9, shares


def _seed_copies(directory: pathlib.Path, copies: int) -> list[pathlib.Path]:
    directory.mkdir()
    for i in range(copies):
        for p in SEEDS:
            (directory / f"{p.stem}-{i}.txt").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return sorted(directory.glob("*.txt"))


def _embedded(engine, files: list[pathlib.Path]) -> list[dict]:  # type: ignore[no-untyped-def]
    return [to_dict(DocumentOutcome(f.stem, response=engine.extract(pb.Document(id=f.stem, text=f.read_text(
        encoding="utf-8"))))) for f in files]


def test_the_cli_spreads_a_batch_over_three_servers(three, engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    servers, metrics, target = three
    files = _seed_copies(tmp_path / "docs", 4)
    r = subprocess.run([*quotes_cmd(), "extract", str(tmp_path / "docs"), "--server", target, "--format", "jsonl"],
                       capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert [json.loads(line) for line in r.stdout.splitlines()] == _embedded(engine, files)
    shares = [_documents_done(h, m) for h, m in zip(HOSTS, metrics)]
    assert sum(shares) == len(files) and all(n >= 2 for n in shares), shares


def test_a_server_stopped_in_the_middle_of_a_batch_loses_no_document(three, engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SIGTERM to one of the three (--grace 0: its calls in flight are cut at once) while every stream has
    documents in flight: its unanswered documents go to the others; every document is answered once, in order,
    as the embedded engine answers it."""
    servers, metrics, target = three
    files = _seed_copies(tmp_path / "docs", 8)
    docs = [pb.Document(id=f.stem, text=f.read_text(encoding="utf-8")) for f in files]
    got = []
    for r in extract_spread(target, docs, inflight=2):
        got.append(r)
        if len(got) == 3:
            assert servers[2].stop(signal.SIGTERM) == 0
    assert [to_dict(DocumentOutcome(r.document_id, response=r.result)) for r in got] == _embedded(engine, files)
    others = _documents_done(HOSTS[0], metrics[0]) + _documents_done(HOSTS[1], metrics[1])
    taken_by_stopped = sum(int(n) for n in re.findall(r"BatchExtractQuotes code=\w+ .*? documents=(\d+)",
                                                      servers[2].output()))
    assert others < len(files)  # the stopped server answered some
    assert others + taken_by_stopped > len(files)  # what it took and did not answer was sent again
