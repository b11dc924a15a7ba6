#!/usr/bin/env bash
# The main job on embedded defaults: builds NimoShake.tar.gz, starts two local DynamoDB servers
# (DynamoDB Local, loopback only: a source seeded with sample tables, and a target standing in for
# PolarDB's DynamoDB-compatible endpoint), runs nimo-shake from the unpacked tarball exactly as the
# user guide does, then checks source and target item by item.
# Usage: bash bench/demo.sh [items]        (default 5000; state under .demo/, removed on each run)
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-5000}
DEMO=.demo
LIB="bench/target/lib/*:bench/target/classes"

echo "== building (mvn -DskipTests install)"
mvn -B -q -DskipTests install

rm -rf "$DEMO" && mkdir -p "$DEMO"
tar xzf dist/target/NimoShake.tar.gz -C "$DEMO"

free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
SRC_PORT=$(free_port 18000)
DST_PORT=$(free_port $((SRC_PORT + 1)))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_ddb() {
  DDB_LOCAL_TELEMETRY=0 java -cp "$LIB" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
    -inMemory -sharedDb -port "$1" -disableTelemetry > "$DEMO/ddb-$2.log" 2>&1 &
  pids+=($!)
}
echo "== starting DynamoDB Local: source on 127.0.0.1:$SRC_PORT, target (PolarDB stand-in) on 127.0.0.1:$DST_PORT"
start_ddb "$SRC_PORT" source
start_ddb "$DST_PORT" target

echo "== seeding the source with $ITEMS orders and 500 customers"
java -cp "$LIB" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$SRC_PORT" --items "$ITEMS"
java -cp "$LIB" io.nimo.bench.SampleData --endpoint "http://127.0.0.1:$DST_PORT" --items 0 --table warmup \
  --customers false > /dev/null

echo "== configuring NimoShake/nimo-shake/conf/nimo-shake.conf"
cd "$DEMO/NimoShake/nimo-shake"
set_key() { sed -i "s#^$1 = .*#$1 = $2#" conf/nimo-shake.conf; }
set_key sync_mode full
set_key source.endpoint_url "http://127.0.0.1:$SRC_PORT"
set_key source.access_key_id demo
set_key source.secret_access_key demo-secret
set_key source.region us-east-1
set_key target.type polardb
set_key target.address "http://127.0.0.1:$DST_PORT"
set_key target.access_key_id demo
set_key target.secret_access_key demo-secret
set_key filter.collection.black warmup
set_key log.file nimo-shake.log

echo "== running ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf"
./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf
cd - > /dev/null

echo "== checking source against target, item by item"
java -cp "$LIB" io.nimo.bench.TableCompare --source "http://127.0.0.1:$SRC_PORT" --target "http://127.0.0.1:$DST_PORT" \
  2>/dev/null | grep -v warmup
