#!/usr/bin/env bash
# nimo-shake's loopback full sync against a minimal copy loop written with the AWS SDK for Go v2
# (bench/go-copy-loop, built here with the machine's Go and its module proxy) and the same loop in
# Java, on the same DynamoDB Local servers; medians of items/s and of process CPU.
# Usage: bash bench/go-baseline-bench.sh [items] [rounds]   (default 50000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-50000}
WORK=.bench-go
(cd bench/go-copy-loop && go build -o ../target/go-copy-loop .)
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18950
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.GoBaselineBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --items "$ITEMS" --home "$WORK/NimoShake/nimo-shake" \
  --go bench/target/go-copy-loop --rounds "${2:-3}"
