import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
def log = new File(basedir, 'build.log').text
def git = { String... args ->
    def process = (['git'] + args.toList()).execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "git ${args}: ${err}"
    out.toString().trim()
}
def shortOne = git('rev-parse', '--short', 'one')

// The baseline side is commit 1, measured in this job: named so in every report, no baseline file anywhere.
assert report.verdict == 'FAIL'
assert report.baselineMeasured == true
assert report.baselineSource == "one (${shortOne}), measured in this job".toString() : report.baselineSource
assert new File(basedir, 'target/allocgate/report.md').text.contains("baseline from one (${shortOne}), measured in this job")
assert new File(basedir, 'target/allocgate/report.html').text.contains("one (${shortOne}), measured in this job")
assert !new File(basedir, 'baselines').exists()

def verdicts = report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
assert verdicts == [boxes: 'REGRESSED', steady: 'UNCHANGED'] : verdicts
def boxes = report.benchmarks.find { it.benchmark.endsWith('.boxes') }
assert Math.abs(boxes.metrics.objectsPerOp.delta - 1) < 0.01 : boxes.metrics.objectsPerOp
assert log.contains('it.against.AgainstBenchmarks.boxes [thrpt]: REGRESSED')
assert log.contains('The baseline side is one (' + shortOne + '), measured in this job: there is nothing to record')
// Both sides measured, alternately: the base revision's rounds come before this revision's, and both were built.
assert log =~ /base-vs-PR round 1, base one \(${shortOne}\)/
assert log.contains('base-vs-PR round 1, this revision')
assert new File(basedir, 'target/allocgate/against/base-build.log').text.contains('BUILD SUCCESS')

// The explanation has a real baseline side: commit 1's profile, in which the Long is not allocated.
def source = new File(basedir, 'src/main/java/it/against/AgainstBenchmarks.java').readLines()
def line = source.findIndexOf { it.contains('site:boxes') } + 1
def explanation = report.explanations.find { it.benchmark == boxes.benchmark }
assert explanation != null && explanation.baselineProfile == true : report.explanations
def change = explanation.changes[0]
assert change.frames.contains("it.against.AgainstBenchmarks.boxes(AgainstBenchmarks.java:${line})".toString()) : change
assert change.type == 'java.lang.Long' && change.status == 'NEW' : change

// The temporary worktree is gone, and git no longer knows it.
def against = new File(basedir, 'target/allocgate/against')
assert against.listFiles().findAll { it.isDirectory() && it.name.startsWith('base-') }.isEmpty() : against.list()
assert git('worktree', 'list').readLines().size() == 1
return true
