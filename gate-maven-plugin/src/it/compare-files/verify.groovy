import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// 1: the regression is named with old -> new.
assert log.contains('1 benchmark fails the allocation gate')
assert log =~ /dev\.allocgate\.samples\.BasicAllocationBenchmarks\.newObject \[avgt\]: REGRESSED bytesPerOp 16\.0 -> 32\.0 B\/op/
// 2: no GC profiler data is an error naming the file, never "no regressions".
assert log =~ /unusable JMH results .*no-gc-data\.json/
assert log.contains('no GC profiler data')
// 3: the same file against itself passes; its report is the last one written.
assert log.contains('PASS: 13 benchmarks (13 unchanged)')
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'PASS'
assert report.benchmarks.size() == 13
return true
