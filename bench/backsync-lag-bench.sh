#!/usr/bin/env bash
# Reverse-sync benchmark: PostgreSQL commit -> written to DynamoDB, polardb-backsync (the Flink job
# in an in-process MiniCluster) next to a bare pgoutput -> BatchWriteItem loop, on the same local
# servers (an embedded PostgreSQL with wal_level=logical, two DynamoDB Local processes).
# Flink CDC ships its own copies of some Debezium classes: the job jar goes first on the class path.
# Usage: bash bench/backsync-lag-bench.sh [rate] [seconds] [burst]   (defaults 200 20 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench-backsync
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18300
java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  -cp "polardb-backsync/target/PolarDBBackSync.jar:$BENCH_CP" io.nimo.bench.BackSyncLagBenchmark \
  --ddb1 "http://127.0.0.1:$SRC_PORT" --ddb2 "http://127.0.0.1:$DST_PORT" \
  --rate "${1:-200}" --seconds "${2:-20}" --burst "${3:-20000}"
