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
    def frame = "it.explain.ExplainBenchmarks.${benchmark}(ExplainBenchmarks.java:${line})".toString()
    // record stored the original code's profile (allocation-free): the site is new, one object per operation, all
    // of the bytes the gate saw grow.
    assert explanation.baselineProfile == true : benchmark
    def change = explanation.changes.find { it.frames.contains(frame) }
    assert change != null : benchmark + ': no change names ' + frame + ' in ' + explanation.changes
    assert change.type == expectedTypes[benchmark] : change
    assert change.kind == expectedKinds[benchmark] : change
    assert change.status == 'NEW' : change
    assert Math.abs(change.objectsPerOpDelta - 1) < 0.01 : change
    assert Math.abs(change.bytesPerOpDelta - bytesDelta) < 1 : "${change.bytesPerOpDelta} vs the gate's ${bytesDelta}"
    assert change == explanation.changes[0] : 'the new site is the largest change: ' + explanation.changes
    // The same line in the console, report.md and report.html (HTML escapes its arrows' neighbours, not the frame).
    def consoleText = change.text.replace('\u2190', '<-')
    assert log.contains(consoleText) : 'console lacks: ' + consoleText
    assert log.contains(frame) : 'console lacks ' + frame
    assert md.contains(frame) : 'report.md lacks ' + frame
    assert html.contains(frame.replace('$', '$')) : 'report.html lacks ' + frame
}
assert log.contains('What allocates more, and where:')

// The baseline file holds each entry's profile and recorded fork time (schemaVersion 3: both; 2 would be profiles only).
// record writes into the benchmark JVM's environment directory (baselines/explain-regression/jdk17/ and the like).
def baselineFiles = []
new File(basedir, 'baselines/explain-regression').eachFileRecurse(groovy.io.FileType.FILES) {
    if (it.name.endsWith('.json')) {
        baselineFiles << it
    }
}
assert baselineFiles.size() == 1 : baselineFiles
def baselineFile = baselineFiles[0]
def baseline = new JsonSlurper().parse(baselineFile)
assert baseline.schemaVersion in [3, 4] // 4 when an entry's bytes/op are net of JMH's per-iteration share
assert baseline.benchmarks.every { it.forkSeconds > 0 } : baseline.benchmarks*.forkSeconds
assert baseline.benchmarks.every { it.profile != null } : baseline.benchmarks*.profile

// Invocation 3 (profile, boxLong only): the table in the log and the collapsed stacks, rooted at the benchmark.
def boxFrame = "it.explain.ExplainBenchmarks.boxLong(ExplainBenchmarks.java:${siteLines.boxLong})".toString()
def boxBytes = Math.round(report.benchmarks.find { it.benchmark.endsWith('.boxLong') }.metrics.bytesPerOp.delta)
assert log =~ /(?m)^\[INFO\]\s+1\.00\s+${boxBytes}\s+java\.lang\.Long \(boxing\) at java\.lang\.Long\.valueOf\(Long\.java:\d+\) <- it\.explain\.ExplainBenchmarks\.boxLong\(ExplainBenchmarks\.java:${siteLines.boxLong}\)/
def collapsed = new File(basedir, 'target/allocgate/allocations.collapsed').readLines()
assert collapsed.any { it.startsWith('it.explain.ExplainBenchmarks.boxLong [thrpt];' + boxFrame + ';java.lang.Long.valueOf(') &&
        it.endsWith(";java.lang.Long (boxing) ${boxBytes * 1000}") } : collapsed
assert collapsed.every { it.startsWith('it.explain.ExplainBenchmarks.boxLong ') } : 'only the included benchmark: ' + collapsed
return true
