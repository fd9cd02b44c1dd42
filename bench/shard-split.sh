#!/usr/bin/env bash
# shard-split.sh - balance and stability of the shard split (gate-core's Shard) against the longest-processing-time
# split it replaced, on the corpus's check costs (forks x fork seconds per benchmark of the first unchanged check in
# bench/results/corpus/jdk17) and on seeded synthetic suites. No benchmark runs: a computation, the same on any machine.
# Usage: bench/shard-split.sh (after mvn compile of gate-core)   Output: a Markdown table on stdout.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
awk -F, 'NR > 1 && $1 == 1 { c[$2] += $10 } END { for (k in c) print k "," c[k] }' \
    "$ROOT/bench/results/corpus/jdk17/unchanged-benchmarks.csv" | sort > "$WORK/corpus-costs.csv"
javac -d "$WORK" -cp "$ROOT/gate-core/target/classes" "$ROOT/bench/ShardSplitComparison.java"
java -cp "$WORK:$ROOT/gate-core/target/classes" ShardSplitComparison "$WORK/corpus-costs.csv"
