#!/usr/bin/env bash
# Optional, run by hand where Go is installed (not part of .ci/run, whose machine needs only git, a
# JDK 17 and Maven): builds FerretDB 1.24.2 with its SQLite backend from the Go module proxy and
# runs against it the MongoDB ITs that FerretDB can serve: the checkpoint store contract kit.
# FerretDB 1.24 refuses hashed indexes, Decimal128 and nested arrays, which the MongoDB target's
# indexes and `exact` documents need, so the target's ITs stay on mongo-java-server (README).
# Usage: bash .ci/ferretdb-it.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=v1.24.2
WORK=${TMPDIR:-/tmp}/nimo-ferretdb
rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/state"
src=$(cd "$WORK" && go mod download -json "github.com/FerretDB/FerretDB@$VERSION" \
  | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
# `go install ...@v1.24.2` builds a binary that panics at start: the module ships an empty
# build/version/version.txt, which its release builds fill in; so build a copy with it filled in
cp -r "$src" "$WORK/src" && chmod -R u+w "$WORK/src"
echo "$VERSION" > "$WORK/src/build/version/version.txt"
(cd "$WORK/src" && go build -o "$WORK/ferretdb" ./cmd/ferretdb)
. bench/local-servers.sh
PORT=$(nimo_free_port 27217)
"$WORK/ferretdb" --handler=sqlite --sqlite-url="file:$WORK/data/" --state-dir="$WORK/state" \
  --listen-addr="127.0.0.1:$PORT" --telemetry=disable --debug-addr=- --log-level=error \
  > "$WORK/ferretdb.log" 2>&1 &
_nimo_server_pids+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do sleep 0.2; done
mvn -B verify -pl nimo-core -Dit.test=MongoCheckpointStoreContractIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dnimo.test.mongodb.uri="mongodb://127.0.0.1:$PORT"
