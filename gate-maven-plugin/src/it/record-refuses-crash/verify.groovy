import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('baselines not written')
assert log =~ /it\.crash\.CrashBenchmarks\.crashes.*IllegalStateException: benchmark exploded on purpose/
assert !new File(basedir, 'baselines').exists() : 'a failed record writes nothing'

// Quiet by default: no JMH warmup or iteration lines and no fork protocol lines in the build log, outside the
// excerpts of failed forks ("[WARNING]   | ...") ...
def outsideExcerpts = log.readLines().findAll { !it.startsWith('[WARNING]   | ') }.join('\n')
assert !(outsideExcerpts =~ /(?m)Warmup Iteration|Iteration +\d+:|allocgate-fork |# Fork: /) : 'JMH output leaked into the build log'
// ... one progress line per fork ...
assert log =~ /(?m)^\[INFO\] \[\d+\/\d+\] it\.crash\.CrashBenchmarks\.fine \[thrpt\] fork 1: /
// ... but a failed fork's reason and its last lines, with a pointer to the whole output.
assert log =~ /(?m)^\[INFO\] \[\d+\/\d+\] it\.crash\.CrashBenchmarks\.crashes \[thrpt\] fork 1 FAILED: java\.lang\.IllegalStateException: benchmark exploded on purpose$/
assert log =~ /(?m)^\[WARNING\] allocgate: it\.crash\.CrashBenchmarks\.crashes \[thrpt\] fork 1 failed; its last \d+ lines of output \(all of it in .*jmh-output\.log/
assert log =~ /(?m)^\[WARNING\]   \| allocgate-fork error java\.lang\.IllegalStateException: benchmark exploded on purpose$/
// engine=fixed: the same for the run JMH reported as failed.
assert log =~ /(?m)^\[WARNING\] allocgate: it\.crash\.CrashBenchmarks\.crashes failed; its last \d+ lines of output \(all of it in .*jmh-output\.log/
assert log =~ /(?m)^\[WARNING\]   \| java\.lang\.IllegalStateException: benchmark exploded on purpose$/
assert log =~ /(?m)^\[WARNING\]   \|     at it\.crash\.CrashBenchmarks\.crashes\(CrashBenchmarks\.java:\d+\)$/
// Everything is still in jmh-output.log (the last invocation's: engine=fixed).
def jmhLog = new File(basedir, 'target/allocgate/jmh-output.log').text
assert jmhLog =~ /Warmup Iteration/
assert jmhLog.contains('benchmark exploded on purpose')

// check: the crashed benchmark is FAILED, the other one is still reported.
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def verdicts = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
assert verdicts == [crashes: 'FAILED', fine: 'NEW'] : verdicts
return true
