def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'baselines/corrupt-baseline/it.corrupt.CorruptBenchmarks.json')

assert log.contains('invalid baseline file')
assert log.contains('it.corrupt.CorruptBenchmarks.json') : 'the error names the file'
assert !log.contains('BUILD SUCCESS')
// Fail closed: no benchmark ran and the corrupt file was not replaced.
assert !new File(basedir, 'target/allocgate/report.json').exists()
assert baseline.text.contains('trailing junk from a bad merge')
return true
