#!/usr/bin/env bash
# Export load vs Scan: the same table copied by nimo-shake once with a parallel Scan of the source
# and once from a DynamoDB export of it in S3 (DYNAMODB_JSON and ION, laid out as AWS writes them),
# into the same target, in one run. Prints items/s, CPU per item and the source's read calls during
# each bulk copy (an export: none), and the ratio export / Scan.
# Usage: bash bench/export-load-bench.sh [items] [files]   (default 100000 8; builds first unless
# NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
WORK=.bench-export
. bench/local-servers.sh
nimo_bench_setup "$WORK" 18400
S3_PORT=$(nimo_free_port $((DST_PORT + 1)))
nimo_start_s3 "$S3_PORT" "$WORK"
java -cp "$BENCH_CP" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS" \
  --threads 8 --customers false
java -cp "$BENCH_CP" io.nimo.bench.ExportLoadBenchmark --source "http://127.0.0.1:$SRC_PORT" \
  --target "http://127.0.0.1:$DST_PORT" --s3 "http://127.0.0.1:$S3_PORT" --items "$ITEMS" \
  --files "${2:-8}" --home "$WORK/NimoShake/nimo-shake"
echo "== nimo-shake --plan with the last run's conf (the ION export), the source without the proxy:"
cd "$WORK/NimoShake/nimo-shake"
sed -i "s#^source.endpoint_url = .*#source.endpoint_url = http://127.0.0.1:$SRC_PORT#" conf/bench.conf
./bin/nimo-shake.linux.amd64 --plan -conf=conf/bench.conf | grep -v '^\['
