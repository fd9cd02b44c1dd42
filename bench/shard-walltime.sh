#!/usr/bin/env bash
# shard-walltime.sh - wall time of the sample suite's check as 1 job and as 2 shards + merge (module jmh-benchmarks,
# committed baselines), with hyperfine. On one machine the shards run one after another; on a CI matrix they run at
# once on separate machines, so the matrix's wall time is the slower shard plus the merge job.
# Usage: bench/shard-walltime.sh   Environment: RUNS (3), REPO_LOCAL (/tmp/env-matrix-m2, this checkout installed,
#        see bench/gate-bench.sh; REINSTALL=1 installs again), RESULTS (bench/results/shards)
# Output: $RESULTS/walltime.csv (config, runs, mean_s, stddev_s, load before, after), hyperfine's JSON per config.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RESULTS=${RESULTS:-$ROOT/bench/results/shards}
RUNS=${RUNS:-3}
REPO_LOCAL=${REPO_LOCAL:-/tmp/env-matrix-m2}
MVN="mvn -B -o -q -Dmaven.repo.local=$REPO_LOCAL -pl jmh-benchmarks"
RAW=$RESULTS/raw
mkdir -p "$RESULTS" "$RAW"
TAG=shard-walltime
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
# -am: the plugin and the core too (MVN selects jmh-benchmarks alone), without the sample module's own gate.
install_into_repo_local -am -Dallocgate.skip=true
(cd "$ROOT" && $MVN test-compile)
OUT=/tmp/shard-walltime
hyperfine_rows "$ROOT" "unsharded|allocgate:check -Dallocgate.outputDirectory=$OUT/whole" \
    "shard-1-of-2|allocgate:check -Dallocgate.shard=1/2 -Dallocgate.outputDirectory=$OUT/s1" \
    "shard-2-of-2|allocgate:check -Dallocgate.shard=2/2 -Dallocgate.outputDirectory=$OUT/s2" \
    "merge|allocgate:merge -Dallocgate.shards=$OUT/s1,$OUT/s2 -Dallocgate.outputDirectory=$OUT/merged"
cmp -s <(sed 's/time="[^"]*"//g' $OUT/whole/TEST-allocgate.xml) <(sed 's/time="[^"]*"//g' $OUT/merged/TEST-allocgate.xml) \
    && log "merged JUnit report equals the unsharded one" || log "merged JUnit report differs from the unsharded one"
cat "$RESULTS/walltime.csv"
