#!/usr/bin/env bash
# The main job on embedded defaults: builds NimoShake.tar.gz, starts two local DynamoDB servers
# (DynamoDB Local, loopback only: a source seeded with sample tables, and a target standing in for
# PolarDB's DynamoDB-compatible endpoint), runs nimo-shake from the unpacked tarball exactly as the
# user guide does (sync_mode = all: full sync, then following the streams while the guide's traffic
# simulation updates the source), stops it with SIGTERM, then runs the packaged nimo-full-check, which
# compares source and target item by item (exit 0 = identical).
# Usage: bash bench/demo.sh [items]        (default 5000; state under .demo/, removed on each run)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-5000}
DEMO=.demo
. bench/local-servers.sh
LIB="$BENCH_CP"

echo "== building (mvn -DskipTests install)"
mvn -B -q -DskipTests install

rm -rf "$DEMO" && mkdir -p "$DEMO"
tar xzf dist/target/NimoShake.tar.gz -C "$DEMO"

SRC_PORT=$(nimo_free_port 18000)
DST_PORT=$(nimo_free_port $((SRC_PORT + 1)))
echo "== starting DynamoDB Local: source on 127.0.0.1:$SRC_PORT, target (PolarDB stand-in) on 127.0.0.1:$DST_PORT"
nimo_start_ddb "$SRC_PORT" source "$DEMO"
nimo_start_ddb "$DST_PORT" target "$DEMO"

echo "== seeding the source with $ITEMS orders, 500 customers and the guide's table src1"
java -cp "$LIB" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS"
java -cp "$LIB" io.nimo.bench.TrafficSimulator --endpoint "http://127.0.0.1:$SRC_PORT" --seconds 1 > /dev/null
java -cp "$LIB" io.nimo.bench.AwaitEndpoint --endpoint "http://127.0.0.1:$DST_PORT"

echo "== configuring NimoShake/nimo-shake/conf/nimo-shake.conf"
cd "$DEMO/NimoShake/nimo-shake"
set_key() { sed -i "s#^$1 = .*#$1 = $2#" conf/nimo-shake.conf; }
set_key sync_mode all
set_key source.endpoint_url "http://127.0.0.1:$SRC_PORT"
set_key source.access_key_id demo
set_key source.secret_access_key demo-secret
set_key source.region us-east-1
set_key target.type polardb
set_key target.address "http://127.0.0.1:$DST_PORT"
set_key target.access_key_id demo
set_key target.secret_access_key demo-secret
set_key log.file nimo-shake.log

echo "== running ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf (full sync, then incremental)"
./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf > logs/console.out 2>&1 &
NIMO_PID=$!
cd - > /dev/null
STATUS="$DEMO/NimoShake/nimo-shake/checkpoint/nimo-shake-checkpoint/status_table.json"
for _ in $(seq 1 600); do
  grep -q '"incr_sync"' "$STATUS" 2>/dev/null && break
  kill -0 "$NIMO_PID" 2>/dev/null || { cat "$DEMO/NimoShake/nimo-shake/logs/console.out"; exit 1; }
  sleep 0.5
done
grep -q '"incr_sync"' "$STATUS" || { echo "full sync did not finish in time"; kill "$NIMO_PID"; exit 1; }
echo "== full sync done; now following the streams while the guide's traffic simulation updates src1 (10 s)"
java -cp "$LIB" io.nimo.bench.TrafficSimulator --endpoint "http://127.0.0.1:$SRC_PORT" --rate 5 --seconds 10 \
  > /dev/null
if command -v curl > /dev/null; then curl -s "http://127.0.0.1:9340/metric" | head -c 300; echo; fi
sleep 3
echo "== stopping nimo-shake with SIGTERM (it drains, checkpoints and exits 0)"
kill -TERM "$NIMO_PID"
wait "$NIMO_PID"
grep -E "full sync done|start incr sync|summary|DONE|INCR " "$DEMO/NimoShake/nimo-shake/logs/console.out" \
  | sed 's/^\[[^]]*\] \[[A-Z]*\] \[[^]]*\] //'

echo "== checking: ./bin/nimo-full-check.linux.amd64 -conf=./conf/nimo-full-check.conf (item by item)"
cd "$DEMO/NimoShake/nimo-full-check"
check_key() { sed -i "s#^$1 = .*#$1 = $2#" conf/nimo-full-check.conf; }
check_key source.endpoint_url "http://127.0.0.1:$SRC_PORT"
check_key source.access_key_id demo
check_key source.secret_access_key demo-secret
check_key source.region us-east-1
check_key target.type polardb
check_key target.address "http://127.0.0.1:$DST_PORT"
check_key target.access_key_id demo
check_key target.secret_access_key demo-secret
status=0
./bin/nimo-full-check.linux.amd64 -conf=./conf/nimo-full-check.conf > logs/console.out 2>&1 || status=$?
sed -n '/nimo-full-check summary/,$p' logs/console.out
if [ "$status" -eq 0 ]; then
  echo "== source and target are identical"
else
  echo "== nimo-full-check exit $status: see $DEMO/NimoShake/nimo-full-check/nimo-full-check-diff/ and logs/console.out"
fi
exit "$status"
