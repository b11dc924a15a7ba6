#!/usr/bin/env bash
# Shared launcher logic, sourced by bin/<tool>.linux.amd64. Finds a Java 17+ runtime (the bundled
# NimoShake/jre if present, else $JAVA_HOME, else java on PATH), maps the tool's class-data sharing
# archive with the bundled runtime (NIMO_CDS=off leaves it out), makes the conf path absolute,
# changes to the tool's home directory (so logs/ and checkpoint/ land there) and execs the JVM,
# so signals (SIGTERM from stop scripts or Ctrl-C) reach it and it can checkpoint before exiting.
set -euo pipefail

# nimo_fail MESSAGE: says why the tool cannot start on stderr and in logs/<tool>.log, since the
# guides start the tools with nohup ... > /dev/null 2>&1.
nimo_fail() {
  echo "$NIMO_TOOL: $1" >&2
  mkdir -p "$NIMO_HOME/logs" 2>/dev/null &&
    printf '[%s] [ERROR] [launcher] %s did not start: %s\n' "$(date '+%Y/%m/%d %H:%M:%S')" "$NIMO_TOOL" "$1" \
      >> "$NIMO_HOME/logs/$NIMO_TOOL.log" 2>/dev/null || true
}

nimo_abspath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$PWD/$1" ;;
  esac
}

nimo_find_java() {
  # the bundled runtime is known to be 17: no JVM started just to ask its version
  # (read by bash itself: a host may have no grep on PATH)
  if [ -x "$NIMO_HOME/../jre/bin/java" ] && [ -r "$NIMO_HOME/../jre/release" ]; then
    case "$(< "$NIMO_HOME/../jre/release")" in
      *'JAVA_VERSION="17'*)
        printf '%s\n' "$NIMO_HOME/../jre/bin/java"
        return 0 ;;
    esac
  fi
  local candidates=("$NIMO_HOME/../jre/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local j v
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    v=$("$j" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
    v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -ge 17 ] 2>/dev/null; then
      printf '%s\n' "$j"
      return 0
    fi
  done
  nimo_fail "no Java 17 or newer found (looked at NimoShake/jre, \$JAVA_HOME and PATH)"
  return 1
}

nimo_run() {
  local main_class=$1
  shift
  local args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      -conf=*|--conf=*) args+=("--conf=$(nimo_abspath "${1#*=}")") ;;
      -conf|--conf)
        if [ $# -lt 2 ]; then nimo_fail "$1 needs a file name"; exit 2; fi
        shift; args+=("--conf=$(nimo_abspath "$1")") ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  local java
  java=$(nimo_find_java) || exit 2
  cd "$NIMO_HOME"
  # lib/*.jar by name, relative to the tool's home: the order and paths the class-data sharing
  # archive lib/classes.jsa was trained with, wherever the tarball is unpacked
  # (sorted in the C locale whatever the user's, without passing that locale on to the JVM)
  local cp
  cp=$(LC_ALL=C && for jar in lib/*.jar; do printf '%s:' "$jar"; done)
  cp=${cp%:}
  # the archive fits only the bundled runtime it was made by; with any other the JVM would refuse it
  local cds=()
  if [ -f lib/classes.jsa ] && [ "$java" = "$NIMO_HOME/../jre/bin/java" ] && [ "${NIMO_CDS:-on}" != off ]; then
    cds=(-XX:SharedArchiveFile=lib/classes.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  # C1 only: the tools' CPU goes to the SDK's marshalling and signing, and the C2 compiler's own work
  # costs more than it saves below a few hundred thousand items and about breaks even above
  # (bench/startup-bench.sh, bench/full-sync-bench.sh). NIMO_JAVA_OPTS comes after, so it wins:
  # NIMO_JAVA_OPTS=-XX:TieredStopAtLevel=4 brings C2 back.
  local jit=(-XX:TieredStopAtLevel=1)
  # shellcheck disable=SC2086
  exec "$java" ${cds[@]+"${cds[@]}"} "${jit[@]}" ${NIMO_JAVA_OPTS:-} -cp "$cp" "$main_class" ${args[@]+"${args[@]}"}
}
