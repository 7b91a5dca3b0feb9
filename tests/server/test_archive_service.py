"""QuoteArchiveService on a real in-process server (loopback) and through grpcio-testing; its answers are
exactly those of the CLI on the same archive."""
from __future__ import annotations

import json
import subprocess

import grpc
import grpc_testing
import pytest
from google.rpc import error_details_pb2, status_pb2

from conftest import ROOT, SEEDS, SEED_DATES, archive_server, free_port, quotes_cmd
from quoteservice.archive.api import to_json
from quoteservice.server.archive_servicer import ArchiveServicer
from quoteservice.v1 import archive_pb2 as apb
from quoteservice.v1 import archive_pb2_grpc as apb_grpc


def _doc(path) -> apb.ArchiveDocument:  # type: ignore[no-untyped-def]
    return apb.ArchiveDocument(id=path.stem, text=path.read_text(encoding="utf-8"), outlet=f"outlet-{path.stem[:3]}",
                               url=f"https://example.org/{path.stem}", published_at=SEED_DATES[path.stem[:3]])


@pytest.fixture(scope="module")
def served(engine, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A real server with the archive on a fresh SQLite file; yields (stub, db url, channel)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('grpc-archive')}/q.db"
    with archive_server(engine, url) as target:
        channel = grpc.insecure_channel(target)
        stub = apb_grpc.QuoteArchiveServiceStub(channel)
        resp = stub.IndexDocuments(iter([apb.IndexDocumentsRequest(document=_doc(p)) for p in SEEDS]), timeout=300)
        assert [d.status for d in resp.documents] == [apb.INDEX_STATUS_ADDED] * len(SEEDS)
        yield stub, url, channel
        channel.close()


def _cli(*args: str) -> dict:
    r = subprocess.run([*quotes_cmd(), *args, "--format", "json"], capture_output=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def test_indexing_again_is_unchanged_and_bad_documents_are_reported(served) -> None:
    stub, _, _ = served
    docs = [_doc(SEEDS[0]), apb.ArchiveDocument(id="", text="x"), apb.ArchiveDocument(id="empty", text=""),
            apb.ArchiveDocument(id="late", text="“Yes,” Peskov said.", published_at="soon")]
    resp = stub.IndexDocuments(iter([apb.IndexDocumentsRequest(document=d) for d in docs]), timeout=120)
    got = [(d.document_id, d.status, d.error.code, d.error.message) for d in resp.documents]
    assert got[0][:3] == (SEEDS[0].stem, apb.INDEX_STATUS_UNCHANGED, 0)
    assert got[1][2:] == (3, "document.id is empty")
    assert got[2][2] == 3 and "empty" in got[2][3]
    assert got[3][2] == 3 and "published_at 'soon'" in got[3][3]


@pytest.mark.parametrize("request_args", [
    {"speaker": "per:peskav.dmitri"}, {"speaker": "Песков"}, {"text": "negotiating positions"},
    {"outlet": "outlet-004"}, {"since": "2022-03-01"}, {"until": "2022-02-27", "page_size": 3},
])
def test_search_is_what_the_cli_prints(served, request_args) -> None:
    stub, url, _ = served
    resp = stub.SearchQuotes(apb.SearchQuotesRequest(**request_args), timeout=60)
    assert resp.quotes
    flags = [x for k, v in request_args.items() for x in (f"--{'limit' if k == 'page_size' else k}", str(v))]
    assert to_json(resp) == _cli("search", "--db", url, *flags)


def test_clusters_are_what_the_cli_prints(served) -> None:
    stub, url, _ = served
    every = stub.ListClusters(apb.ListClustersRequest(), timeout=60)
    assert to_json(every) == _cli("clusters", "--db", url)
    altered = stub.ListClusters(apb.ListClustersRequest(altered_only=True), timeout=60)
    assert [c.speaker.id for c in altered.clusters] == ["per:gerashchenka.anton"]
    assert to_json(altered) == _cli("clusters", "--db", url, "--altered-only")
    one = stub.GetCluster(apb.GetClusterRequest(id=altered.clusters[0].id), timeout=60)
    assert one.cluster == altered.clusters[0]
    member = next(m for m in one.cluster.members if "[rockets]" in m.text)
    assert [(e.op, e.member) for e in member.diff] == [("insert", "[rockets]")]
    wire = next(m for m in one.cluster.members if m.doc_id.startswith("004"))
    assert (wire.via.id, wire.via.name) == ("org:reuters", "Reuters")


def test_documents(served) -> None:
    stub, _, _ = served
    listed = stub.ListDocuments(apb.ListDocumentsRequest(), timeout=30).documents
    assert sorted(d.id for d in listed) == sorted(p.stem for p in SEEDS)
    one = stub.GetDocument(apb.GetDocumentRequest(id=listed[0].id), timeout=30)
    assert one.document.id == listed[0].id and len(one.quotes) == listed[0].quote_count
    assert [q.start for q in one.quotes] == sorted(q.start for q in one.quotes)
    assert all(one.document.text[q.start:q.end] == q.text for q in one.quotes)


def test_speaker(served) -> None:
    stub, _, _ = served
    by_name = stub.GetSpeaker(apb.GetSpeakerRequest(speaker="Dmitri Peskov"), timeout=30)
    assert (by_name.id, by_name.name, by_name.kind) == ("per:peskav.dmitri", "Dmitry Peskov", "person")
    assert by_name.quote_count == len(stub.SearchQuotes(apb.SearchQuotesRequest(speaker="per:peskav.dmitri")).quotes)


@pytest.mark.parametrize(("call", "request_", "code", "field"), [
    ("SearchQuotes", apb.SearchQuotesRequest(page_size=5000), grpc.StatusCode.INVALID_ARGUMENT, "page_size"),
    ("SearchQuotes", apb.SearchQuotesRequest(since="last week"), grpc.StatusCode.INVALID_ARGUMENT, "since"),
    ("ListClusters", apb.ListClustersRequest(page_size=-1), grpc.StatusCode.INVALID_ARGUMENT, "page_size"),
    ("GetCluster", apb.GetClusterRequest(id=987654), grpc.StatusCode.NOT_FOUND, "id"),
    ("GetSpeaker", apb.GetSpeakerRequest(speaker="Nobody Nowhere"), grpc.StatusCode.NOT_FOUND, "speaker"),
    ("GetDocument", apb.GetDocumentRequest(id="nothing"), grpc.StatusCode.NOT_FOUND, "id"),
    ("ListDocuments", apb.ListDocumentsRequest(page_size=1001), grpc.StatusCode.INVALID_ARGUMENT, "page_size"),
])
def test_bad_requests_get_a_status_with_the_field(served, call, request_, code, field) -> None:
    stub, _, _ = served
    with pytest.raises(grpc.RpcError) as info:
        getattr(stub, call)(request_, timeout=30)
    assert info.value.code() is code
    trailers = dict(info.value.trailing_metadata())
    st = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    bad = error_details_pb2.BadRequest()
    assert st.details[0].Unpack(bad) and bad.field_violations[0].field == field


def test_malformed_bytes_are_invalid_argument(served) -> None:
    _, _, channel = served
    raw = channel.unary_unary("/quoteservice.v1.QuoteArchiveService/SearchQuotes")
    with pytest.raises(grpc.RpcError) as info:
        raw(b"\xff\xff\xff\x07garbage", timeout=30)
    assert info.value.code() is grpc.StatusCode.INVALID_ARGUMENT


def test_through_grpc_testing(engine, tmp_path) -> None:
    service = apb.DESCRIPTOR.services_by_name["QuoteArchiveService"]
    servicer = ArchiveServicer(f"sqlite:///{tmp_path}/t.db", lambda: engine)
    server = grpc_testing.server_from_dictionary({service: servicer}, grpc_testing.strict_real_time())
    rpc = server.invoke_stream_unary(service.methods_by_name["IndexDocuments"], (), None)
    rpc.send_request(apb.IndexDocumentsRequest(document=apb.ArchiveDocument(id="a", text="“We are ready,” Peskov said.")))
    rpc.requests_closed()
    response, _, code, _ = rpc.termination()
    assert code is grpc.StatusCode.OK
    assert [(d.document_id, d.status, d.quote_count) for d in response.documents] == [("a", apb.INDEX_STATUS_ADDED, 1)]
    rpc = server.invoke_unary_unary(service.methods_by_name["GetSpeaker"], (), apb.GetSpeakerRequest(speaker="Peskov"), None)
    response, _, code, _ = rpc.termination()
    assert code is grpc.StatusCode.OK and response.quote_count == 1
    loading = ArchiveServicer(f"sqlite:///{tmp_path}/t.db", lambda: None)
    server = grpc_testing.server_from_dictionary({service: loading}, grpc_testing.strict_real_time())
    rpc = server.invoke_stream_unary(service.methods_by_name["IndexDocuments"], (), None)
    rpc.send_request(apb.IndexDocumentsRequest(document=apb.ArchiveDocument(id="b", text="x")))
    rpc.requests_closed()
    assert rpc.termination()[2] is grpc.StatusCode.UNAVAILABLE


def test_quotes_serve_db_with_two_workers_writing_one_sqlite_file(tmp_path) -> None:
    """`quotes serve --db`: two worker processes index into one SQLite file; `quotes search` reads it."""
    from conftest import ServerProcess

    url = f"sqlite:///{tmp_path}/served.db"
    server = ServerProcess("--db", url, workers=2)
    try:
        def index(paths) -> list[int]:  # type: ignore[no-untyped-def]
            with grpc.insecure_channel(server.target) as ch:  # a channel each: SO_REUSEPORT spreads connections
                stub = apb_grpc.QuoteArchiveServiceStub(ch)
                reqs = [apb.IndexDocumentsRequest(document=_doc(p)) for p in paths]
                return [d.status for d in stub.IndexDocuments(iter(reqs), timeout=300).documents]

        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(index, [SEEDS[0:2], SEEDS[2:3], SEEDS[3:4], SEEDS[4:5]]))
        assert [s for r in results for s in r] == [apb.INDEX_STATUS_ADDED] * len(SEEDS)
        with grpc.insecure_channel(server.target) as ch:
            remote = apb_grpc.QuoteArchiveServiceStub(ch).ListClusters(apb.ListClustersRequest(), timeout=60)
    finally:
        assert server.stop() == 0
    assert len(remote.clusters) >= 6
    assert to_json(remote) == _cli("clusters", "--db", url)


def test_quotes_serve_with_an_unusable_db_is_a_one_line_error(tmp_path) -> None:
    r = subprocess.run([*quotes_cmd(), "serve", "--port", str(free_port()), "--db", "nosuchdialect://x"],
                       capture_output=True, timeout=60, cwd=ROOT)
    assert r.returncode != 0
    err = r.stderr.decode()
    assert "cannot open the archive nosuchdialect://x" in err and "Traceback" not in err
