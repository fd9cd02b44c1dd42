// A temporary git repository in this IT's directory: commit 1 (tag one) the benchmarks, commit 2 (tag two) boxes
// allocates one Long per operation, commit 3 (tag three) reverts that. The working tree stays at commit 3.
def git = { String... args ->
    def command = ['git', '-c', 'user.name=allocgate IT', '-c', 'user.email=it@allocgate.invalid',
                   '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'] + args.toList()
    def process = command.execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command}: ${out} ${err}"
}
def source = new File(basedir, 'src/main/java/it/against/AgainstBenchmarks.java')
source.parentFile.mkdirs()
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q')
[1, 2, 1].eachWithIndex { version, i ->
    source.text = new File(basedir, "versions/${version}/AgainstBenchmarks.java").text
    git('add', '-A')
    git('commit', '-q', '-m', "commit ${i + 1}")
    git('tag', ['one', 'two', 'three'][i])
}
return true
