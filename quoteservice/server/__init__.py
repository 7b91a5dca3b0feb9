"""The gRPC layer: servicer, interceptors and the multi-process server."""
