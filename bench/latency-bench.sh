#!/usr/bin/env bash
# Full sync across clouds: source and target DynamoDB Local behind proxies that add a round-trip
# time and enforce provisioned capacity (ProvisionedThroughputExceededException above it);
# nimo-shake (defaults) next to a bare copy loop with the same concurrency.
# Usage: bash bench/latency-bench.sh [items] [source-rtt-ms] [target-rtt-ms] [rcu] [wcu] [k=v,...]
#        (defaults 50000 100 5 4000 2000; a high cap: bash bench/latency-bench.sh 50000 20 2 1e9 1e9)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-50000}
WORK=.bench-latency
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18700
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.LatencyBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --items "$ITEMS" --home "$WORK/NimoShake/nimo-shake" \
  --source-rtt "${2:-100}" --target-rtt "${3:-5}" --rcu "${4:-4000}" --wcu "${5:-2000}" --nimo-conf "${6:-}"
