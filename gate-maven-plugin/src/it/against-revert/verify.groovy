import groovy.json.JsonSlurper

def verdicts = { dir ->
    def report = new JsonSlurper().parse(new File(basedir, "target/${dir}/report.json"))
    assert report.verdict == 'PASS' : dir
    assert report.baselineMeasured == true
    report.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it.verdict] }
}
// Against commit 2 the Long is gone: exact data (one object per operation on the base side, none here) say IMPROVED.
assert verdicts('vs-two') == [boxes: 'IMPROVED', steady: 'UNCHANGED'] : verdicts('vs-two')
// Against commit 1, the same code.
assert verdicts('vs-one') == [boxes: 'UNCHANGED', steady: 'UNCHANGED'] : verdicts('vs-one')
assert !new File(basedir, 'baselines').exists()
def process = ['git', 'worktree', 'list'].execute(null, basedir)
def out = new StringBuilder(), err = new StringBuilder()
process.waitForProcessOutput(out, err)
assert out.toString().readLines().size() == 1 : out
return true
