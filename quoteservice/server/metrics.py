"""Prometheus metrics of the server, aggregated over worker processes (prometheus-client multiprocess mode).

The parent sets PROMETHEUS_MULTIPROC_DIR before spawning workers and serves /metrics from it;
workers only record. Without --metrics-port nothing is exported and recording is in-process only.
"""
from __future__ import annotations

import os
import pathlib
import tempfile

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client import multiprocess

REQUESTS = Counter("quoteservice_requests_total", "RPCs handled, by method and status code", ["method", "code"])
LATENCY = Histogram("quoteservice_request_seconds", "RPC wall time", ["method"],
                    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
DOCUMENTS = Counter("quoteservice_documents_total", "Documents processed, by outcome", ["outcome"])


def prepare_multiprocess_dir() -> pathlib.Path:
    """Create the shared metrics folder and export it to the workers the parent will spawn."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="quoteservice-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)
    return path


def serve_metrics(host: str, port: int) -> None:
    """Serve the workers' aggregated metrics on http://host:port/metrics (a daemon thread)."""
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr=host, registry=registry)


def worker_exited(pid: int) -> None:
    """Drop a dead worker's live-gauge files (counters and histograms keep their totals)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)
