#!/usr/bin/env bash
# Start-up of the packaged nimo-shake: launch -> first Scan page answered, with and without the
# class-data sharing archives shipped in the tarball, plus the bundled JVM's own floor.
# Usage: bash bench/startup-bench.sh [runs] [source-rtt-ms] [items]   (default 5 0 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=.bench-startup
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18800
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "${3:-1000}" \
  --threads 4 --customers false
java -cp "$BENCH_CP" io.nimo.bench.StartupBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --home "$WORK/NimoShake/nimo-shake" --runs "${1:-5}" \
  --source-rtt "${2:-0}"
