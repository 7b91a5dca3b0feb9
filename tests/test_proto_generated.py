"""The checked-in protobuf/gRPC modules are exactly what proto/generate.py produces from proto/."""
from __future__ import annotations

import importlib
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT


def test_regeneration_gives_no_diff(tmp_path: pathlib.Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "proto" / "generate.py"), str(tmp_path)], check=True)
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.py*"))
    assert generated, "protoc produced nothing"
    for rel in generated:
        checked_in = ROOT / rel
        assert checked_in.exists(), f"{rel} is generated but not checked in"
        assert checked_in.read_text() == (tmp_path / rel).read_text(), f"{rel} differs: run proto/generate.py"


@pytest.mark.parametrize("module", ["quote_service_pb2", "archive_pb2"])
def test_api_follows_buf_standard_naming(module: str) -> None:
    pb = importlib.import_module(f"quoteservice.v1.{module}")
    assert pb.DESCRIPTOR.package == "quoteservice.v1"
    for service in pb.DESCRIPTOR.services_by_name.values():
        assert service.name.endswith("Service")
        for m in service.methods:
            assert m.input_type.name == f"{m.name}Request"
            assert m.output_type.name == f"{m.name}Response"
    for enum in pb.DESCRIPTOR.enum_types_by_name.values():
        prefix = "".join("_" + c if c.isupper() else c for c in enum.name).lstrip("_").upper()
        assert enum.values[0].name == f"{prefix}_UNSPECIFIED" and enum.values[0].number == 0
        assert all(v.name.startswith(prefix + "_") for v in enum.values)
