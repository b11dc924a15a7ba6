#!/usr/bin/env bash
# Full-sync benchmark: bare Scan / BatchWriteItem ceilings vs nimo-shake on the same local servers.
# Usage: bash bench/full-sync-bench.sh [items] [skip-bare] [segments]   (default 100000 false 8; builds
# first unless NIMO_SKIP_BUILD=1). skip-bare=true runs only nimo-shake, e.g. to check -Xmx256m on a large
# table; segments sets its full.read.concurrency (DynamoDB Local's parallel Scan slows down past ~500k rows).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
WORK=.bench
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18100
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.FullSyncBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --items "$ITEMS" --home "$WORK/NimoShake/nimo-shake" \
  --skip-bare "${2:-false}" --segments "${3:-8}"
