def log = new File(basedir, 'build.log').text
assert log.contains('allocgate: no JMH benchmarks in no-benchmarks')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/allocgate/report.json').exists()
return true
