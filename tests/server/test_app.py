"""`quotes serve` as a platform team runs it: ports in use, readiness as logged, deadlines as logged."""
from __future__ import annotations

import socket
import subprocess
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from conftest import ROOT, SEEDS, free_port, quotes_cmd
from quoteservice.client import QuoteClient
from quoteservice.v1 import quote_service_pb2 as pb


def _serve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*quotes_cmd(), "serve", "--workers", "1", *args], capture_output=True, timeout=timeout,
                          cwd=ROOT)


def test_metrics_port_taken_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        r = _serve("--port", str(free_port()), "--metrics-port", str(taken.getsockname()[1]))
    err = r.stderr.decode()
    assert r.returncode != 0
    assert "cannot serve metrics" in err and "Traceback" not in err


def test_second_server_on_a_served_port_is_refused(server) -> None:
    r = _serve("--port", str(server.port))
    err = r.stderr.decode()
    assert r.returncode != 0
    assert f"cannot bind 127.0.0.1:{server.port}" in err and "Traceback" not in err


def test_listening_is_logged_only_once_the_port_answers(tmp_path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen([*quotes_cmd(), "serve", "--port", str(port), "--workers", "1"], stdout=log,
                            stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while "listening on" not in (tmp_path / "serve.log").read_text():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        with grpc.insecure_channel(f"127.0.0.1:{port}") as ch:  # no wait_for_ready: it must answer now
            status = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=5).status
        assert status == health_pb2.HealthCheckResponse.SERVING
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def _logged(server, doc_id: str) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and f"{doc_id}" not in server.output():
        time.sleep(0.2)
    return next(ln for ln in server.output().splitlines() if f"{doc_id}" in ln and "method=" in ln)


def test_calls_past_their_deadline_are_logged_as_deadline_exceeded(server, tmp_path) -> None:
    text = "\n\n".join(p.read_text() for p in SEEDS)[:19_000]
    with QuoteClient(server.target) as c, pytest.raises(grpc.RpcError) as info:
        c.extract(pb.Document(id="late-unary", text=text), timeout=0.3)
    assert info.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED
    assert "code=DEADLINE_EXCEEDED" in _logged(server, "doc_id=late-unary")
    (tmp_path / "late-stream.txt").write_text(text)
    r = subprocess.run([*quotes_cmd(), "extract", str(tmp_path / "late-stream.txt"), "--server", server.target,
                        "--timeout", "0.3"], capture_output=True, timeout=60, cwd=ROOT)
    assert r.returncode == 4, r.stderr.decode()
    assert "code=DEADLINE_EXCEEDED" in _logged(server, "doc_ids=late-stream")


def test_a_worker_that_cannot_load_the_pipeline_stops_the_server_after_a_few_tries() -> None:
    r = _serve("--port", str(free_port()), "--pipeline", "no_such_pipeline_package", timeout=120)
    err = r.stderr.decode()
    assert r.returncode != 0
    assert "cannot load the NLP pipeline" in err and "giving up" in err
    assert err.count("cannot load the NLP pipeline: ") == 3  # three tries, then no more restarts


def test_the_default_pipeline_is_the_pinned_one() -> None:
    from quoteservice.nlp import PIPELINE
    from quoteservice.server.app import ServerConfig

    assert ServerConfig().pipeline == PIPELINE


# -- --max-connection-age: clients reconnect (and re-resolve DNS) so new replicas get traffic ------------------
def test_connection_age_becomes_the_servers_channel_arguments() -> None:
    from quoteservice.server.app import ServerConfig, server_options

    aged = dict(server_options(ServerConfig(max_connection_age_seconds=0.5, max_connection_age_grace_seconds=2)))
    assert aged["grpc.max_connection_age_ms"] == 500 and aged["grpc.max_connection_age_grace_ms"] == 2000
    assert dict(server_options(ServerConfig()))["grpc.max_connection_age_ms"] == 300_000
    assert "grpc.max_connection_age_grace_ms" not in dict(server_options(ServerConfig()))  # gRPC's: no limit
    for off in (None, 0):
        assert not any("connection_age" in k for k, _ in server_options(ServerConfig(max_connection_age_seconds=off)))


@pytest.mark.parametrize("age, grace, message", [(-1, None, "--max-connection-age must"),
                                                 (5, -1, "--max-connection-age-grace must"),
                                                 (None, 5, "needs --max-connection-age")])
def test_connection_age_settings_that_cannot_work_are_refused(age, grace, message) -> None:
    from quoteservice.server.app import ServerConfig

    with pytest.raises(SystemExit, match=message):
        ServerConfig(max_connection_age_seconds=age, max_connection_age_grace_seconds=grace).check()


@pytest.mark.parametrize("args, age, grace", [((), 300.0, None), (("--max-connection-age", "0"), None, None),
                                              (("--max-connection-age", "1.5", "--max-connection-age-grace", "7"),
                                               1.5, 7.0)])
def test_serve_passes_the_connection_age_to_the_server(monkeypatch, args, age, grace) -> None:
    from typer.testing import CliRunner

    import quoteservice.server.app as server_app
    from quoteservice.cli import app

    seen = []
    monkeypatch.setattr(server_app, "serve", lambda config: seen.append(config) or 0)
    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == 0, result.output
    assert (seen[0].max_connection_age_seconds, seen[0].max_connection_age_grace_seconds) == (age, grace)


def test_an_aged_connection_is_closed_and_the_channel_reconnects() -> None:
    """With --max-connection-age 1 the server sends GOAWAY about a second after the connection opened: the
    client's channel leaves READY by itself, and the next call opens a new connection and succeeds."""
    import threading

    from conftest import ServerProcess

    s = ServerProcess("--max-connection-age", "1", workers=1)
    try:
        states: list[grpc.ChannelConnectivity] = []
        left_ready, ready_again = threading.Event(), threading.Event()

        def watch(state: grpc.ChannelConnectivity) -> None:
            states.append(state)
            if state is not grpc.ChannelConnectivity.READY and grpc.ChannelConnectivity.READY in states:
                left_ready.set()
            if left_ready.is_set() and state is grpc.ChannelConnectivity.READY:
                ready_again.set()

        with grpc.insecure_channel(s.target) as ch:
            ch.subscribe(watch, try_to_connect=False)
            health = health_pb2_grpc.HealthStub(ch)
            serving = health_pb2.HealthCheckResponse.SERVING
            assert health.Check(health_pb2.HealthCheckRequest(), timeout=10).status == serving
            assert left_ready.wait(30), f"the server never closed the connection: {states}"
            assert health.Check(health_pb2.HealthCheckRequest(), timeout=10).status == serving
            assert ready_again.wait(10), states
            ch.unsubscribe(watch)
    finally:
        assert s.stop() == 0, s.output()
