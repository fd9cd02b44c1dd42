import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// 1: the regression is named with old -> new.
assert log.contains('1 benchmark fails the allocation gate')
assert log =~ /dev\.allocgate\.samples\.BasicAllocationBenchmarks\.newObject \[avgt\]: REGRESSED bytesPerOp 16\.0 -> 32\.0 B\/op/
// 2: no GC profiler data is an error naming the file, never "no regressions".
assert log =~ /unusable JMH results .*no-gc-data\.json/
assert log.contains('no GC profiler data')
// 3: the same file against itself passes; its report is the last one written.
assert log.contains('PASS: 0 of 13 benchmarks regressed; see ')
def report = new JsonSlurper().parse(new File(basedir, 'target/allocgate/report.json'))
assert report.verdict == 'PASS'
assert report.benchmarks.size() == 13
// GitHub Actions: an error annotation at the start of a line, and the job summary (three invocations appended).
assert log =~ /(?m)^::error [^\n]*BasicAllocationBenchmarks\.newObject/
def summary = new File(basedir, 'job-summary.md').text
assert summary.contains('newObject')
assert summary.count('allocgate') >= 2

// The CLI on the same files: the same verdicts, and the same report files byte for byte apart from the record command
// (the reactor builds the
// CLI's jar before this plugin's ITs; a build of this module alone has none, and says so).
def cliJar = new File(basedir, '../../../../allocgate-cli/target').listFiles()?.find {
    it.name ==~ /allocgate-cli-.*\.jar/ && !it.name.startsWith('original-')
}
if (cliJar == null) {
    println 'compare-files: CLI parity not checked, the allocgate-cli jar is not built in this reactor'
    return true
}
def cli = { List<String> args ->
    def process = (['java', '-jar', cliJar.absolutePath] + args).execute(null, basedir)
    def output = new StringBuilder()
    process.consumeProcessOutput(output, output)
    process.waitFor()
    [process.exitValue(), output.toString()]
}
def against = new File(basedir, 'baseline-run.json').absolutePath
def (failed, failedLog) = cli(['compare', '--results', 'current-run.json', '--against', against, '--output-directory', 'target/cli-1'])
assert failed == 1 : failedLog
assert failedLog =~ /BasicAllocationBenchmarks\.newObject \[avgt\]: REGRESSED bytesPerOp 16\.0 -> 32\.0 B\/op/
def (passed, passedLog) = cli(['compare', '--results', 'baseline-run.json', '--against', against, '--output-directory', 'target/cli-3'])
assert passed == 0 : passedLog
// The same report files, byte for byte, but for the command that accepts a change: each front end names its own.
def cliRecord = 'java -jar allocgate-cli.jar record --results baseline-run.json --baselines DIR'
['report.md', 'report.html'].each { name ->
    def text = new File(basedir, "target/cli-3/$name").text
    assert text.contains(cliRecord) && !text.contains('mvn allocgate:record') : name
    assert new File(basedir, "target/allocgate/$name").text.contains('mvn allocgate:record') : name
}
['report.json', 'report.md', 'report.html', 'TEST-allocgate.xml'].each { name ->
    def cliText = new File(basedir, "target/cli-3/$name").text.replace(cliRecord, 'mvn allocgate:record')
    assert cliText == new File(basedir, "target/allocgate/$name").text : name
}
return true
