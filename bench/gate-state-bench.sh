#!/usr/bin/env bash
# What the Flink job's change gate checkpoints per key changed during the Scan, on the heap backend
# (baseline) and on RocksDB (the job's default), full and incremental.
# Usage: bash bench/gate-state-bench.sh [keys]   (default 200000; builds first unless NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${NIMO_SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests install
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
# shellcheck disable=SC2086
java -Xmx2g $opens -Dlog4j2.configurationFile=bench/src/main/resources/log4j2.xml \
  -cp "bench/target/lib/*:bench/target/classes" io.nimo.bench.GateStateBenchmark --keys "${1:-200000}" 2>&1 |
  grep -v -E '^\s*at |WARN|INFO' || true
