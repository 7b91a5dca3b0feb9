"""Shared fixtures: the spaCy pipeline, an engine, and a real `quotes serve` process on a free port."""
from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import settings

ROOT = pathlib.Path(__file__).resolve().parent.parent
# property tests without their own example count run 100 examples in CI; HYPOTHESIS_PROFILE=fuzz runs 100,000
settings.register_profile("ci", max_examples=100)
settings.register_profile("fuzz", max_examples=100_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def quotes_cmd() -> list[str]:
    """The installed `quotes` console script (falls back to `python -m quoteservice.cli`)."""
    exe = shutil.which("quotes", path=os.path.dirname(sys.executable)) or shutil.which("quotes")
    return [exe] if exe else [sys.executable, "-m", "quoteservice.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_serving(target: str, timeout: float = 90.0, proc: subprocess.Popen | None = None) -> None:
    """Poll the health service until it reports SERVING."""
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(target) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"server exited early with {proc.returncode}")
            try:
                if stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=2).status == \
                        health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.3)
    raise TimeoutError(f"{target} not SERVING after {timeout} s")


class ServerProcess:
    """A `quotes serve` subprocess; `target` is HOST:PORT."""

    def __init__(self, *args: str, workers: int = 2, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.port = port or free_port()
        self.target = f"{host}:{self.port}"
        self.log = ROOT / ".pytest_cache" / f"server-{host}-{self.port}.log"
        self.log.parent.mkdir(exist_ok=True)
        self._log = self.log.open("w")
        self.proc = subprocess.Popen([*quotes_cmd(), "serve", "--host", host, "--port", str(self.port),
                                      "--workers", str(workers), *args],
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            wait_serving(self.target, proc=self.proc)
        except Exception:
            self.stop()
            raise

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def output(self) -> str:
        return self.log.read_text()


@pytest.fixture(scope="session")
def nlp():
    from quoteservice.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from quoteservice.extract import Extractor
    return Extractor(nlp)


@pytest.fixture(scope="session")
def engine(extractor):
    from quoteservice.api import Limits, QuoteEngine
    return QuoteEngine(extractor, Limits(max_chars=20_000))


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    """One real multi-process server for the integration tests (small limits to test errors)."""
    s = ServerProcess("--max-chars", "20000", "--max-message-bytes", "200000", workers=2)
    yield s
    s.stop()


# -- the archive (tests/archive) ----------------------------------------------------------------
SEED_DATES = {"000": "2022-02-28", "001": "2022-03-30", "002": "2022-03-01", "003": "2022-02-28", "004": "2022-02-27"}


@pytest.fixture(scope="session")
def seed_responses(engine):
    from quoteservice.v1 import quote_service_pb2 as pb

    return {p.stem: engine.extract(pb.Document(id=p.stem, text=p.read_text(encoding="utf-8"))) for p in SEEDS}


def seed_document(path: pathlib.Path):  # type: ignore[no-untyped-def]
    from quoteservice.archive.store import ArchiveDocument

    return ArchiveDocument(path.stem, path.read_text(encoding="utf-8"), url=f"https://example.org/{path.stem}",
                           title=path.stem, outlet=f"outlet-{path.stem[:3]}", published_at=SEED_DATES[path.stem[:3]])


@pytest.fixture(scope="module")
def seeds_archive(tmp_path_factory, seed_responses):
    from quoteservice.archive.store import Archive

    archive = Archive(f"sqlite:///{tmp_path_factory.mktemp('archive')}/seeds.db")
    for path in SEEDS:
        archive.index(seed_document(path), seed_responses[path.stem])
    return archive


# -- PostgreSQL (tests/archive/test_postgres.py) ----------------------------------------------------------
def _pg_bindir() -> pathlib.Path:
    """The machine's PostgreSQL server binaries (Debian: /usr/lib/postgresql/<major>/bin); .ci/run installs them."""
    for candidate in sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists() and (candidate / "initdb").exists():
            return candidate
    found = shutil.which("pg_ctl")
    if found:
        return pathlib.Path(os.path.realpath(found)).parent
    raise RuntimeError("no PostgreSQL server binaries (pg_ctl, initdb): .ci/run installs Debian's postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[tuple[str, int, str]]:
    """A real PostgreSQL server on loopback for this test run: (host, port, user). Run as the `postgres` user
    when the tests run as root (the server refuses root)."""
    import tempfile

    bindir = _pg_bindir()
    datadir = pathlib.Path(tempfile.mkdtemp(prefix="qs-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(datadir / "data"), "-A", "trust", "-U", "postgres",
                    "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(datadir / "data"), "-l", str(datadir / "log"), "-w",
                    "-o", f"-p {port} -h 127.0.0.1 -k {datadir} -F", "start"], check=True, capture_output=True)
    try:
        yield "127.0.0.1", port, "postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(datadir / "data"), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server, request) -> Iterator[str]:
    """A fresh database on the test server (pytest-postgresql's janitor creates and drops it)."""
    from pytest_postgresql.janitor import DatabaseJanitor

    host, port, user = pg_server
    name = "qs_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    with DatabaseJanitor(user=user, host=host, port=port, dbname=name):
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"


@contextlib.contextmanager
def archive_server(engine, url: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A real in-process gRPC server (QuoteService and the archive at `url`) on a free loopback port; its target."""
    from grpc_health.v1 import health

    from quoteservice.server.app import ServerConfig, build_server
    from quoteservice.server.servicer import QuoteServicer

    h = health.HealthServicer()
    h.set("", health_pb2.HealthCheckResponse.SERVING)
    server = build_server(ServerConfig(db=url), QuoteServicer(engine), h)
    port = free_port()
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(None)
