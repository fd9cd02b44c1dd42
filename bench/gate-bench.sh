#!/usr/bin/env bash
# gate-bench.sh - the benchmark of the gate itself, on the sample suite (module jmh-benchmarks,
# 13 benchmark runs, committed baselines in baselines/jmh-benchmarks).
#
# What it measures (results under bench/results/, see below):
#   1. walltime   Wall time of
#                   mvn -B -o -q -pl jmh-benchmarks allocgate:check -Dallocgate.showJmhOutput=false
#                 (a) allocgate's defaults (engine=adaptive), hyperfine --runs 3;
#                 (b) -Dallocgate.engine=fixed -Dallocgate.forks=8, the fixed design of equal power
#                     (the adaptive engine's U test can only reject at maxForks=8), hyperfine --runs 1;
#                 (c) JMH's own defaults, computed, not run: 5 forks x (5 x 10 s + 5 x 10 s) = 500 s
#                     per benchmark run.
#   2. falsealarm FA_RUNS (default 20) unchanged `check` runs with the defaults against the committed
#                 baselines; per run: exit code, wall time, load, failing benchmarks; per benchmark:
#                 verdicts and the forks the adaptive engine used (from report.json and the
#                 "[k/n] <key> fork <i>: ...; done: <reason>" progress lines).
#   3. inject     Injected regressions in a detached git worktree of HEAD under /tmp, each checked
#                 INJ_RUNS (default 5) times against the UNCHANGED committed baselines of this clone:
#                   bytes8    HiddenAllocationBenchmarks.varargs: sum(v, 2, 3) -> sum(v, 2, 3, 4, 5),
#                             int[3] (32 B) -> int[5] (40 B): +8 B/op, objects/op unchanged
#                   object1   BasicAllocationBenchmarks.twoObjects gets a third new Object()
#                             (+16 B/op, +1 object/op) with -Dallocgate.thresholdBytes=1000, so only
#                             objects/op can flag it
#                   zero16    BasicAllocationBenchmarks.allocationFree returns a new Object():
#                             0 -> 16 B/op, 0 -> 1 object/op
#
# Usage:  bench/gate-bench.sh [walltime] [falsealarm] [inject]     (no argument: all three)
# Environment: FA_RUNS (20), INJ_RUNS (5), RESULTS (bench/results),
#              REPO_LOCAL (default /tmp/gate-bench-m2): a private copy of ~/.m2/repository into which
#              this checkout's plugin is installed (`mvn -o install -DskipTests`, about 2 minutes, on the
#              first use); every mvn call uses it. A shared ~/.m2 is not safe: the benchmark JVMs load
#              allocgate-profiler's jar from the local repository, and a concurrent `mvn install` of
#              another checkout replaces it mid-run (ClassNotFoundException / NoClassDefFoundError in a
#              fork, so the benchmark is FAILED). REPO_LOCAL=$HOME/.m2/repository uses ~/.m2 as is;
#              REINSTALL=1 installs into REPO_LOCAL again.
# Needs: mvn (offline, -o), java 17+, hyperfine, git, sed, awk. No network. About 35-40 minutes on
# a loaded 2-core machine with the defaults.
#
# Output (small text files, committed; raw Maven logs, jmh-output.log and report.json copies go to
# $RESULTS/raw/, which is gitignored):
#   env.txt                  date, JDK, Maven, hyperfine, cores, commit
#   walltime.csv             config,runs,mean_s,stddev_s,per_benchmark_s,ratio_to_adaptive,load1/5/15 before,after
#   walltime-*.json          hyperfine's exports
#   falsealarm-runs.csv      run,rc,seconds,load1,load5,load15,verdict,failing
#   falsealarm-benchmarks.csv run,benchmark,verdict,bytes_verdict,objects_verdict,forks,done_reason
#   inject-runs.csv          case,run,rc,seconds,load1,load5,load15,target,target_verdict,bytes_verdict,
#                            objects_verdict,target_forks,detected,other_failing
#   inject-benchmarks.csv    case,run,benchmark,verdict,bytes_verdict,objects_verdict,forks,done_reason
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RESULTS=${RESULTS:-$ROOT/bench/results}
FA_RUNS=${FA_RUNS:-20}
INJ_RUNS=${INJ_RUNS:-5}
SUITE_RUNS=13              # benchmark runs in the sample suite (12 benchmarks, one with 2 @Params)
JMH_DEFAULT_PER_RUN=500    # 5 forks x (5 x 10 s warmup + 5 x 10 s measurement)
REPO_LOCAL=${REPO_LOCAL:-/tmp/gate-bench-m2}
MVN="mvn -B -o -Dmaven.repo.local=$REPO_LOCAL"
CHECK="$MVN -q -pl jmh-benchmarks allocgate:check -Dallocgate.showJmhOutput=false"
RAW=$RESULTS/raw
mkdir -p "$RESULTS" "$RAW"

TAG=gate-bench
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# summary of a report.json: "#report<TAB>verdict<TAB>summary", then one line per benchmark
summary() { java -cp "$JACKSON" "$ROOT/bench/ReportSummary.java" "$1"; }
# "<key>\t<forks>\t<reason>" from the adaptive engine's progress lines in a Maven log
done_lines() {
    sed -n -E 's/.*\[[0-9]+\/[0-9]+\] dev\.allocgate\.samples\.([^ ]+) \[[a-z]+(, ([^]]*))?\] fork ([0-9]+): .*; done: (.*)$/\1:\3\t\4\t\5/p' "$1" \
        | awk -F'\t' -v OFS='\t' '{ sub(/:$/, "", $1); gsub(/, /, ",", $1); gsub(/,/, ";", $3); print }'
}

env_info() {
    {
        echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "commit: $(git -C "$ROOT" rev-parse HEAD)"
        echo "local repository: $REPO_LOCAL"
        echo "cores: $(nproc)"
        echo "memory: $(free -g | sed -n 's/^Mem: *\([0-9]*\).*/\1 GiB/p')"
        echo "uptime: $(uptime)"
        echo "hyperfine: $(hyperfine --version)"
        mvn -v 2>&1 | sed -n '1p;3p' | sed -E 's/\x1b\[[0-9;]*m//g; s/^/maven: /'
        java -version 2>&1 | sed 's/^/java: /'
    } > "$RESULTS/env.txt"
}

compile() { # $1 = repository root
    (cd "$1" && $MVN -q -pl jmh-benchmarks test-compile)
}

walltime() {
    log "walltime: compiling"
    compile "$ROOT"
    echo "config,runs,mean_s,stddev_s,per_benchmark_s,ratio_to_adaptive,load_before,load_after" > "$RESULTS/walltime.csv"
    local name runs args before after mean sd
    local adaptive_mean=
    for spec in "adaptive|3|" "fixed8|1|-Dallocgate.engine=fixed -Dallocgate.forks=8"; do
        IFS='|' read -r name runs args <<< "$spec"
        log "walltime: $name, $runs run(s)"
        before=$(load)
        (cd "$ROOT" && hyperfine --style basic --ignore-failure --runs "$runs" --command-name "$name" \
            --export-json "$RESULTS/walltime-$name.json" "$CHECK $args") > "$RAW/walltime-$name.txt" 2>&1
        after=$(load)
        mean=$(sed -n -E '/^ *"mean": /{s/^ *"mean": ([0-9.]+),?$/\1/p;q}' "$RESULTS/walltime-$name.json")
        sd=$(sed -n -E '/^ *"stddev": /{s/^ *"stddev": ([0-9.]+|null),?$/\1/p;q}' "$RESULTS/walltime-$name.json")
        [ -n "$adaptive_mean" ] || adaptive_mean=$mean
        awk -v n="$name" -v r="$runs" -v m="$mean" -v s="$sd" -v a="$adaptive_mean" -v k="$SUITE_RUNS" \
            -v lb="$before" -v la="$after" \
            'BEGIN { printf "%s,%d,%.1f,%s,%.2f,%.2f,\"%s\",\"%s\"\n", n, r, m, (s == "null" ? "" : sprintf("%.1f", s)), m / k, m / a, lb, la }' \
            >> "$RESULTS/walltime.csv"
        tr -d ' \n' < "$RESULTS/walltime-$name.json" | grep -q '"exit_codes":\[[0,]*\]' \
            || log "walltime: $name had a failing run, see $RAW/walltime-$name.txt"
    done
    awk -v a="$adaptive_mean" -v k="$SUITE_RUNS" -v p="$JMH_DEFAULT_PER_RUN" \
        'BEGIN { printf "jmh-defaults (computed),0,%.1f,,%.2f,%.2f,,\n", p * k, p, p * k / a }' >> "$RESULTS/walltime.csv"
    cat "$RESULTS/walltime.csv" >&2
}

# one check run; $1 = repository root, $2 = raw file prefix, rest = extra -D arguments
# prints: rc,seconds,load1,load5,load15
one_check() {
    local root=$1 prefix=$2; shift 2
    local start end rc l
    l=$(load)
    rm -f "$root/jmh-benchmarks/target/allocgate/report.json"
    start=$(now)
    set +e
    (cd "$root" && $MVN -pl jmh-benchmarks allocgate:check -Dallocgate.showJmhOutput=false \
        -Dallocgate.baselines="$ROOT/baselines/jmh-benchmarks" "$@") > "$prefix.log" 2>&1
    rc=$?
    set -e
    end=$(now)
    if [ -f "$root/jmh-benchmarks/target/allocgate/report.json" ]; then
        cp "$root/jmh-benchmarks/target/allocgate/report.json" "$prefix-report.json"
        summary "$prefix-report.json" > "$prefix-summary.tsv"
    else
        echo -e "#report\tNONE\tno report.json" > "$prefix-summary.tsv"
    fi
    # JMH's and the forks' own output: the only place a crashed fork's stack trace is kept
    cp "$root/jmh-benchmarks/target/allocgate/jmh-output.log" "$prefix-jmh-output.log" 2>/dev/null || true
    done_lines "$prefix.log" > "$prefix-done.tsv"
    echo "$rc,$(secs "$start" "$end"),$l"
}

# per-benchmark CSV rows: $1 = row prefix, $2 = raw file prefix
benchmark_rows() {
    local pre=$1 prefix=$2
    awk -F'\t' -v pre="$pre" 'FILENAME == ARGV[1] { reason[$1] = $3; next }
        /^#/ { next }
        { printf "%s,%s,%s,%s,%s,%s,%s\n", pre, $1, $2, $4, $5, $6, ($1 in reason ? reason[$1] : "") }' \
        "$prefix-done.tsv" "$prefix-summary.tsv"
}

falsealarm() {
    log "falsealarm: compiling"
    compile "$ROOT"
    echo "run,rc,seconds,load1,load5,load15,verdict,failing" > "$RESULTS/falsealarm-runs.csv"
    echo "run,benchmark,verdict,bytes_verdict,objects_verdict,forks,done_reason" > "$RESULTS/falsealarm-benchmarks.csv"
    local i prefix head verdict failing
    for i in $(seq -w 1 "$FA_RUNS"); do
        prefix=$RAW/falsealarm-$i
        head=$(one_check "$ROOT" "$prefix")
        verdict=$(sed -n '1s/^#report\t\([^\t]*\).*/\1/p' "$prefix-summary.tsv")
        failing=$(awk -F'\t' '!/^#/ && $3 == "true" { printf "%s%s=%s", (n++ ? " " : ""), $1, $2 }' "$prefix-summary.tsv")
        echo "$i,$head,$verdict,$failing" >> "$RESULTS/falsealarm-runs.csv"
        benchmark_rows "$i" "$prefix" >> "$RESULTS/falsealarm-benchmarks.csv"
        log "falsealarm $i/$FA_RUNS: $head $verdict $failing"
    done
}

# patches for the injected regressions; $1 = case, $2 = worktree
patch_case() {
    local src=$2/jmh-benchmarks/src/main/java/dev/allocgate/samples
    case $1 in
        bytes8) sed -i 's/return sum(uncachedValue, 2, 3);/return sum(uncachedValue, 2, 3, 4, 5);/' \
                    "$src/HiddenAllocationBenchmarks.java" ;;
        object1) sed -i '0,/blackhole.consume(new Object());/s//blackhole.consume(new Object());\n        blackhole.consume(new Object());/' \
                    "$src/BasicAllocationBenchmarks.java" ;;
        zero16) sed -i 's/public int allocationFree()/public Object allocationFree()/; s/return a \* 31 + b;/return new Object();/' \
                    "$src/BasicAllocationBenchmarks.java" ;;
    esac
}
target_of() {
    case $1 in
        bytes8) echo HiddenAllocationBenchmarks.varargs ;;
        object1) echo BasicAllocationBenchmarks.twoObjects ;;
        zero16) echo BasicAllocationBenchmarks.allocationFree ;;
    esac
}
args_of() {
    case $1 in
        object1) echo "-Dallocgate.thresholdBytes=1000" ;;
        *) echo "" ;;
    esac
}

inject() {
    local wt=/tmp/allocgate-gate-bench-$$
    git -C "$ROOT" worktree add -q --detach "$wt" HEAD
    trap 'git -C "$ROOT" worktree remove --force "'"$wt"'" || true' EXIT
    echo "case,run,rc,seconds,load1,load5,load15,target,target_verdict,bytes_verdict,objects_verdict,target_forks,detected,other_failing" \
        > "$RESULTS/inject-runs.csv"
    echo "case,run,benchmark,verdict,bytes_verdict,objects_verdict,forks,done_reason" > "$RESULTS/inject-benchmarks.csv"
    local c i prefix head target row detected others
    for c in bytes8 object1 zero16; do
        git -C "$wt" checkout -q -- .
        patch_case "$c" "$wt"
        git -C "$wt" diff > "$RESULTS/inject-$c.diff"
        [ -s "$RESULTS/inject-$c.diff" ] || { log "inject: patch $c changed nothing"; exit 1; }
        log "inject $c: compiling"
        compile "$wt"
        target=$(target_of "$c")
        for i in $(seq 1 "$INJ_RUNS"); do
            prefix=$RAW/inject-$c-$i
            # shellcheck disable=SC2046
            head=$(one_check "$wt" "$prefix" $(args_of "$c"))
            row=$(awk -F'\t' -v t="$target" '$1 == t { printf "%s,%s,%s,%s", $2, $4, $5, $6 }' "$prefix-summary.tsv")
            [ -n "$row" ] || row="none,,,"
            # detected: the build failed and the target is REGRESSED
            detected=no
            if [ "${head%%,*}" != 0 ] && [ "${row%%,*}" = REGRESSED ]; then detected=yes; fi
            others=$(awk -F'\t' -v t="$target" '!/^#/ && $1 != t && $3 == "true" { printf "%s%s=%s", (n++ ? " " : ""), $1, $2 }' \
                "$prefix-summary.tsv")
            echo "$c,$i,$head,$target,$row,$detected,$others" >> "$RESULTS/inject-runs.csv"
            benchmark_rows "$c,$i" "$prefix" >> "$RESULTS/inject-benchmarks.csv"
            log "inject $c $i/$INJ_RUNS: $head $target $row detected=$detected $others"
        done
    done
    git -C "$wt" checkout -q -- .
}

install_into_repo_local
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(walltime falsealarm inject)
env_info
for s in "${steps[@]}"; do
    case $s in
        walltime|falsealarm|inject) "$s" ;;
        *) echo "unknown step $s (walltime, falsealarm, inject)" >&2; exit 2 ;;
    esac
done
log "done; results in $RESULTS"
