#!/usr/bin/env bash
# Cutover check benchmark: a bare double scan, nimo-full-check's full pass and mode = changed after
# N and 4N changes, in one process against the same two local DynamoDB servers.
# Usage: bash bench/changed-check-bench.sh [items] [changes] (default 200000 1000; builds first
# unless NIMO_SKIP_BUILD=1).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-200000}
WORK=.bench-changed
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18700
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -Xmx3g -cp "$BENCH_CP" io.nimo.bench.ChangedCheckBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --items "$ITEMS" --changes "${2:-1000}"
