# lib.sh - what bench/gate-bench.sh and bench/corpus.sh share; sourced after they set TAG and REPO_LOCAL.

# Jackson from the private local repository, for bench/ReportSummary.java
J=$REPO_LOCAL/com/fasterxml/jackson/core
JACKSON=$J/jackson-databind/2.22.3/jackson-databind-2.22.3.jar:$J/jackson-core/2.22.3/jackson-core-2.22.3.jar:$J/jackson-annotations/2.22/jackson-annotations-2.22.jar

log() { echo "[$TAG $(date +%H:%M:%S)] $*" >&2; }
# "l1,l5,l15" from uptime
load() { uptime | sed -E 's/.*load averages?: *//; s/, */,/g'; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Installs this checkout into REPO_LOCAL (a copy of ~/.m2/repository made on first use) unless it is there
# already; REINSTALL=1 installs again. Arguments go to mvn install. Needs ROOT, MVN and RAW.
install_into_repo_local() {
    if [ ! -d "$REPO_LOCAL/dev/allocgate/allocgate-maven-plugin" ] || [ "${REINSTALL:-0}" = 1 ]; then
        if [ ! -d "$REPO_LOCAL/org" ]; then
            log "copying $HOME/.m2/repository to $REPO_LOCAL"
            mkdir -p "$REPO_LOCAL"
            cp -a "$HOME/.m2/repository/." "$REPO_LOCAL/"
            rm -rf "$REPO_LOCAL/dev/allocgate"
        fi
        log "installing this checkout into $REPO_LOCAL"
        (cd "$ROOT" && $MVN -q install -DskipTests -Dinvoker.skip=true "$@") > "$RAW/install.log" 2>&1
    fi
}

# Wall time of Maven commands with hyperfine, one row each in $RESULTS/walltime.csv (written anew). $1: the directory
# to run in; then one "name|goals" per command, run as "$MVN goals" RUNS times. Needs RESULTS, RAW, RUNS and MVN.
hyperfine_rows() {
    local dir=$1 spec name goal before after mean sd
    shift
    echo "config,runs,mean_s,stddev_s,load_before,load_after" > "$RESULTS/walltime.csv"
    for spec in "$@"; do
        IFS='|' read -r name goal <<< "$spec"
        before=$(load)
        log "$name"
        (cd "$dir" && hyperfine --style basic --runs "$RUNS" --command-name "$name" \
            --export-json "$RESULTS/$name.json" "$MVN $goal") > "$RAW/$name.txt" 2>&1
        after=$(load)
        mean=$(sed -n -E '/^ *"mean": /{s/^ *"mean": ([0-9.eE+-]+),?$/\1/p;q}' "$RESULTS/$name.json")
        sd=$(sed -n -E '/^ *"stddev": /{s/^ *"stddev": ([0-9.eE+-]+|null),?$/\1/p;q}' "$RESULTS/$name.json")
        echo "$name,$RUNS,$mean,$sd,\"$before\",\"$after\"" >> "$RESULTS/walltime.csv"
    done
}
