import groovy.json.JsonSlurper

def recorded = new File(basedir, 'baselines-recorded')
def baselines = new File(basedir, 'baselines/policy-ratchet')
def log = new File(basedir, 'build.log').text

// Invocation 3: warmup regressed but is informational: reported, a warning, and the build passed.
assert log =~ /it\.ratchet\.Mixed\.warmup \[avgt\] REGRESSED, but it is informational \(rule 1 \(\*\.Mixed\.warm\*\)\)/
assert log.contains('REGRESSED (informational)')
assert log.contains('1 benchmark allocates less than its baseline beyond the threshold (it.ratchet.Mixed.hot [avgt])')
assert log.contains('`mvn allocgate:record -Dallocgate.ratchet`')

// Invocation 4: only Mixed's file was written, with only hot's entry changed.
assert log.contains('(ratchet: only improved entries): 0 added, 1 updated, 0 removed')
def file = { File dir, String cls -> def f = dir.listFiles().findAll { it.name.startsWith(cls + '-') && it.name.endsWith('.json') }; assert f.size() == 1 : f; f[0] }
def recordedDir = new File(recorded, 'policy-ratchet')
assert baselines.listFiles().findAll { it.name.endsWith('.json') }.size() == 2
assert file(baselines, 'it.ratchet.Steady').bytes == file(recordedDir, 'it.ratchet.Steady').bytes : 'Steady untouched, byte for byte'
def mixedAfter = file(baselines, 'it.ratchet.Mixed')
def mixedBefore = file(recordedDir, 'it.ratchet.Mixed')
def before = new JsonSlurper().parse(mixedBefore)
def after = new JsonSlurper().parse(mixedAfter)
def entries = { json -> json.benchmarks.collectEntries { [(it.benchmark.tokenize('.').last()): it] } }
def b = entries(before)
def a = entries(after)
assert a.keySet() == ['hot', 'same', 'warmup'] as Set
assert a.warmup == b.warmup : 'the regressed informational entry is not loosened'
assert a.same == b.same : 'the unchanged entry is kept'
assert a.hot != b.hot
def bytes = { e -> e.metrics.bytesPerOp.median }
assert bytes(b.hot) > 60 && bytes(a.hot) < 20 : "hot tightened from ${bytes(b.hot)} to ${bytes(a.hot)}"
// The rest of Mixed's file is byte for byte what was recorded: the same text once hot's entry is set aside.
def text = { File f -> f.getText('UTF-8') }
def withoutHot = { String s -> s.replaceAll(/(?s)\{\s*"benchmark"\s*:\s*"it\.ratchet\.Mixed\.hot".*?(?=\{\s*"benchmark"\s*:\s*"it\.ratchet\.Mixed\.same")/, '') }
assert withoutHot(text(mixedAfter)) != text(mixedAfter) : 'the pattern found hot\'s entry'
assert withoutHot(text(mixedAfter)) == withoutHot(text(mixedBefore))
return true
