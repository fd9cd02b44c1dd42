# lib.sh - what bench/gate-bench.sh and bench/corpus.sh share; sourced after they set TAG and REPO_LOCAL.

# Jackson from the private local repository, for bench/ReportSummary.java
J=$REPO_LOCAL/com/fasterxml/jackson/core
JACKSON=$J/jackson-databind/2.22.3/jackson-databind-2.22.3.jar:$J/jackson-core/2.22.3/jackson-core-2.22.3.jar:$J/jackson-annotations/2.22/jackson-annotations-2.22.jar

log() { echo "[$TAG $(date +%H:%M:%S)] $*" >&2; }
# "l1,l5,l15" from uptime
load() { uptime | sed -E 's/.*load averages?: *//; s/, */,/g'; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
