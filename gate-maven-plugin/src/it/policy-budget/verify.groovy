import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// Invocation 1: the policy goal printed the budgets without running a benchmark.
assert log.contains('allocgate: policy of 2 benchmarks')
assert log =~ /it\.budget\.CodecBenchmarks\.encode: the run's settings\s+\[INFO\]\s+budget @AllocationBudget\(bytesPerOp = 0\) on it\.budget\.CodecBenchmarks\.encode/
assert !log.contains('jmh_generated') : "JMH's generated subclasses are no benchmarks of their own"
assert log.count('JMH output is written to') == 1 : 'only invocation 2 ran benchmarks'

// Invocation 2: no baselines, yet encode fails on its budget; checksum holds its budget of 0.
assert !new File(basedir, 'baselines').exists()
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def byName = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it] }
assert byName.encode.verdict == 'OVER_BUDGET'
assert byName.encode.fails
assert byName.encode.policy.source == 'budget'
assert byName.encode.policy.limits.bytesPerOp == 0
assert byName.encode.metrics.bytesPerOp.current >= 20 : byName.encode.metrics.bytesPerOp
assert byName.checksum.verdict == 'NEW'
assert !byName.checksum.fails
assert byName.checksum.policy.limits == [bytesPerOp: 0, objectsPerOp: 0]
assert log =~ /encode \[avgt\]: OVER_BUDGET \(bytesPerOp 2\d\.\d+ B\/op is over its budget of 0 B\/op/
assert log.contains('bring the allocation back under it, or raise the @AllocationBudget')
def md = new File(basedir, 'target/allocgate/report.md').text
assert md.contains('Over budget (1)')
assert md.contains('Policy (2 benchmarks with a rule or budget')
def junit = new File(basedir, 'target/allocgate/TEST-allocgate.xml').text
assert junit =~ /type="OVER_BUDGET"/
return true
