import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// 1: the regression is named with old -> new.
assert log.contains('1 benchmark fails the allocation gate')
assert log =~ /dev\.allocgate\.samples\.BasicAllocationBenchmarks\.newObject \[avgt\]: REGRESSED bytesPerOp 16\.0 -> 32\.0 B\/op/
// 2: no GC profiler data is an error naming the file, never "no regressions".
assert log =~ /unusable JMH results .*no-gc-data\.json/
assert log.contains('no GC profiler data')
// 3: the same file against itself passes; its report is the last one written.
assert log.contains('PASS: 0 of 13 benchmarks regressed; see ')
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'PASS'
assert report.benchmarks.size() == 13
// GitHub Actions: an error annotation at the start of a line, and the job summary (three invocations appended).
assert log =~ /(?m)^::error [^\n]*BasicAllocationBenchmarks\.newObject/
def summary = new File(basedir, 'job-summary.md').text
assert summary.contains('newObject')
assert summary.count('allocgate') >= 2
return true
