#!/usr/bin/env bash
# JMH: item -> MongoDB document for a 1 KB item, convert.type exact vs mchange; prints the ratio.
# Usage: bash bench/converter-bench.sh   (builds first unless NIMO_SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${NIMO_SKIP_BUILD:-0}" = 1 ] || mvn -B -q -DskipTests install
out=$(mktemp)
java -cp "bench/target/lib/*:bench/target/classes" org.openjdk.jmh.Main ConverterBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -rf csv -rff "$out" > /dev/null
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, p, "."); score[p[n]] = $5 }
  END {
    printf "exact:   %.0f ns per 1 KB item\nmchange: %.0f ns per 1 KB item\n", score["exact"], score["mchange"]
    printf "ratio exact / mchange = %.2f (target <= 1.5)\n", score["exact"] / score["mchange"]
  }' "$out"
