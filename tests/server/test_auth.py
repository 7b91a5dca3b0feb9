"""TLS, mutual TLS and bearer tokens, with real certificates made at test time (trustme) on real servers."""
from __future__ import annotations

import logging
import pathlib
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import grpc
import pytest
import trustme
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from conftest import ROOT, SEEDS, free_port, quotes_cmd
from quoteservice.client import PLAINTEXT, QuoteClient, Security
from quoteservice.server.app import ServerConfig, build_server
from quoteservice.server.auth import read_tokens, valid
from quoteservice.server.servicer import QuoteServicer
from quoteservice.v1 import quote_service_pb2 as pb

TOKEN = "s3cret-token-of-the-newsroom"
DOC = pb.Document(id="t", text="“We will talk again,” the minister said on Monday.")


@dataclass(frozen=True)
class Pki:
    ca: pathlib.Path
    cert: pathlib.Path
    key: pathlib.Path
    client_cert: pathlib.Path
    client_key: pathlib.Path
    other_ca: pathlib.Path
    tokens: pathlib.Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    d = tmp_path_factory.mktemp("pki")
    ca, other = trustme.CA(), trustme.CA()
    server, client = ca.issue_cert("127.0.0.1", "localhost"), ca.issue_cert("newsroom-tool@example.org")
    ca.cert_pem.write_to_path(str(d / "ca.pem"))
    other.cert_pem.write_to_path(str(d / "other-ca.pem"))
    server.private_key_pem.write_to_path(str(d / "server.key"))
    client.private_key_pem.write_to_path(str(d / "client.key"))
    (d / "server.pem").write_bytes(b"".join(b.bytes() for b in server.cert_chain_pems))
    (d / "client.pem").write_bytes(b"".join(b.bytes() for b in client.cert_chain_pems))
    (d / "tokens").write_text(f"# newsroom tools\n{TOKEN}\n\nanother-token\n")
    return Pki(d / "ca.pem", d / "server.pem", d / "server.key", d / "client.pem", d / "client.key",
               d / "other-ca.pem", d / "tokens")


@pytest.fixture
def serve(engine):
    """Start an in-process server with a config; yields a function returning its target."""
    servers: list[grpc.Server] = []

    def start(config: ServerConfig) -> str:
        h = health.HealthServicer()
        h.set("", health_pb2.HealthCheckResponse.SERVING)
        server = build_server(config, QuoteServicer(engine), h)
        port = free_port()
        creds = config.credentials()
        address = f"127.0.0.1:{port}"
        server.add_secure_port(address, creds) if creds else server.add_insecure_port(address)
        server.start()
        servers.append(server)
        return address

    yield start
    for s in servers:
        s.stop(None)


def _call(target: str, security: Security = PLAINTEXT) -> grpc.StatusCode:
    try:
        with QuoteClient(target, security=security) as c:
            c.extract(DOC, timeout=30)
        return grpc.StatusCode.OK
    except grpc.RpcError as exc:
        return exc.code()


def _health(target: str, security: Security = PLAINTEXT) -> grpc.StatusCode:
    with security.channel(target, []) as ch:
        try:
            health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10,
                                                 metadata=security.metadata())
            return grpc.StatusCode.OK
        except grpc.RpcError as exc:
            return exc.code()


def test_tokens_file_skips_comments_and_blanks(pki) -> None:
    assert read_tokens(pki.tokens) == (TOKEN.encode(), b"another-token")


def test_empty_token_file_is_refused(tmp_path) -> None:
    (tmp_path / "t").write_text("# nothing\n\n")
    with pytest.raises(SystemExit, match="holds no token"):
        read_tokens(tmp_path / "t")


@pytest.mark.parametrize(("presented", "ok"), [
    (TOKEN.encode(), True), (b"another-token", True), (b"s3cret", False), (TOKEN.encode() + b"x", False),
    (b"", False), (None, False),
])
def test_token_check(presented: bytes | None, ok: bool) -> None:
    assert valid(presented, (TOKEN.encode(), b"another-token")) is ok


def test_tls_server_answers_clients_that_trust_its_ca_only(serve, pki) -> None:
    target = serve(ServerConfig(tls_cert=pki.cert, tls_key=pki.key))
    assert _call(target, Security(tls_ca=pki.ca)) is grpc.StatusCode.OK
    assert _call(target) is grpc.StatusCode.UNAVAILABLE  # plaintext to a TLS port
    assert _call(target, Security(tls_ca=pki.other_ca)) is grpc.StatusCode.UNAVAILABLE  # an untrusted server


def test_mutual_tls_requires_a_client_certificate(serve, pki) -> None:
    target = serve(ServerConfig(tls_cert=pki.cert, tls_key=pki.key, tls_client_ca=pki.ca))
    assert _call(target, Security(tls_ca=pki.ca)) is grpc.StatusCode.UNAVAILABLE
    assert _call(target, Security(tls_ca=pki.ca, tls_cert=pki.client_cert, tls_key=pki.client_key)) \
        is grpc.StatusCode.OK


def test_token_interceptor(serve, pki, caplog) -> None:
    target = serve(ServerConfig(auth_token_file=pki.tokens))
    with caplog.at_level(logging.INFO, logger="quoteservice.access"):
        assert _call(target) is grpc.StatusCode.UNAUTHENTICATED
        assert _call(target, Security(token="wrong-" + TOKEN)) is grpc.StatusCode.UNAUTHENTICATED
        assert _call(target, Security(token=TOKEN)) is grpc.StatusCode.OK
    assert "code=UNAUTHENTICATED" in caplog.text and TOKEN not in caplog.text  # refusals logged, tokens never
    with QuoteClient(target) as c, pytest.raises(grpc.RpcError) as info:
        list(c.extract_many([DOC], timeout=30))
    assert info.value.code() is grpc.StatusCode.UNAUTHENTICATED  # streams too
    assert _health(target) is grpc.StatusCode.OK  # health stays open by default


def test_health_can_be_closed_too(serve, pki) -> None:
    target = serve(ServerConfig(auth_token_file=pki.tokens, auth_exempt=()))
    assert _health(target) is grpc.StatusCode.UNAUTHENTICATED
    assert _health(target, Security(token=TOKEN)) is grpc.StatusCode.OK


def test_tls_and_tokens_together(serve, pki) -> None:
    target = serve(ServerConfig(tls_cert=pki.cert, tls_key=pki.key, auth_token_file=pki.tokens))
    assert _call(target, Security(tls_ca=pki.ca)) is grpc.StatusCode.UNAUTHENTICATED
    assert _call(target, Security(tls_ca=pki.ca, token=TOKEN)) is grpc.StatusCode.OK


@pytest.fixture(scope="module")
def tls_server(pki) -> Iterator[str]:
    """`quotes serve` with TLS and tokens, as a subprocess."""
    port = free_port()
    log = pki.tokens.parent / f"serve-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([*quotes_cmd(), "serve", "--port", str(port), "--workers", "1",
                                 "--tls-cert", str(pki.cert), "--tls-key", str(pki.key),
                                 "--auth-token-file", str(pki.tokens)], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            deadline = time.monotonic() + 90
            while "listening on" not in log.read_text():
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            yield f"127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(30)
    assert TOKEN not in log.read_text()


def test_cli_with_tls_ca_and_token(tls_server, pki) -> None:
    base = [*quotes_cmd(), "extract", str(SEEDS[0]), "--server", tls_server, "--tls-ca", str(pki.ca), "-f", "jsonl"]
    ok = subprocess.run(base, capture_output=True, timeout=120, cwd=ROOT, env=_env(QUOTES_TOKEN=TOKEN))
    assert ok.returncode == 0, ok.stderr.decode()
    assert '"quotes"' in ok.stdout.decode()
    refused = subprocess.run(base, capture_output=True, timeout=120, cwd=ROOT, env=_env())
    assert refused.returncode == 5 and "missing bearer token" in refused.stderr.decode()
    untrusted = subprocess.run([*base[:-4], "-f", "jsonl", "--token", TOKEN], capture_output=True, timeout=120,
                               cwd=ROOT, env=_env())
    assert untrusted.returncode == 3 and "Traceback" not in untrusted.stderr.decode()


def _env(**extra: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "QUOTES_TOKEN"}
    return {**env, **extra}


def test_example_client_script_with_tls_and_token(tls_server, pki) -> None:
    import sys

    script = ROOT / "clients" / "python" / "extract_quotes.py"
    r = subprocess.run([sys.executable, str(script), tls_server, str(SEEDS[0])], capture_output=True, timeout=120,
                       cwd=ROOT, env=_env(QUOTES_TLS_CA=str(pki.ca), QUOTES_TOKEN=TOKEN))
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().startswith(SEEDS[0].stem)
