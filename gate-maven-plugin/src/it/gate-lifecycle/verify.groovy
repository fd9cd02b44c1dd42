import groovy.json.JsonSlurper

// Invocation 1 (record) wrote the baseline file; invocation 3 (failed check) did not touch it.
def baselineDir = new File(basedir, 'baselines/gate-lifecycle')
def files = baselineDir.listFiles().findAll { it.name.endsWith('.json') }
assert files.size() == 1 : files
def baseline = new JsonSlurper().parse(files[0])
assert baseline.benchmarkClass == 'it.lifecycle.LifecycleBenchmarks'
assert baseline.benchmarks*.benchmark.collect { it.tokenize('.').last() }.sort() == ['arithmetic', 'holder', 'removedLater']
assert !baselineDir.listFiles().any { !it.name.endsWith('.json') } : 'no temp files left behind'

// Invocation 3 (changed code) wrote the report; invocation 4 was skipped and wrote none.
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def verdicts = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
assert verdicts == [addedNow: 'NEW', arithmetic: 'UNCHANGED', holder: 'REGRESSED', removedLater: 'MISSING'] : verdicts
def holder = report.benchmarks.find { it.benchmark.endsWith('.holder') }.metrics.bytesPerOp
assert holder.delta >= 15.9 && holder.delta <= 16.1 : 'exactly one more 16-byte object: ' + holder.delta
assert holder.method == 'EXACT'

def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }*.text.join('\n')
assert logs.contains('allocgate: skipped (allocgate.skip=true)')
return true
