"""HTTP/JSON from the proto's google.api.http annotations: a real gateway in front of a real gRPC server on
loopback; its answers are the CLI's and gRPC's; its OpenAPI document lists every route."""
from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request

import grpc
import pytest

from conftest import ROOT, SEEDS, SEED_DATES, archive_server, free_port, quotes_cmd
from quoteservice.archive.api import to_json
from quoteservice.http.server import http_gateway
from quoteservice.v1 import archive_pb2 as apb
from quoteservice.v1 import archive_pb2_grpc as apb_grpc


@pytest.fixture(scope="module")
def http(engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    """(base URL, gRPC stub, db URL): a gRPC server with the archive, and the gateway in front of it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('http')}/q.db"
    with archive_server(engine, url) as target:
        gateway = http_gateway("127.0.0.1", 0, target).start()
        channel = grpc.insecure_channel(target)
        yield f"http://127.0.0.1:{gateway.port}", apb_grpc.QuoteArchiveServiceStub(channel), url
        channel.close()
        gateway.stop()


def _call(method: str, url: str, body: bytes | None = None, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=300) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.fixture(scope="module")
def indexed(http):  # type: ignore[no-untyped-def]
    base, stub, db = http
    lines = [json.dumps({"document": {"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": f"outlet-{p.stem[:3]}",
                                      "published_at": SEED_DATES[p.stem[:3]]}}) for p in SEEDS]
    status, body = _call("POST", f"{base}/v1/documents:index", "\n".join(lines).encode(), "application/jsonl")
    assert status == 200, body
    assert [d["status"] for d in body["documents"]] == ["INDEX_STATUS_ADDED"] * len(SEEDS)
    return base, stub, db


def _cli(*args: str) -> dict:
    r = subprocess.run([*quotes_cmd(), *args, "--format", "json"], capture_output=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


@pytest.mark.parametrize(("query", "request_", "flags"), [
    ("speaker=Dmitri%20Peskov", {"speaker": "Dmitri Peskov"}, ["--speaker", "Dmitri Peskov"]),
    ("text=negotiating%20positions&since=2022-02-28", {"text": "negotiating positions", "since": "2022-02-28"},
     ["--text", "negotiating positions", "--since", "2022-02-28"]),
    ("outlet=outlet-004&page_size=2", {"outlet": "outlet-004", "page_size": 2}, ["--outlet", "outlet-004", "--limit", "2"]),
])
def test_search_is_the_same_over_http_grpc_and_cli(indexed, query, request_, flags) -> None:
    base, stub, db = indexed
    status, body = _call("GET", f"{base}/v1/quotes?{query}")
    assert status == 200 and body["quotes"]
    assert body == to_json(stub.SearchQuotes(apb.SearchQuotesRequest(**request_))) == _cli("search", "--db", db, *flags)


def test_clusters_and_one_cluster(indexed) -> None:
    base, stub, db = indexed
    status, body = _call("GET", f"{base}/v1/clusters?altered_only=true")
    assert status == 200
    assert body == to_json(stub.ListClusters(apb.ListClustersRequest(altered_only=True))) \
        == _cli("clusters", "--db", db, "--altered-only")
    cid = body["clusters"][0]["id"]
    status, one = _call("GET", f"{base}/v1/clusters/{cid}")
    assert status == 200 and one["cluster"] == body["clusters"][0]
    assert any(e["member"] == "[rockets]" for m in one["cluster"]["members"] for e in m["diff"])


def test_speaker_and_errors(indexed) -> None:
    base, _, _ = indexed
    status, body = _call("GET", f"{base}/v1/speakers/Peskov")
    assert status == 200 and body["id"] == "per:peskav.dmitri" and body["quote_count"] > 0
    for path, want, needle in [
        ("/v1/speakers/Nobody%20Nowhere", 404, "no speaker"),
        ("/v1/clusters/987654", 404, "no cluster"),
        ("/v1/clusters/seven", 400, "not an integer"),
        ("/v1/quotes?page_size=5000", 400, "page_size"),
        ("/v1/quotes?colour=red", 400, "unknown query parameter"),
        ("/v1/nothing", 404, "no route"),
    ]:
        status, body = _call("GET", base + path)
        assert (status, needle in body["message"]) == (want, True), (path, body)
    status, body = _call("DELETE", f"{base}/v1/quotes")
    assert status == 405


def test_extract_over_http(indexed) -> None:
    base, _, _ = indexed
    text = "“We will not give up,” Zelensky told CNN."
    status, body = _call("POST", f"{base}/v1/quotes:extract", json.dumps({"document": {"id": "z", "text": text}}).encode())
    assert status == 200
    q = body["quotes"][0]
    assert (q["text"], q["speaker"]["name"], q["via"]["id"]) == ("We will not give up", "Zelensky", "org:cnn")
    status, body = _call("POST", f"{base}/v1/quotes:extract", json.dumps({"document": {"id": "e", "text": ""}}).encode())
    assert status == 400 and body["code"] == 3 and body["details"], body  # google.rpc.Status with BadRequest
    status, body = _call("POST", f"{base}/v1/quotes:extract", b"{not json")
    assert status == 400


def test_documents_over_http_and_grpc(indexed) -> None:
    base, stub, _ = indexed
    status, listed = _call("GET", f"{base}/v1/documents?outlet=OUTLET-003")
    assert status == 200 and listed == to_json(stub.ListDocuments(apb.ListDocumentsRequest(outlet="outlet-003")))
    (summary,) = listed["documents"]
    assert summary["id"].startswith("003") and summary["quote_count"] > 10 and "text" not in summary
    status, one = _call("GET", f"{base}/v1/documents/{summary['id']}")
    assert status == 200 and one == to_json(stub.GetDocument(apb.GetDocumentRequest(id=summary["id"])))
    text = one["document"]["text"]
    assert len(one["quotes"]) == summary["quote_count"]
    assert all(text[q["start"]:q["end"]] == q["text"] for q in one["quotes"])
    assert any(q["cluster_id"] is not None for q in one["quotes"])
    status, body = _call("GET", f"{base}/v1/documents/no/such%2Fdoc")
    assert status == 404 and "no document 'no/such/doc'" in body["message"]


def test_the_embedded_backend_answers_as_the_grpc_server(indexed, engine) -> None:
    """`quotes web`'s in-process answers are the gateway-over-gRPC answers, byte for byte in JSON."""
    from quoteservice.archive.store import Archive
    from quoteservice.http.embedded import EmbeddedBackend
    from quoteservice.http.server import HttpServer, application

    base, _, db = indexed
    local = HttpServer("127.0.0.1", 0, application(EmbeddedBackend(engine, Archive(db)))).start()
    try:
        other = f"http://127.0.0.1:{local.port}"
        for path in ["/v1/quotes?speaker=Peskov", "/v1/clusters", "/v1/documents", "/v1/speakers/Medinsky",
                     "/v1/clusters/987654", "/v1/quotes?page_size=5000", "/v1/documents/003_5a0a87bd08680d7a"]:
            assert _call("GET", other + path) == _call("GET", base + path), path
        for text in ["“We will not give up,” Zelensky told CNN.", ""]:
            body = json.dumps({"document": {"id": "z", "text": text}}).encode()
            assert _call("POST", other + "/v1/quotes:extract", body) == _call("POST", base + "/v1/quotes:extract", body)
    finally:
        local.stop()


def test_the_page_and_its_files_are_served(indexed) -> None:
    base, _, _ = indexed
    for path, ctype in [("/", "text/html"), ("/static/review.js", "text/javascript"), ("/static/review.css", "text/css")]:
        with urllib.request.urlopen(base + path, timeout=30) as resp:
            assert resp.headers["Content-Type"].startswith(ctype)
            assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
            body = resp.read().decode()
    assert _call("GET", f"{base}/static/nothing.js")[0] == 404
    assert _call("POST", f"{base}/")[0] == 405
    page = urllib.request.urlopen(base + "/", timeout=30).read().decode()
    assert "/static/review.js" in page and "http://" not in page and "https://" not in page  # no external assets
    assert "https://" not in body


def test_openapi_lists_every_route(indexed) -> None:
    base, _, _ = indexed
    status, doc = _call("GET", f"{base}/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/v1/quotes:extract", "/v1/documents:index", "/v1/quotes", "/v1/clusters",
                                 "/v1/clusters/{id}", "/v1/speakers/{speaker}", "/v1/documents", "/v1/documents/{id}"}
    assert {p["name"] for p in doc["paths"]["/v1/quotes"]["get"]["parameters"]} == \
        {"speaker", "text", "outlet", "since", "until", "page_size"}
    schemas = doc["components"]["schemas"]
    assert "quoteservice.v1.Cluster" in schemas and "quoteservice.v1.ArchivedQuote" in schemas
    refs = json.dumps(doc)
    for name in schemas:
        assert f"#/components/schemas/{name}" in refs


def test_quotes_serve_http_port(tmp_path) -> None:
    from conftest import ServerProcess

    http_port = free_port()
    server = ServerProcess("--db", f"sqlite:///{tmp_path}/s.db", "--http-port", str(http_port), workers=1)
    try:
        status, body = _call("POST", f"http://127.0.0.1:{http_port}/v1/quotes:extract",
                             json.dumps({"document": {"id": "a", "text": "“Yes,” Peskov said."}}).encode())
        assert status == 200 and body["quotes"][0]["speaker"]["id"] == "per:peskav.dmitri"
        status, _ = _call("GET", f"http://127.0.0.1:{http_port}/openapi.json")
        assert status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/", timeout=30) as resp:
            assert b"/static/review.js" in resp.read()
    finally:
        assert server.stop() == 0


def _web(*args: str) -> tuple[subprocess.Popen, str]:
    """`quotes web` as a subprocess, once it says where it serves: (process, base URL)."""
    port = free_port()
    proc = subprocess.Popen([*quotes_cmd(), "web", "--port", str(port), *args], stderr=subprocess.PIPE, cwd=ROOT,
                            text=True)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert f"http://127.0.0.1:{port}/" in line, line + proc.stderr.read()
    return proc, f"http://127.0.0.1:{port}"


def test_quotes_web_without_an_archive() -> None:
    proc, base = _web()
    try:
        with urllib.request.urlopen(base + "/", timeout=30) as resp:
            assert b"review.js" in resp.read()
        status, body = _call("POST", f"{base}/v1/quotes:extract",
                             json.dumps({"document": {"id": "a", "text": "“Yes,” Peskov said."}}).encode())
        assert status == 200 and body["quotes"][0]["speaker"]["id"] == "per:peskav.dmitri"
        status, body = _call("GET", f"{base}/v1/documents")
        assert status == 501 and "--db" in body["message"]
    finally:
        proc.terminate()
        assert proc.wait(30) == 0


def test_quotes_web_on_an_archive_and_its_errors(tmp_path) -> None:
    db = f"sqlite:///{tmp_path}/w.db"
    proc, base = _web("--db", db)
    try:
        line = json.dumps({"document": {"id": "n1", "text": "“We are ready,” Peskov said.", "outlet": "Wire"}})
        status, body = _call("POST", f"{base}/v1/documents:index", line.encode(), "application/jsonl")
        assert status == 200 and body["documents"][0]["status"] == "INDEX_STATUS_ADDED"
        assert _call("GET", f"{base}/v1/documents/n1")[1]["quotes"][0]["text"] == "We are ready"
        taken = subprocess.run([*quotes_cmd(), "web", "--port", base.rsplit(":", 1)[1]], capture_output=True,
                               text=True, timeout=120, cwd=ROOT)
        assert taken.returncode == 2 and "cannot serve HTTP" in taken.stderr
    finally:
        proc.terminate()
        assert proc.wait(30) == 0
    bad = subprocess.run([*quotes_cmd(), "web", "--db", "nosuchdb://x"], capture_output=True, text=True, timeout=60,
                         cwd=ROOT)
    assert bad.returncode == 2 and "cannot open the archive" in bad.stderr


def test_http_passes_the_bearer_token_on(tmp_path) -> None:
    """With --auth-token-file the gateway forwards Authorization: no token is 401, the right one goes through."""
    from conftest import ServerProcess

    tokens = tmp_path / "tokens"
    tokens.write_text("s3cret-token\n")
    http_port = free_port()
    server = ServerProcess("--http-port", str(http_port), "--auth-token-file", str(tokens), workers=1)
    body = json.dumps({"document": {"id": "a", "text": "“Yes,” Peskov said."}}).encode()
    url = f"http://127.0.0.1:{http_port}/v1/quotes:extract"
    try:
        assert _call("POST", url, body)[0] == 401
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": "Bearer s3cret-token"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            assert resp.status == 200 and json.loads(resp.read())["quotes"][0]["text"] == "Yes"
    finally:
        assert server.stop() == 0
