#!/usr/bin/env bash
# DynamoDB -> PostgreSQL full-sync benchmark: bare Scan / COPY / batched-insert / copy-loop ceilings
# vs nimo-shake (target.type = postgresql) on the same local servers (an embedded PostgreSQL).
# Usage: bash bench/postgres-full-sync-bench.sh [items]   (default 100000; builds first unless
# NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
WORK=.bench-postgres
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18600
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.PostgresFullSyncBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --items "$ITEMS" --home "$WORK/NimoShake/nimo-shake"
