def log = new File(basedir, 'build.log').text
assert log.contains('has @Benchmark methods (e.g. in NoProcBenchmarks.class) but no META-INF/BenchmarkList')
assert log.contains('annotationProcessorPaths')
assert !log.contains('BUILD SUCCESS')
return true
