import groovy.json.JsonSlurper

def target = new File(basedir, 'target')
def one = new JsonSlurper().parse(new File(target, 'merged-one/report.json'))
def three = new JsonSlurper().parse(new File(target, 'merged-three/report.json'))
def verdicts = { r -> r.benchmarks.collectEntries { b -> [(b.benchmark.tokenize('.').last() + b.params.toString()): b.verdict] } }
assert one.verdict == 'FAIL' && three.verdict == 'FAIL'
assert verdicts(one) == verdicts(three) : "${verdicts(one)} vs ${verdicts(three)}"
assert verdicts(one).findAll { it.value != 'UNCHANGED' } == ['addedNow{}': 'NEW', 'holder{}': 'REGRESSED', 'removedLater{}': 'MISSING'] : verdicts(one)
// The reports are identical but for the measured values' noise, which the Markdown report rounds away.
assert new File(target, 'merged-one/report.md').text == new File(target, 'merged-three/report.md').text
// The regressed benchmark's explanation, made by the shard that ran it, is in the merged reports as in an unsharded run:
// its new Object (the holder now allocates one beside its array) at the line of the changed code.
[one, three].each { r ->
    assert r.explanations*.benchmark == ['it.shard.FirstBenchmarks.holder'] : r.explanations
    def e = r.explanations[0]
    assert e.profiled && e.baselineProfile : e
    def grown = e.changes.find { it.type == 'java.lang.Object' }
    assert grown != null && grown.status == 'NEW' && Math.abs(grown.objectsPerOpDelta - 1) < 0.01 : e.changes
    assert grown.frames[0].startsWith('it.shard.FirstBenchmarks.holder(FirstBenchmarks.java:20)') : grown
}
assert new File(target, 'merged-three/report.md').text.contains('new at it.shard.FirstBenchmarks.holder(FirstBenchmarks.java:20)')
// The JUnit XML's test cases and failures too (its details hold thresholds that depend on operations per iteration, a timing).
def cases = { f -> (new File(target, f).text =~ /<testcase name="[^"]*"|<failure message="[^"]*" type="[^"]*"/).collect { it } }
assert cases('merged-one/TEST-allocgate.xml') == cases('merged-three/TEST-allocgate.xml')
assert cases('merged-one/TEST-allocgate.xml').count { it.startsWith('<failure') } == 4
// Each shard ran its own share only; together all seven benchmark runs (removedLater has none), once. Which share
// a benchmark lands in depends on the fork times record stored, so the split itself is not asserted here (ShardTest).
def shards = (1..3).collect { new JsonSlurper().parse(new File(target, "three/${it}/shard.json")) }
assert shards*.measurements*.size().sum() == 7 : shards*.measurements*.size()
assert shards*.selected.flatten().sort() == shards[0].suite.sort() : shards*.selected
// record stored what each entry cost to measure (schema version 3): a fork's wall seconds, two significant digits.
def baselineFiles = []
new File(basedir, 'baselines').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name.endsWith('.json')) baselineFiles << it }
assert baselineFiles.size() == 2 : baselineFiles
baselineFiles.each { f ->
    def b = new JsonSlurper().parse(f)
    assert b.schemaVersion in [3, 4] : f // 4 when an entry's bytes/op are net of JMH's per-iteration share
    assert b.benchmarks.every { it.forkSeconds > 0 && (it.forkSeconds as BigDecimal).stripTrailingZeros().precision() <= 2 } : b.benchmarks*.forkSeconds
}
assert new JsonSlurper().parse(new File(target, 'merged-three/jmh-result.json')).size() == 7

// The history: one line per merge, the same benchmarks and verdicts; the second report.html draws both runs.
def history = new File(target, 'history/main.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert history.size() == 2 : history
assert history.every { it.history == 1 && it.environment ==~ /jdk\d+.*/ && it.results.size() == verdicts(one).size() }
assert history.collect { h -> h.results.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] } }.unique().size() == 1
assert history[0].results.find { it.benchmark.endsWith('.holder') }.bytes > 0
def html = new File(target, 'merged-three/report.html').text
def trend = (html =~ /(?s)<svg class="chart trend"[^>]*data-metric="bytesPerOp".*?<\/svg>/).collect { it }
assert trend.size() == verdicts(one).count { it.value != 'MISSING' } : trend.size()
assert trend.every { (it =~ /<circle class="trend-dot/).count == 2 }
assert !new File(target, 'history/shard.jsonl').exists()

def log = new File(basedir, 'build.log').text
assert log.contains('Set -Dallocgate.history on the allocgate:merge job instead of the shards')
assert log.contains('shard 1/3 is given twice: ' + new File(target, 'three/1').path)
assert log.contains('shard 2/3 is missing from allocgate.shards')
return true
