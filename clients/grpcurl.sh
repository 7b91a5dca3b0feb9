#!/usr/bin/env sh
# Example grpcurl calls against a running `quotes serve` (reflection is on, so no .proto needed).
set -eu
TARGET=${1:-127.0.0.1:50051}
grpcurl -plaintext "$TARGET" list
grpcurl -plaintext "$TARGET" describe quoteservice.v1.QuoteService
grpcurl -plaintext -d '{"document": {"id": "ex1", "text": "“Negotiations are difficult,” Mykhailo Podolyak said."}}' \
  "$TARGET" quoteservice.v1.QuoteService/ExtractQuotes
grpcurl -plaintext -d '{"service": ""}' "$TARGET" grpc.health.v1.Health/Check
