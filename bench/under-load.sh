#!/usr/bin/env bash
# Runs a command on a deliberately busy machine: one busy loop per core, at the lowest priority
# (nice 19) unless NIMO_LOAD_NICE says otherwise, for as long as the command runs. The test suite
# must pass like this too (a CI agent or a laptop doing other work): tests wait for states, not times.
# Usage: bash bench/under-load.sh mvn -B verify --fail-at-end
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: bash bench/under-load.sh COMMAND [ARGS...]" >&2; exit 2; }
cores=$(nproc)
nice_level=${NIMO_LOAD_NICE:-19}
pids=()
for _ in $(seq "$cores"); do
  nice -n "$nice_level" bash -c 'while :; do :; done' &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
echo "under-load: $cores busy loop(s) at nice $nice_level while running: $*" >&2
start=$(date +%s)
set +e
"$@"
rc=$?
set -e
echo "under-load: exit $rc after $(( $(date +%s) - start )) s" >&2
exit $rc
