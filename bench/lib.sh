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
        (cd "$ROOT" && $MVN -q install -DskipTests "$@") > "$RAW/install.log" 2>&1
    fi
}
