// A temporary git repository in this IT's directory: commit 1 (tag one) the benchmarks, commit 2 (tag two) boxes
// allocates one Long per operation. The working tree stays at commit 2: the change under review.
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
[1, 2].each { version ->
    source.text = new File(basedir, "versions/${version}/AgainstBenchmarks.java").text
    git('add', '-A')
    git('commit', '-q', '-m', "commit ${version}")
    git('tag', ['one', 'two'][version - 1])
}
return true
