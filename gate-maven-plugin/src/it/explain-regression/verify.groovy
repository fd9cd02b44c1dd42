import groovy.json.JsonSlurper

// The changed source marks each benchmark's new allocation with "// site:<benchmark>": its line is what every
// report must name.
def source = new File(basedir, 'src/changed/java/it/explain/ExplainBenchmarks.java').readLines()
def siteLines = [:]
source.eachWithIndex { line, i ->
    def m = line =~ /site:(\w+)/
    if (m.find()) {
        siteLines[m.group(1)] = i + 1
    }
}
assert siteLines.keySet() == ['boxLong', 'copyArray', 'captureLambda', 'escapes'] as Set : siteLines

def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'FAIL'
def md = new File(basedir, 'target/allocgate/report.md').text
def html = new File(basedir, 'target/allocgate/report.html').text
def log = new File(basedir, 'build.log').text
def expectedTypes = [boxLong: 'java.lang.Long', copyArray: 'int[]', captureLambda: 'it.explain.ExplainBenchmarks$$Lambda',
                     escapes: 'it.explain.ExplainBenchmarks$Point']
def expectedKinds = [boxLong: 'boxing', copyArray: 'array copy', captureLambda: 'captured lambda', escapes: '']

siteLines.each { benchmark, line ->
    def comparison = report.benchmarks.find { it.benchmark == 'it.explain.ExplainBenchmarks.' + benchmark }
    assert comparison.verdict == 'REGRESSED' : benchmark + ': ' + comparison.verdict
    def bytesDelta = comparison.metrics.bytesPerOp.delta
    def explanation = report.explanations.find { it.benchmark == comparison.benchmark }
    assert explanation != null : 'no explanation of ' + benchmark
    def frame = "it.explain.ExplainBenchmarks.${benchmark}(ExplainBenchmarks.java:${line})"
    // The baseline was recorded without a profile (baselines do not store one yet): the report says its side is
    // unknown and lists the current sites; the new one allocates one object per operation, all the bytes the gate saw grow.
    assert explanation.baselineProfile == false : benchmark
    assert explanation.summary.contains('run allocgate:record') : explanation.summary
    def change = explanation.currentSites.find { it.frames.contains(frame) }
    assert change != null : benchmark + ': no site names ' + frame + ' in ' + explanation.currentSites
    assert change.type == expectedTypes[benchmark] : change
    assert change.kind == expectedKinds[benchmark] : change
    assert Math.abs(change.objectsPerOp - 1) < 0.01 : change
    assert Math.abs(change.bytesPerOp - bytesDelta) < 1 : "${change.bytesPerOp} vs the gate's ${bytesDelta}"
    def label = expectedKinds[benchmark] ? "${expectedTypes[benchmark]} (${expectedKinds[benchmark]})" : expectedTypes[benchmark]
    change.text = "1.00 ${label}/op"
    // The same line in the console, report.md and report.html (HTML escapes its arrows' neighbours, not the frame).
    assert log.contains(change.text) : 'console lacks: ' + change.text
    assert log.contains(frame) : 'console lacks ' + frame
    assert md.contains(frame) : 'report.md lacks ' + frame
    assert html.contains(frame.replace('$', '$')) : 'report.html lacks ' + frame
}
assert log.contains('What allocates more, and where:')
// The profiling fork ran after the measured forks, for the regressed benchmarks only; its files are in target.
assert new File(basedir, 'target/allocgate/profiles').listFiles().any { it.name.endsWith('.tsv') }
return true
