import groovy.json.JsonSlurper

// Invocation 1 (record) wrote the baseline file into the directory of the JVM's environment (jdk17/ on JDK 17);
// invocation 3 (failed check) did not touch it.
def root = new File(basedir, 'baselines/gate-lifecycle')
def environments = root.listFiles().findAll { it.directory && it.name ==~ /jdk[0-9]+/ }
assert environments.size() == 1 && root.listFiles().size() == 1 : root.listFiles()
def baselineDir = environments[0]
def files = baselineDir.listFiles().findAll { it.name.endsWith('.json') }
assert files.size() == 1 : files
def baseline = new JsonSlurper().parse(files[0])
assert baseline.benchmarkClass == 'it.lifecycle.LifecycleBenchmarks'
assert baseline.benchmarks*.benchmark.collect { it.tokenize('.').last() }.sort() == ['arithmetic', 'holder', 'removedLater']
assert !baselineDir.listFiles().any { !it.name.endsWith('.json') } : 'no temp files left behind'

def log = new File(basedir, 'build.log').text
// Invocation 3: bytes within the (widened) threshold, so the line names objects/op alone: 1 -> 2 fails on its own.
assert log =~ /it\.lifecycle\.LifecycleBenchmarks\.holder \[avgt\]: REGRESSED objectsPerOp 1\.0 -> 2\.0 objects\/op/

// Invocation 4 (changed code) wrote the report; invocation 5 was skipped and wrote none.
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def verdicts = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
assert verdicts == [addedNow: 'NEW', arithmetic: 'UNCHANGED', holder: 'REGRESSED', removedLater: 'MISSING'] : verdicts
def holder = report.benchmarks.find { it.benchmark.endsWith('.holder') }.metrics.bytesPerOp
assert holder.delta >= 15.9 && holder.delta <= 16.1 : 'exactly one more 16-byte object: ' + holder.delta
assert holder.method == 'EXACT'
def holderObjects = report.benchmarks.find { it.benchmark.endsWith('.holder') }.metrics.objectsPerOp
assert holderObjects.verdict == 'REGRESSED'
assert Math.abs(holderObjects.baseline - 1) < 0.01 && Math.abs(holderObjects.current - 2) < 0.01 : holderObjects

assert log.contains('allocgate: skipped (allocgate.skip=true)')
return true
