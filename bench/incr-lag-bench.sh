#!/usr/bin/env bash
# Incremental-sync benchmark: replication lag at steady change rates and catch-up from a backlog,
# nimo-shake (packaged) next to a bare GetRecords -> BatchWriteItem loop, on local servers.
# Usage: bash bench/incr-lag-bench.sh [rates] [seconds] [backlog] [source-rtt] [target-rtt] [wcu]
#        (defaults 200,1000 20 100000 0 0 unlimited; RTTs and capacity go through bench's CapacityProxy)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench-incr
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18200
java -cp "$BENCH_CP" io.nimo.bench.IncrLagBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --home "$WORK/NimoShake/nimo-shake" \
  --rates "${1:-200,1000}" --seconds "${2:-20}" --backlog "${3:-100000}" \
  --source-rtt "${4:-0}" --target-rtt "${5:-0}" --wcu "${6:-1e12}"
