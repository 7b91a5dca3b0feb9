"""`python -m quoteservice.healthcheck [HOST:PORT]`: exit 0 when the gRPC health service says SERVING.

Used by the Dockerfile's HEALTHCHECK; needs only grpcio-health-checking, no grpcurl.
"""
from __future__ import annotations

import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(target: str, service: str = "", timeout: float = 3.0) -> bool:
    """Whether `service` at `target` reports SERVING within `timeout` seconds."""
    try:
        with grpc.insecure_channel(target) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service),
                                                              timeout=timeout)
    except grpc.RpcError as exc:
        print(f"unhealthy: {exc.code().name}", file=sys.stderr)
        return False
    ok = reply.status == health_pb2.HealthCheckResponse.SERVING
    if not ok:
        print(f"unhealthy: {health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)}", file=sys.stderr)
    return ok


if __name__ == "__main__":
    sys.exit(0 if check(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50051") else 1)
