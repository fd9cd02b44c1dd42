#!/usr/bin/env bash
# against-walltime.sh - wall time of a base-vs-PR check (check -Dallocgate.against=HEAD: base revision built in a
# temporary worktree, both sides measured in this job) against a check of the same benchmarks against stored
# baselines, with hyperfine. The sample suite (jmh-benchmarks' sources) is copied into a standalone one-module project
# in a temporary git repository, so that the worktree belongs to that repository, not to this checkout's.
# Usage: bench/against-walltime.sh   Environment: RUNS (3), REPO_LOCAL (/tmp/m2-against, this checkout installed;
#        REINSTALL=1 installs again), RESULTS (bench/results/against), WORK (/tmp/against-walltime)
# Output: $RESULTS/walltime.csv (config, runs, mean_s, stddev_s, load before, after), hyperfine's JSON per config.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RESULTS=${RESULTS:-$ROOT/bench/results/against}
RUNS=${RUNS:-3}
REPO_LOCAL=${REPO_LOCAL:-/tmp/m2-against}
WORK=${WORK:-/tmp/against-walltime}
MVN="mvn -B -o -q -Dmaven.repo.local=$REPO_LOCAL"
RAW=$RESULTS/raw
mkdir -p "$RESULTS" "$RAW"
TAG=against-walltime
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
install_into_repo_local -pl gate-maven-plugin -am

version() { sed -n -E "s#.*<$1>([^<]+)</$1>.*#\1#p" "$ROOT/pom.xml" | head -1; }
rm -rf "$WORK" && mkdir -p "$WORK/src/main/java"
sed -e "s/@jmh.version@/$(version jmh.version)/g; s/@compiler.plugin.version@/$(version compiler.plugin.version)/" \
    -e "s/@resources.plugin.version@/$(version resources.plugin.version)/; s/@surefire.plugin.version@/$(version surefire.plugin.version)/" \
    -e "s/@jar.plugin.version@/$(version jar.plugin.version)/; s/@clean.plugin.version@/$(version clean.plugin.version)/" \
    -e "s/@allocgate.version@/$(sed -n -E '0,/<version>/s#.*<version>([^<]+)</version>.*#\1#p' "$ROOT/pom.xml")/" \
    -e 's#<artifactId>against-regression</artifactId>#<artifactId>against-walltime</artifactId>#' \
    -e '/<allocgate\.[a-zA-Z]*>/d' \
    "$ROOT/gate-maven-plugin/src/it/against-regression/pom.xml" > "$WORK/pom.xml"
cp -r "$ROOT/jmh-benchmarks/src/main/java/." "$WORK/src/main/java/"
printf 'target/\nbaselines/\n' > "$WORK/.gitignore"
git -C "$WORK" -c init.defaultBranch=main init -q
git -C "$WORK" add -A
git -C "$WORK" -c user.name=bench -c user.email=bench@invalid -c commit.gpgsign=false commit -q -m samples
(cd "$WORK" && $MVN clean test-compile dev.allocgate:allocgate-maven-plugin:$(sed -n -E '0,/<version>/s#.*<version>([^<]+)</version>.*#\1#p' "$ROOT/pom.xml"):record) > "$RAW/record.log" 2>&1

hyperfine_rows "$WORK" "stored-baselines|verify -Dallocgate.outputDirectory=target/stored" \
    "against-HEAD|verify -Dallocgate.against=HEAD -Dallocgate.outputDirectory=target/against"
grep -h '"verdict"' "$WORK/target/stored/report.json" "$WORK/target/against/report.json" >&2 || true
cat "$RESULTS/walltime.csv"
