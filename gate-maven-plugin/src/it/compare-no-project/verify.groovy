def log = new File(basedir, 'build.log').text
// 1: the user's files are untouched.
assert new File(basedir, 'report.md').text == "# The user's own notes, not allocgate's.\n"
assert new File(basedir, 'TEST-allocgate.xml').text == '<testsuite name="mine"/>\n'
assert log =~ /missing\.json/
// The hint fits the fault: a missing file is not a missing GC profiler.
assert log.contains('Give the JSON file JMH wrote')
assert !log.contains('(-prof gc)')
// 2: says what is missing and what to give.
assert !log.contains('NullPointerException')
assert log.contains('there is no Maven project here (no pom.xml)')
assert log.contains('-Dallocgate.baselines=DIR')
// 3: passes.
assert log.contains('PASS: 0 of 13 benchmarks regressed')
// Outside a project the reports go to target/allocgate here, not into a directory named after an unresolved expression.
assert new File(basedir, 'target/allocgate/report.md').isFile()
assert !basedir.listFiles().any { it.name.contains('${') }
// 4: names the property and the value.
assert log.contains('allocgate.thresholdBytes must be a finite number >= 0, not -4.0')
// 5: the failure message shows the value in scientific notation.
assert log =~ /BasicAllocationBenchmarks\.newObject \[avgt\]: REGRESSED bytesPerOp 16\.0 -> 1\.000e\+300 B\/op/
return true
