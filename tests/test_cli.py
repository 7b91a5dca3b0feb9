"""The `quotes` CLI as a user runs it: subprocesses, embedded and against a real server."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time

import pytest

from conftest import ROOT, SEEDS, free_port, quotes_cmd


def run(*args: str, stdin: bytes | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([*quotes_cmd(), *args], input=stdin, capture_output=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def embedded_jsonl() -> str:
    r = run("extract", *map(str, SEEDS), "--format", "jsonl", "--jobs", "1")
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


def test_jobs_spread_over_processes_with_identical_output(embedded_jsonl) -> None:
    r = run("extract", *map(str, SEEDS), "--format", "jsonl", "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == embedded_jsonl


def test_time_budget_per_document_gives_error_records_and_exit_4() -> None:
    r = run("extract", *map(str, SEEDS[:2]), "--format", "jsonl", "--jobs", "1", "--max-seconds-per-doc", "0.001")
    assert r.returncode == 4
    errors = [json.loads(ln)["error"] for ln in r.stdout.decode().splitlines()]
    assert [e["code"] for e in errors] == ["DEADLINE_EXCEEDED"] * 2
    assert "exceeded its time budget of 0.001 s" in r.stderr.decode()


def test_jsonl_one_line_per_document_with_proto_fields(embedded_jsonl) -> None:
    lines = [json.loads(ln) for ln in embedded_jsonl.splitlines()]
    assert [d["doc_id"] for d in lines] == [p.stem for p in SEEDS]
    q = lines[0]["quotes"][0]
    assert {"id", "text", "start", "end", "type", "speaker", "speaker_mention", "cue", "confidence", "method"} <= set(q)
    assert {"id", "name", "kind", "role", "aliases"} <= set(q["speaker"])
    text = SEEDS[0].read_text()
    for d in lines[:1]:
        for q in d["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]


def test_server_output_is_identical_and_every_worker_gets_work(server, embedded_jsonl) -> None:
    before = len(server.output())
    r = run("extract", *map(str, SEEDS), "--format", "jsonl", "--server", server.target)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode() == embedded_jsonl
    seed_ids = {p.stem for p in SEEDS}
    deadline = time.monotonic() + 30
    served: dict[str, set[str]] = {}
    while time.monotonic() < deadline and set().union(*served.values(), set()) != seed_ids:
        time.sleep(0.2)
        for line in server.output()[before:].splitlines():
            m = re.search(r"BatchExtractQuotes code=OK .* doc_ids=(\S*) worker=(\d+)", line)
            if m and m.group(1):
                served.setdefault(m.group(2), set()).update(m.group(1).split(","))
    assert set().union(*served.values()) == seed_ids
    assert len(served) == 2, served  # the server's two workers each took a share


def test_directory_and_csv(embedded_jsonl) -> None:
    r = run("extract", str(ROOT / "seeds"), "--format", "csv")
    assert r.returncode == 0, r.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    n = sum(len(json.loads(ln)["quotes"]) for ln in embedded_jsonl.splitlines())
    assert len(rows) == n
    assert {row["type"] for row in rows} <= {"direct", "indirect", "mixed"}


def test_stdin_json_and_table() -> None:
    text = "“We will win,” Ukrainian President Volodymyr Zelensky said.".encode()
    r = run("extract", "-", "--format", "json", stdin=text)
    assert r.returncode == 0, r.stderr.decode()
    [doc] = json.loads(r.stdout)
    assert doc["doc_id"] == "stdin"
    assert doc["quotes"][0]["speaker"]["name"] == "Volodymyr Zelensky"
    t = run("extract", "-", stdin=text)
    assert t.returncode == 0 and "Volodymyr Zelensky" in t.stdout.decode()


def test_bad_inputs_exit_2_with_message_and_keep_good_documents(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    r = run("extract", str(SEEDS[0]), str(empty), str(binary), "--format", "jsonl")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "empty" in err and "binary" in err and "Traceback" not in err
    docs = [json.loads(ln) for ln in r.stdout.decode().splitlines()]
    assert [d["doc_id"] for d in docs] == [SEEDS[0].stem, "empty", "binary"]
    assert docs[0]["quotes"] and docs[1]["error"]["code"] == "INVALID_ARGUMENT"


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["extract", "does/not/exist.txt"], 2, "no such file"),
    (["extract", "-", "--format", "xml"], 2, "xml"),
    (["extract", "-", "--min-confidence", "3"], 2, "min-confidence"),
    (["extract", "-", "--server", "127.0.0.1:1", "--timeout", "0"], 2, "timeout"),
    (["extract", "-", "--server", "127.0.0.1:1", "--timeout", "-1"], 2, "timeout"),
])
def test_usage_errors(args, code, needle) -> None:
    r = run(*args, stdin=b"text")
    assert r.returncode == code
    assert needle in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_server_unavailable_exits_3() -> None:
    r = run("extract", str(SEEDS[0]), "--server", f"127.0.0.1:{free_port()}", "--timeout", "5")
    assert r.returncode == 3
    assert "unavailable" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_deadline_exits_4(server) -> None:
    r = run("extract", *map(str, SEEDS), "--server", server.target, "--timeout", "0.001")
    assert r.returncode == 4
    assert "did not answer" in r.stderr.decode()


def test_names_command_prints_id_and_display_name() -> None:
    r = run("names", "Михайло Подоляк", "Mikhail Podolyak", "Mykhailo Podoliak", "Olena Zelenska", "Zelenskyy")
    assert r.returncode == 0, r.stderr.decode()
    rows = [line.split("\t") for line in r.stdout.decode().splitlines()]
    assert len(rows) == 5 and all(len(row) == 2 for row in rows)
    assert rows[0][0] == rows[1][0] == rows[2][0]  # one person, one id, Cyrillic included
    assert rows[0][1] == "Mykhailo Podolyak" and not any("\u0400" <= c <= "\u04ff" for row in rows for c in row[1])
    assert rows[3][0] != rows[4][0]  # Zelenska is not Zelensky


def test_explain_shows_the_rules_in_json_csv_and_table() -> None:
    text = "“We will win,” Ukrainian President Volodymyr Zelensky said. He added that talks would go on.".encode()
    plain = run("extract", "-", "--format", "jsonl", stdin=text)
    assert plain.returncode == 0 and "rule" not in json.loads(plain.stdout)["quotes"][0]
    r = run("extract", "-", "--format", "jsonl", "--explain", stdin=text)
    assert r.returncode == 0, r.stderr.decode()
    rules = [q["rule"] for q in json.loads(r.stdout)["quotes"]]
    assert rules == ["quote_with_cue <- speech_verb/clausal_complement", "report <- speech_verb/clausal_complement"]
    c = run("extract", "-", "--format", "csv", "--explain", stdin=text)
    assert c.stdout.decode().splitlines()[0].endswith(",rule")
    t = run("extract", "-", "--explain", stdin=text)
    assert "speech_verb" in t.stdout.decode()


@pytest.mark.parametrize(("flag", "text", "field", "content"), [
    ("--beliefs", "Most voters believe that the economy is getting worse.", "belief", "that the economy is getting worse"),
    ("--noun-phrase-reports", "Peskov denied the reports on Friday.", "noun_phrase", "the reports"),
])
def test_scope_flags_add_marked_records(flag: str, text: str, field: str, content: str) -> None:
    """Records outside the default scope come only with their flag, and say so."""
    data = f"Talks\n\n{text}".encode()
    plain = run("extract", "-", "--format", "jsonl", stdin=data)
    asked = run("extract", "-", "--format", "jsonl", flag, stdin=data)
    assert plain.returncode == 0 and asked.returncode == 0, asked.stderr.decode()
    assert json.loads(plain.stdout)["quotes"] == []
    [q] = json.loads(asked.stdout)["quotes"]
    assert q[field] is True and q["text"] == content


def test_a_reader_that_closes_the_pipe_early_is_not_an_error() -> None:
    """`quotes extract … | head -2`: the pipe's reader is gone before the output is written."""
    proc = subprocess.Popen([*quotes_cmd(), "extract", str(SEEDS[0]), "--format", "jsonl", "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # no reader left: the first write gets EPIPE
    stderr = proc.stderr.read().decode()
    assert proc.wait(180) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
