import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('baselines not written')
assert log =~ /it\.crash\.CrashBenchmarks\.crashes.*IllegalStateException: benchmark exploded on purpose/
assert !new File(basedir, 'baselines').exists() : 'a failed record writes nothing'
// check: the crashed benchmark is FAILED, the other one is still reported.
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def verdicts = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
assert verdicts == [crashes: 'FAILED', fine: 'NEW'] : verdicts
return true
