#!/usr/bin/env bash
# DynamoDB -> MongoDB full-sync benchmark: bare Scan / insertMany / copy ceilings vs nimo-shake
# (target.type = mongodb, convert.type = exact) on the same local servers.
# Usage: bash bench/mongo-full-sync-bench.sh [items] [skip-bare] [rounds] [source-rtt-ms]
#        (default 100000 false 2 0; builds first unless NIMO_SKIP_BUILD=1). skip-bare=true runs only
# nimo-shake, e.g. for peak RSS on a large table; otherwise nimo-shake runs [rounds] times, each
# between two bare Scans. source-rtt-ms > 0 puts the source behind a proxy adding that round-trip
# time to every call, as across clouds (bare loops and nimo-shake alike).
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
WORK=.bench-mongo
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18500
MONGO_PORT=$(nimo_free_port $((DST_PORT + 1)))
java -Xmx8g -cp "$BENCH_CP" io.nimo.bench.MongoServerMain --port "$MONGO_PORT" > "$WORK/mongo.log" 2>&1 &
_nimo_server_pids+=($!)
until grep -q READY "$WORK/mongo.log" 2>/dev/null; do sleep 0.2; done
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.MongoFullSyncBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --mongo "mongodb://127.0.0.1:$MONGO_PORT" --items "$ITEMS" --home "$WORK/NimoShake/nimo-shake" \
  --skip-bare "${2:-false}" --rounds "${3:-2}" \
  --source-rtt "${4:-0}"
