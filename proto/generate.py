"""Regenerate the Python gRPC/protobuf modules from proto/ into the package tree.

Run with the pinned grpcio-tools: `python proto/generate.py [OUT_DIR]` (default: repo root).
tests/test_proto_generated.py checks that the checked-in code matches a fresh generation.
"""
from __future__ import annotations

import pathlib
import sys

import google.rpc
import grpc_tools
from grpc_tools import protoc

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
PROTOS = sorted(p.relative_to(PROTO_DIR).as_posix() for p in PROTO_DIR.rglob("*.proto"))


def generate(out_dir: pathlib.Path) -> None:
    """Run protoc for every .proto under proto/, writing *_pb2.py, *_pb2.pyi and *_pb2_grpc.py."""
    out_dir.mkdir(parents=True, exist_ok=True)
    includes = [
        f"-I{PROTO_DIR}",
        f"-I{pathlib.Path(grpc_tools.__file__).parent / '_proto'}",
        f"-I{pathlib.Path(google.rpc.__path__[0]).parent.parent}",
    ]
    args = ["protoc", *includes, f"--python_out={out_dir}", f"--pyi_out={out_dir}",
            f"--grpc_python_out={out_dir}", *PROTOS]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")


if __name__ == "__main__":
    generate(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
