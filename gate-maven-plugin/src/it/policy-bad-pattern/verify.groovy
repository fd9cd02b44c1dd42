def log = new File(basedir, 'build.log').text
assert log.contains('the per-benchmark policy cannot be applied, so nothing was run:')
// The pattern names the class ParserBenchmarks; the class is ParseBenchmarks.
assert log.contains('rule 1 (it.badpattern.Parser*.parse) matches no benchmark of the 1 compiled here (for example it.badpattern.ParseBenchmarks.parse)')
assert log.contains("rule 2 (it.badpattern.*, sise=10) names @Param 'sise', which no @Param field declares (declared: size)")
assert !log.contains('JMH output is written to') : 'no benchmark JVM started'
assert !new File(basedir, 'target/allocgate/jmh-result.json').exists()
return true
