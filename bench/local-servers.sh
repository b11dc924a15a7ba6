#!/usr/bin/env bash
# Sourced by demo.sh and the benchmarks: starts DynamoDB Local servers on free loopback ports
# from bench/target/lib and stops them when the calling script exits.
BENCH_CP="bench/target/lib/*:bench/target/classes"
_nimo_server_pids=()

nimo_free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

nimo_stop_servers() {
  local p
  for p in "${_nimo_server_pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap nimo_stop_servers EXIT

# nimo_start_ddb PORT NAME LOGDIR [JVM flags...]: DynamoDB Local, in memory, one shared database.
nimo_start_ddb() {
  local port=$1 name=$2 logdir=$3
  shift 3
  DDB_LOCAL_TELEMETRY=0 java "$@" -cp "$BENCH_CP" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
    -inMemory -sharedDb -port "$port" -disableTelemetry > "$logdir/ddb-$name.log" 2>&1 &
  _nimo_server_pids+=($!)
}

# nimo_bench_setup WORK BASE_PORT: builds (unless NIMO_SKIP_BUILD=1), unpacks NimoShake.tar.gz into
# WORK, starts a source and a target DynamoDB Local and waits for both; sets SRC_PORT and DST_PORT.
nimo_bench_setup() {
  local work=$1 base=$2
  [ "${NIMO_SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests install
  rm -rf "$work" && mkdir -p "$work"
  tar xzf dist/target/NimoShake.tar.gz -C "$work"
  SRC_PORT=$(nimo_free_port "$base")
  DST_PORT=$(nimo_free_port $((SRC_PORT + 1)))
  nimo_start_ddb "$SRC_PORT" source "$work" -Xmx4g
  nimo_start_ddb "$DST_PORT" target "$work" -Xmx4g
  java -cp "$BENCH_CP" io.nimo.bench.AwaitEndpoint --endpoint "http://127.0.0.1:$SRC_PORT"
  java -cp "$BENCH_CP" io.nimo.bench.AwaitEndpoint --endpoint "http://127.0.0.1:$DST_PORT"
}

# nimo_start_s3 PORT LOGDIR: an S3-compatible server (S3Proxy, in memory, no authentication) from
# s3-lib/target/s3-lib, as the export tests use it.
nimo_start_s3() {
  local port=$1 logdir=$2
  printf 's3proxy.endpoint=http://127.0.0.1:%s\ns3proxy.authorization=none\ns3proxy.ignore-unknown-headers=true\njclouds.provider=transient\njclouds.identity=bench\njclouds.credential=bench\n' \
    "$port" > "$logdir/s3proxy.conf"
  java -Xmx1g -cp "s3-lib/target/s3-lib/*" org.gaul.s3proxy.Main --properties "$logdir/s3proxy.conf" \
    > "$logdir/s3proxy.log" 2>&1 &
  _nimo_server_pids+=($!)
  local i
  for i in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "S3Proxy did not start on port $port: see $logdir/s3proxy.log" >&2
  return 1
}
