#!/usr/bin/env bash
# PolarDB-DDB's 100-item pages against DynamoDB's own, for the check's exact count and full scan of
# the target, through the PolarDB-DDB test double in front of a local DynamoDB server.
# Usage: bash bench/page-limit-bench.sh [items]   (default 50000; builds first unless NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench-pages
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18800
java -Xmx2g -cp "$BENCH_CP" io.nimo.bench.PageLimitBenchmark --target "http://127.0.0.1:$DST_PORT" \
  --items "${1:-50000}" 2>&1 | grep -v -E '^\s*at |WARN|INFO' || true
