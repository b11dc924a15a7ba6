#!/usr/bin/env bash
# Flink job benchmark: the source behind a proxy answering each call after RTT ms, one nimo-shake
# full sync as the baseline, then the Flink job at parallelism 1, 2, 4, 8, each reader keeping as
# many Scan calls in flight as nimo-shake (ratios, CPU per 10,000 items and scaling printed).
# Usage: bash bench/flink-scaling-bench.sh [items] [rtt-ms] [calls-in-flight]
#   (default 20000 100 8; builds first unless NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18300
java -Xmx2g -cp "$BENCH_CP" io.nimo.bench.FlinkScalingBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --items "${1:-20000}" --rtt "${2:-100}" --in-flight "${3:-8}" 2>&1 \
  | grep -v -E '^\s*at |WARN|INFO' || true
