"""clients/python/extract_quotes.py as a user runs it: one TSV row per quote, clean errors."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS, free_port

SCRIPT = ROOT / "clients" / "python" / "extract_quotes.py"
sys.path.insert(0, str(SCRIPT.parent))
from extract_quotes import tsv_field  # noqa: E402


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, timeout=180, cwd=ROOT)


@pytest.mark.parametrize(("value", "field"), [
    ("plain", "plain"),
    ("two\nlines", "two\\nlines"),
    ("a\ttab", "a\\ttab"),
    ("back\\slash", "back\\\\slash"),
    ("cr\r\nlf", "cr\\r\\nlf"),
])
def test_tsv_field_escapes_what_would_split_a_row(value: str, field: str) -> None:
    assert tsv_field(value) == field


def test_rows_have_four_fields_and_a_non_utf8_file_is_skipped_with_exit_2(server, tmp_path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("“Café,” he said.".encode("cp1252"))
    multi = tmp_path / "multi.txt"
    multi.write_text("Talks\n\n“We will not give up our land.\n\nWe will fight,” Zelensky said on Monday.\n")
    r = run(server.target, str(SEEDS[0]), str(bad), str(multi))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 2, err
    assert "latin1.txt: skipped: not UTF-8" in err and "Traceback" not in err
    rows = out.splitlines()
    assert rows and all(len(row.split("\t")) == 4 for row in rows)
    assert any(row.startswith(f"{SEEDS[0].stem}\t") for row in rows)


def test_unreachable_server_is_exit_3_without_traceback() -> None:
    r = run(f"127.0.0.1:{free_port()}", str(SEEDS[0]))
    err = r.stderr.decode()
    assert r.returncode == 3 and "UNAVAILABLE" in err and "Traceback" not in err
