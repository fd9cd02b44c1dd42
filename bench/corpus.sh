#!/usr/bin/env bash
# corpus.sh - the gate measured on the benchmark corpus (module corpus-benchmarks, profile corpus, committed
# baselines in baselines/corpus-benchmarks; what each benchmark truly allocates: corpus-benchmarks/README.md).
#
# Usage:  bench/corpus.sh record            allocgate:record on the corpus (writes baselines/corpus-benchmarks)
#         bench/corpus.sh unchanged N       N checks against the committed baselines
#         bench/corpus.sh inject CASE N     N checks with CORPUS_INJECT=CASE exported (object: +1 object/op,
#                                           bytes8: +8 B/op; see corpus-benchmarks/.../Inject.java); per
#                                           benchmark whether the change was caught on the right metric
#         bench/corpus.sh walltime [N]      N (3) checks; per benchmark the median over runs of its forks' wall
#                                           time summed, and the median total
#         bench/corpus.sh speed [N]         N (20) checks of the benchmarks whose operations take up to 100 µs (all
#                                           but SHORT_EXCLUDED), as issue 12's speed target counts them; prints the
#                                           median check and that over the benchmark runs: seconds per benchmark
#         bench/corpus.sh loaded HOGS N     N checks while HOGS busy loops run, each in a session of its own (as
#                                           another job's processes would: the kernel shares the processors
#                                           between sessions whatever their nice values), for a machine shared
#                                           with other work; rows like unchanged's, in loaded-*.csv
# Several subcommands may follow each other: bench/corpus.sh record unchanged 1
#
# Environment:
#   JAVA_HOME   passed through to Maven, so the forks run on that JDK too (e.g.
#               JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/corpus.sh unchanged 3); the JDK's feature
#               release names the results directory. The committed baselines are JDK 17's; another release
#               is ENVIRONMENT_MISMATCH, so record its own elsewhere and check against them:
#               EXTRA=-Dallocgate.baselines=/tmp/corpus-baselines-25 (the same EXTRA for every step).
#   RESULTS     default bench/results/corpus/jdk<feature>
#   REPO_LOCAL  default /tmp/m2-corpus: a private copy of ~/.m2/repository into which this checkout is installed
#               on first use (REINSTALL=1 installs again). A shared ~/.m2 is not safe: the forks load
#               allocgate-profiler from the local repository, and another checkout's `mvn install` would
#               replace it mid-run (see bench/gate-bench.sh).
#   EXTRA       further -D arguments for every allocgate call (e.g. "-Dallocgate.parallelForks=1", or
#               "-Dallocgate.thresholdPercent=0" so that inject bytes8 asks whether 8 B/op can be seen at all
#               on benchmarks where 8 B is below 1 %).
# Needs: mvn (offline), java 17+, perl, awk, sed. No network.
#
# Output (small CSVs, committed; Maven logs with a time stamp per line, report.json, jmh-output.log in raw/,
# gitignored). Keys: benchmark (Class.method), mode, params (p=v;p=v).
#   env.txt                      date, commit, JDK, Maven, cores, load
#   record-forks.csv             every fork of the record run (see forks columns below)
#   <step>-runs.csv              run,rc,seconds,load1,load5,load15,verdict,regressed,improved,unchanged,
#                                inconclusive,new,missing,failed,env_mismatch,forks_total,forks_capped,jvms
#                                (forks_total counts each mode's forks, so a fork that serves two modes of a method
#                                counts twice; jvms counts the fork JVMs)
#   <step>-benchmarks.csv        run,benchmark,mode,params,verdict,bytes_verdict,objects_verdict,forks,
#                                forks_capped,fork_seconds,baseline_bytes,current_bytes,baseline_objects,
#                                current_objects,done_reason  (inject: plus detected)
#   <step>-forks.csv             run,benchmark,mode,params,fork,bytes,objects,warmup_rounds,warmup_s,settled,
#                                iteration_ms,wall_s,failure
#   walltime.csv                 benchmark,mode,params,runs,median_fork_seconds,median_forks,max_fork_seconds
#                                and a last row "TOTAL" with the median wall time of the whole check
# <step> is unchanged, inject-<CASE>, loaded, walltime or speed. fork_seconds/wall_s: a fork's "total-ms" (ForkMain's start to its result;
# the JVM's boot before it and its exit are left out), or else the time from its first output line, less the
# "at-ms" it reports, to its progress line ("[k/n] <key> fork i: ..."), by the Maven log's time stamps. A fork
# "capped" reached the warmup cap before its allocation settled (settled "no"); "varies": its warmup ended with C2's
# code running and its allocation varying from round to round without a trend.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=corpus-benchmarks
PACKAGE=dev.allocgate.corpus.
if [ -n "${JAVA_HOME:-}" ]; then
    export JAVA_HOME
    JAVA=$JAVA_HOME/bin/java
else
    JAVA=java
fi
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n -E 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
RESULTS=${RESULTS:-$ROOT/bench/results/corpus/jdk$FEATURE}
REPO_LOCAL=${REPO_LOCAL:-/tmp/m2-corpus}
EXTRA=${EXTRA:-}
MVN="mvn -B -o -Dmaven.repo.local=$REPO_LOCAL"
RAW=$RESULTS/raw
mkdir -p "$RESULTS" "$RAW"

TAG=corpus
# the classes whose operations take longer than 100 µs (Csv 1-10 ms single-shot, Snapshot ~130 µs, Sort 2-10 ms)
SHORT_EXCLUDED=CsvBenchmarks,SnapshotBenchmarks,SortBenchmarks
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# every line of stdin with its arrival time in seconds, unbuffered
stamp() { perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.3f %s", time, $_'; }

env_info() {
    {
        echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "commit: $(git -C "$ROOT" rev-parse HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)')"
        echo "local repository: $REPO_LOCAL"
        echo "cores: $(nproc)"
        echo "uptime: $(uptime)"
        mvn -v 2>&1 | sed -n '1p;3p' | sed -E 's/\x1b\[[0-9;]*m//g; s/^/maven: /'
        "$JAVA" -version 2>&1 | sed 's/^/java: /'
        echo "EXTRA: $EXTRA"
    } > "$RESULTS/env.txt"
}

compile() {
    (cd "$ROOT" && $MVN -q -Pcorpus -pl $MODULE test-compile)
}

# One allocgate goal on the corpus. $1 = goal, $2 = raw file prefix; rest = extra arguments.
# Prints rc,seconds,load1,load5,load15. Leaves $prefix.log (time-stamped), -report.json, -summary.tsv,
# -forks.tsv, -jmh-output.log.
run_goal() {
    local goal=$1 prefix=$2; shift 2
    local start end rc l out=$ROOT/$MODULE/target/allocgate
    l=$(load)
    rm -f "$out/report.json"
    start=$(now)
    set +e
    # shellcheck disable=SC2086
    (cd "$ROOT" && $MVN -Pcorpus -pl $MODULE "allocgate:$goal" -Dallocgate.showJmhOutput=true $EXTRA "$@" 2>&1) \
        | stamp > "$prefix.log"
    rc=${PIPESTATUS[0]}
    set -e
    end=$(now)
    if [ -f "$out/report.json" ]; then
        cp "$out/report.json" "$prefix-report.json"
        "$JAVA" -cp "$JACKSON" "$ROOT/bench/ReportSummary.java" "$prefix-report.json" "$PACKAGE" > "$prefix-summary.tsv"
    else
        printf '#report\tNONE\tno report.json\n' > "$prefix-summary.tsv"
    fi
    cp "$out/jmh-output.log" "$prefix-jmh-output.log" 2>/dev/null || true
    forks_of "$prefix.log" > "$prefix-forks.tsv"
    echo "$rc,$(secs "$start" "$end"),$l"
}

# Every fork of a time-stamped Maven log, one tab-separated line each:
# key fork bytes objects warmup_rounds warmup_s settled iteration_ms wall_s failure decision
forks_of() {
    PACKAGE=$PACKAGE perl -ne '
        BEGIN { $p = quotemeta($ENV{PACKAGE}) }
        next unless /^(\d+\.\d+) (?:\[INFO\] )?(.*)$/;
        my ($t, $l) = ($1, $2);
        # a fork'"'"'s wall time: "total-ms" of its "allocgate-fork done" line (from ForkMain'"'"'s start to its
        # result); failing that, from its first output line, less the "at-ms" it reports, to its progress line
        if ($l =~ /^\[fork (\d+) /) {
            my $f = $1;
            my $ms = $l =~ / at-ms (\d+)/ ? $1 : 0;
            $start{$f} = $t - $ms / 1000 unless exists $start{$f};
            $total{$f} = $1 / 1000 if $l =~ /allocgate-fork done .* total-ms (\d+)/;
            next;
        }
        next unless $l =~ /^\[(\d+)\/\d+\] $p(\S+ \[[^]]*\]) fork (\d+)(: | FAILED: )(.*)$/;
        my ($n, $key, $i, $sep, $rest) = ($1, $2, $3, $4, $5);
        my $wall = exists $total{$n} ? sprintf("%.1f", $total{$n}) : exists $start{$n} ? sprintf("%.1f", $t - $start{$n}) : "";
        if ($sep =~ /FAILED/) { $rest =~ s/\t/ /g; print join("\t", $key, $i, "", "", "", "", "", "", $wall, $rest, "failed"), "\n"; next }
        my ($b) = $rest =~ /([0-9.e+-]+) B\/op/;
        my ($o) = $rest =~ /([0-9.e+-]+) objects\/op/;
        my ($r, $s, $st, $it) = $rest =~ /\(warmup (\d+) rounds, ([0-9.]+) s, (settled|compiled, varies by round|cap reached before settling); iterations of (\d+) ms[;)]/;
        my $d = $rest =~ /; done: (.*)$/ ? "done: $1" : ($rest =~ /; (\d+ more fork\(s\): .*)$/ ? $1 : "");
        $d =~ s/\t/ /g;
        print join("\t", $key, $i, $b // "", $o // "", $r // "", $s // "", defined $st ? ($st eq "settled" ? "yes" : $st =~ /varies/ ? "varies" : "no") : "",
            $it // "", $wall, "", $d), "\n";
    ' "$1"
}

# "Class.method [mode, a=1,b=2]" -> "Class.method,mode,a=1;b=2"
key_csv() {
    sed -E 's/^([^ \t]+) \[([^],]+)(, ([^]]*))?\]/\1,\2,\4/' \
        | awk -F'\t' -v OFS='\t' '{ n = split($1, k, ","); p = k[3]; for (i = 4; i <= n; i++) p = p ";" k[i]; $1 = k[1] "," k[2] "," p; print }'
}

# per-run row: $1 = run label, $2 = head (rc,seconds,loads), $3 = prefix
run_row() {
    local prefix=$3
    awk -F'\t' -v run="$1" -v head="$2" -v jvms="$(jvms_of "$prefix.log")" '
        FILENAME == ARGV[1] { forks++; if ($7 == "no") capped++; next }
        /^#report/ { verdict = $2; next }
        { c[$2]++ }
        END { printf "%s,%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d\n", run, head, verdict, c["REGRESSED"], c["IMPROVED"],
              c["UNCHANGED"], c["INCONCLUSIVE"], c["NEW"], c["MISSING"], c["FAILED"], c["ENVIRONMENT_MISMATCH"], forks, capped,
              jvms }' \
        "$prefix-forks.tsv" "$prefix-summary.tsv"
}

# the fork JVMs of a time-stamped Maven log: the distinct numbers of its progress lines ("[k/n] ...")
jvms_of() {
    sed -n -E 's/^[0-9.]+ (\[INFO\] )?\[([0-9]+)\/[0-9]+\] .*/\2/p' "$1" | sort -u | wc -l
}

# per-benchmark rows: $1 = run label, $2 = prefix
benchmark_rows() {
    local prefix=$2
    awk -F'\t' -v OFS='\t' -v run="$1" '
        FILENAME == ARGV[1] { n[$1]++; if ($7 == "no") cap[$1]++; w[$1] += $9; if ($11 != "") reason[$1] = $11; next }
        /^#/ { next }
        { gsub(/,/, ";", reason[$1]); gsub(/"/, "", reason[$1])
          print $1, run, $2, $4, $5, n[$1] + 0, cap[$1] + 0, sprintf("%.1f", w[$1]), $7, $8, $9, $10, reason[$1] }' \
        "$prefix-forks.tsv" "$prefix-summary.tsv" \
        | key_csv | awk -F'\t' -v OFS=',' '{ r = $2; $2 = $1; $1 = r; print }'
}

fork_rows() {
    key_csv < "$2-forks.tsv" | awk -F'\t' -v OFS=',' -v run="$1" '{ gsub(/,/, ";", $10); print run, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }'
}

RUN_HEAD="run,rc,seconds,load1,load5,load15,verdict,regressed,improved,unchanged,inconclusive,new,missing,failed,env_mismatch,forks_total,forks_capped,jvms"
BENCH_HEAD="run,benchmark,mode,params,verdict,bytes_verdict,objects_verdict,forks,forks_capped,fork_seconds,baseline_bytes,current_bytes,baseline_objects,current_objects,done_reason"
FORK_HEAD="run,benchmark,mode,params,fork,bytes,objects,warmup_rounds,warmup_s,settled,iteration_ms,wall_s,failure"

record() {
    log "record: compiling"
    compile
    local head
    head=$(run_goal record "$RAW/record")
    log "record: $head"
    echo "$FORK_HEAD" > "$RESULTS/record-forks.csv"
    fork_rows record "$RAW/record" >> "$RESULTS/record-forks.csv"
    [ "${head%%,*}" = 0 ] || { log "record failed, see $RAW/record.log"; exit 1; }
}

# $1 = step name, $2 = runs; rest = extra arguments of every check; CORPUS_INJECT as exported by the caller
checks() {
    local step=$1 runs=$2 i prefix head
    shift 2
    echo "$RUN_HEAD" > "$RESULTS/$step-runs.csv"
    echo "$BENCH_HEAD" > "$RESULTS/$step-benchmarks.csv"
    echo "$FORK_HEAD" > "$RESULTS/$step-forks.csv"
    for i in $(seq 1 "$runs"); do
        prefix=$RAW/$step-$i
        head=$(run_goal check "$prefix" "$@")
        run_row "$i" "$head" "$prefix" >> "$RESULTS/$step-runs.csv"
        benchmark_rows "$i" "$prefix" >> "$RESULTS/$step-benchmarks.csv"
        fork_rows "$i" "$prefix" >> "$RESULTS/$step-forks.csv"
        log "$step $i/$runs: $(tail -1 "$RESULTS/$step-runs.csv")"
    done
}

unchanged() {
    log "unchanged: compiling"
    compile
    checks unchanged "$1"
}

inject() {
    local c=$1 runs=$2 metric
    case $c in
        object) metric=objects ;;
        bytes8) metric=bytes ;;
        *) echo "inject CASE: object or bytes8" >&2; exit 2 ;;
    esac
    log "inject $c: compiling"
    compile
    CORPUS_INJECT=$c checks "inject-$c" "$runs"
    # detected: REGRESSED, and on the injected metric (columns: verdict 5, bytes 6, objects 7)
    awk -F, -v OFS=, -v m="$metric" 'NR == 1 { print $0, "detected"; next }
        { v = (m == "bytes" ? $6 : $7); print $0, (($5 == "REGRESSED" && v == "REGRESSED") ? "yes" : "no") }' \
        "$RESULTS/inject-$c-benchmarks.csv" > "$RESULTS/inject-$c-benchmarks.csv.tmp"
    mv "$RESULTS/inject-$c-benchmarks.csv.tmp" "$RESULTS/inject-$c-benchmarks.csv"
    awk -F, 'NR > 1 { n++; if ($NF == "yes") d++ } END { printf "inject: %d of %d benchmark runs detected\n", d, n }' \
        "$RESULTS/inject-$c-benchmarks.csv" >&2
}

loaded() {
    local hogs=$1 runs=$2 i
    local -a pids=()
    log "loaded: compiling"
    compile
    for i in $(seq 1 "$hogs"); do
        setsid bash -c 'while :; do :; done' &
        pids+=($!)
    done
    trap 'kill "${pids[@]}" 2>/dev/null' EXIT
    checks loaded "$runs"
    kill "${pids[@]}" 2>/dev/null || true
    trap - EXIT
}

# awk: the median of the numbers in a space-separated string (insertion sort; a run's few dozen values)
AWK_MEDIAN='function median(s,   n, a, i, j, t) { n = split(s, a, " "); for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
                                      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }'

walltime() {
    local runs=$1
    log "walltime: compiling"
    compile
    checks walltime "$runs"
    # median over runs of each benchmark's summed fork wall time; median of the runs' total seconds
    awk -F, "$AWK_MEDIAN"'
        FILENAME == ARGV[1] { if (FNR > 1) total = total " " $3; next }
        FNR == 1 { next }
        { k = $2 "," $3 "," $4; if (!(k in s)) order[++m] = k; s[k] = s[k] " " $10; f[k] = f[k] " " $8; r[k]++ }
        END { print "benchmark,mode,params,runs,median_fork_seconds,median_forks,max_fork_seconds"
              for (i = 1; i <= m; i++) { k = order[i]; printf "%s,%d,%.1f,%s,\n", k, r[k], median(s[k]), median(f[k]) }
              printf "TOTAL,,,%d,%.1f,,\n", split(substr(total, 2), x, " "), median(substr(total, 2)) }' \
        "$RESULTS/walltime-runs.csv" "$RESULTS/walltime-benchmarks.csv" > "$RESULTS/walltime.csv.tmp"
    # longest single fork per benchmark over all runs
    awk -F, -v OFS=, 'FILENAME == ARGV[1] { if (FNR > 1) { k = $2 "," $3 "," $4; if ($12 + 0 > mx[k]) mx[k] = $12 + 0 }; next }
        FNR == 1 || $1 == "TOTAL" { print; next }
        { k = $1 "," $2 "," $3; $7 = sprintf("%.1f", mx[k]); print }' \
        "$RESULTS/walltime-forks.csv" "$RESULTS/walltime.csv.tmp" > "$RESULTS/walltime.csv"
    rm -f "$RESULTS/walltime.csv.tmp"
    column -t -s, "$RESULTS/walltime.csv" >&2 || cat "$RESULTS/walltime.csv" >&2
}

speed() {
    local runs=$1
    log "speed: compiling"
    compile
    checks speed "$runs" "-Dallocgate.exclude=$SHORT_EXCLUDED"
    # seconds of the median check, over the benchmark runs of a check (those of its first run: the same in every run)
    awk -F, "$AWK_MEDIAN"'
        FILENAME == ARGV[1] { if (FNR > 1) { total = total " " $3; jvms = jvms " " $18 }; next }
        FNR > 1 && $1 == 1 { benchmarks++ }
        END { m = median(substr(total, 2))
              printf "speed: median check %.1f s over %d checks (fork JVMs: median %s), %d benchmark runs: %.2f s per benchmark\n",
                     m, split(substr(total, 2), x, " "), median(substr(jvms, 2)), benchmarks, m / benchmarks }' \
        "$RESULTS/speed-runs.csv" "$RESULTS/speed-benchmarks.csv" >&2
}

install_into_repo_local -Dallocgate.skip=true
[ $# -gt 0 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2; }
env_info
while [ $# -gt 0 ]; do
    case $1 in
        record) record; shift ;;
        unchanged) unchanged "${2:?unchanged N}"; shift 2 ;;
        inject) inject "${2:?inject CASE N}" "${3:?inject CASE N}"; shift 3 ;;
        loaded) loaded "${2:?loaded HOGS N}" "${3:?loaded HOGS N}"; shift 3 ;;
        walltime)
            if [[ ${2:-} =~ ^[0-9]+$ ]]; then walltime "$2"; shift 2; else walltime 3; shift; fi ;;
        speed)
            if [[ ${2:-} =~ ^[0-9]+$ ]]; then speed "$2"; shift 2; else speed 20; shift; fi ;;
        *) echo "unknown subcommand $1 (record, unchanged N, inject CASE N, loaded HOGS N, walltime [N], speed [N])" >&2; exit 2 ;;
    esac
done
log "done; results in $RESULTS"
