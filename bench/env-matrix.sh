#!/usr/bin/env bash
# env-matrix.sh - which parts of the JVM fingerprint change bytes/op and objects/op, measured on the
# sample suite (module jmh-benchmarks, 13 benchmark runs): one allocgate:check per configuration
# (JDK x GC x object-layout flags) against an empty baseline directory, so every benchmark is NEW and
# gets MIN_FORKS forks of the adaptive engine, bytes and objects counted in the same forks.
#
# Usage:  bench/env-matrix.sh [CONFIG_NAME...]     (no argument: every configuration below)
# Environment: RESULTS (bench/results/env-matrix), MIN_FORKS (2), JDK17, JDK25 (java executables),
#              REPO_LOCAL (/tmp/env-matrix-m2, a private copy of ~/.m2 with this checkout installed,
#              as bench/gate-bench.sh does; REINSTALL=1 installs again).
# Output: $RESULTS/matrix.tsv   config, jdk, jvmArgs, benchmark, bytes/op, objects/op (current medians)
#         $RESULTS/table.md     one column per configuration, one row per benchmark (what README quotes)
#         $RESULTS/env.txt      date, commit, load before and after each configuration
# Configurations a JVM does not support (it rejects the flag) are listed as skipped in env.txt.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RESULTS=${RESULTS:-$ROOT/bench/results/env-matrix}
MIN_FORKS=${MIN_FORKS:-2}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
REPO_LOCAL=${REPO_LOCAL:-/tmp/env-matrix-m2}
MVN="mvn -B -o -Dmaven.repo.local=$REPO_LOCAL"
RAW=$RESULTS/raw
mkdir -p "$RESULTS" "$RAW"
TAG=env-matrix
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# name|java|jvmArgs
CONFIGS=(
  "jdk17-g1|$JDK17|"
  "jdk17-serial|$JDK17|-XX:+UseSerialGC"
  "jdk17-parallel|$JDK17|-XX:+UseParallelGC"
  "jdk17-zgc|$JDK17|-XX:+UseZGC"
  "jdk17-shenandoah|$JDK17|-XX:+UseShenandoahGC"
  "jdk17-no-coops|$JDK17|-XX:-UseCompressedOops"
  "jdk17-no-ccp|$JDK17|-XX:-UseCompressedClassPointers"
  "jdk17-align16|$JDK17|-XX:ObjectAlignmentInBytes=16"
  "jdk25-g1|$JDK25|"
  "jdk25-serial|$JDK25|-XX:+UseSerialGC"
  "jdk25-parallel|$JDK25|-XX:+UseParallelGC"
  "jdk25-zgc|$JDK25|-XX:+UseZGC"
  "jdk25-shenandoah|$JDK25|-XX:+UseShenandoahGC"
  "jdk25-no-coops|$JDK25|-XX:-UseCompressedOops"
  "jdk25-no-ccp|$JDK25|-XX:-UseCompressedClassPointers"
  "jdk25-compact|$JDK25|-XX:+UseCompactObjectHeaders"
)

install_into_repo_local
(cd "$ROOT" && $MVN -q -pl jmh-benchmarks test-compile)
{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "commit: $(git -C "$ROOT" rev-parse HEAD)"; echo "cores: $(nproc)";
  echo "min forks: $MIN_FORKS"; "$JDK17" -version 2>&1 | head -1; "$JDK25" -version 2>&1 | head -1; } > "$RESULTS/env.txt"
[ -f "$RESULTS/matrix.tsv" ] || echo -e "config\tjdk\tjvmArgs\tbenchmark\tbytes_per_op\tobjects_per_op" > "$RESULTS/matrix.tsv"

wanted() { [ $# -eq 0 ] && return 0; local n=$1; shift; for w in "${SELECT[@]}"; do [ "$w" = "$n" ] && return 0; done; return 1; }
SELECT=("$@")
for spec in "${CONFIGS[@]}"; do
    IFS='|' read -r name java args <<< "$spec"
    if [ ${#SELECT[@]} -gt 0 ] && ! wanted "$name" "${SELECT[@]}"; then continue; fi
    if ! "$java" $args -version > /dev/null 2>&1; then
        echo "skipped $name: $java rejects '$args'" >> "$RESULTS/env.txt"; log "skipped $name"; continue
    fi
    out=/tmp/env-matrix-out/$name
    rm -rf "$out" "/tmp/env-matrix-empty"
    log "$name: $java $args"
    before=$(load); start=$(now)
    set +e
    (cd "$ROOT" && $MVN -pl jmh-benchmarks allocgate:check -Dallocgate.baselines=/tmp/env-matrix-empty \
        -Dallocgate.outputDirectory="$out" -Dallocgate.jvm="$java" -Dallocgate.jvmArgs="$args" \
        -Dallocgate.minForks="$MIN_FORKS" -Djava.io.tmpdir=/tmp) > "$RAW/$name.log" 2>&1
    rc=$?
    set -e
    echo "$name: rc=$rc $(secs "$start" "$(now)") s, load before $before, after $(load)" >> "$RESULTS/env.txt"
    [ -f "$out/report.json" ] || { log "$name: no report.json (rc $rc), see $RAW/$name.log"; continue; }
    jdk=$("$java" -version 2>&1 | head -1 | sed -E 's/.*"([^"]+)".*/\1/')
    sed -i "/^$name\t/d" "$RESULTS/matrix.tsv"
    java -cp "$JACKSON" "$ROOT/bench/ReportSummary.java" "$out/report.json" | awk -F'\t' -v OFS='\t' \
        -v c="$name" -v j="$jdk" -v a="$args" '!/^#/ { print c, j, a, $1, $8, $10 }' >> "$RESULTS/matrix.tsv"
done

# table.md: benchmark rows, "bytes / objects" per configuration
awk -F'\t' 'NR == 1 { next }
    { if (!($1 in seen)) { seen[$1] = 1; cols[++nc] = $1 } if (!($4 in seenb)) { seenb[$4] = 1; rows[++nr] = $4 }
      v[$4, $1] = sprintf("%.0f / %.0f", $5, $6) }
    END { printf "| benchmark (B/op / objects/op) |"; for (c = 1; c <= nc; c++) printf " %s |", cols[c]; print "";
          printf "|---|"; for (c = 1; c <= nc; c++) printf "---|"; print "";
          for (r = 1; r <= nr; r++) { printf "| %s |", rows[r]; for (c = 1; c <= nc; c++) printf " %s |", v[rows[r], cols[c]]; print "" } }' \
    "$RESULTS/matrix.tsv" > "$RESULTS/table.md"
cat "$RESULTS/table.md"
