"""Generated protobuf/gRPC code for quoteservice.v1 (do not edit; see proto/generate.py)."""
