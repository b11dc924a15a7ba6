#!/usr/bin/env bash
# Incremental-sync benchmark: replication lag at steady change rates and catch-up from a backlog,
# nimo-shake (packaged) next to a bare GetRecords -> BatchWriteItem loop, on local servers.
# Usage: bash bench/incr-lag-bench.sh [rates] [seconds] [backlog]   (defaults 200,1000 20 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench-incr
. bench/local-servers.sh
[ "${NIMO_SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests install
rm -rf "$WORK" && mkdir -p "$WORK"
tar xzf dist/target/NimoShake.tar.gz -C "$WORK"
SRC_PORT=$(nimo_free_port 18200)
DST_PORT=$(nimo_free_port $((SRC_PORT + 1)))
nimo_start_ddb "$SRC_PORT" source "$WORK" -Xmx4g
nimo_start_ddb "$DST_PORT" target "$WORK" -Xmx4g
java -cp "$BENCH_CP" io.nimo.bench.AwaitEndpoint --endpoint "http://127.0.0.1:$SRC_PORT"
java -cp "$BENCH_CP" io.nimo.bench.AwaitEndpoint --endpoint "http://127.0.0.1:$DST_PORT"
java -cp "$BENCH_CP" io.nimo.bench.IncrLagBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --home "$WORK/NimoShake/nimo-shake" \
  --rates "${1:-200,1000}" --seconds "${2:-20}" --backlog "${3:-100000}"
