import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /\[1\/2\] .*ArrayBenchmarks\.bytes/ : 'progress line for the first run'
assert log =~ /\[2\/2\] .*ArrayBenchmarks\.bytes/ : 'progress line for the second run'

def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'PASS'
assert report.benchmarks.size() == 2
assert report.benchmarks.every { it.verdict == 'NEW' && it.benchmark == 'it.testsources.ArrayBenchmarks.bytes' }
def bySize = report.benchmarks.collectEntries { [(it.params.size): it.metrics.bytesPerOp.current] }
// new byte[n] is a 16-byte header plus n bytes, 8-aligned; JMH's own allocation is negligible at this speed.
assert Math.abs(bySize['8'] - 24) < 1 : bySize
assert Math.abs(bySize['64'] - 80) < 1 : bySize
assert new File(basedir, 'target/allocgate/jmh-result.json').length() > 0
assert new File(basedir, 'target/allocgate/report.md').text.contains('ArrayBenchmarks.bytes')
return true
