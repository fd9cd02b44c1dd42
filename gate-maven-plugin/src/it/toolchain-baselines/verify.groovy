import groovy.json.JsonSlurper

def root = new File(basedir, 'baselines/toolchain-baselines')
assert root.listFiles()*.name.sort() == ['jdk17', 'jdk25'] : 'one directory per environment, nothing else: ' + root.listFiles()

// The record on the toolchain's JDK 25 wrote jdk25/ and left the committed jdk17/ as it was.
def jdk25 = new File(root, 'jdk25').listFiles()
assert jdk25.size() == 1 : jdk25
assert new JsonSlurper().parse(jdk25[0]).benchmarks[0].environment.jdkVersion.startsWith('25.')
def committed = new File(basedir, 'jdk17-as-committed').listFiles().sort { it.name }
def jdk17 = new File(root, 'jdk17').listFiles().sort { it.name }
assert jdk17*.name == committed*.name && jdk17*.bytes == committed*.bytes : 'jdk17/ changed: ' + jdk17

def log = new File(basedir, 'build.log').text
// Maven itself ran on another JDK (-V in invocation 1) ...
def mavenJava = (log =~ /Java version: (\d+)/)[0][1]
assert mavenJava != '25' : 'Maven ran on JDK 25 itself, so this IT proves nothing about the toolchain'
// ... and invocations 1 (record) and 2 (check, which passed) ran the benchmarks on the toolchain's java, against jdk25/.
assert log.count("allocgate: benchmarks run on the JDK toolchain's java: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java") == 2
assert log.count('allocgate: baselines of environment jdk25: ' + new File(root, 'jdk25').path) == 2
assert log.contains('done: agrees with the baseline')

// Invocation 3: a toolchain with no java fails with a message naming it and what to do, before any benchmark JVM starts.
assert log.contains('allocgate: the JDK toolchain JDK[src] selected by maven-toolchains-plugin has no `java` executable;'
        + ' fix its jdkHome in toolchains.xml or give -Dallocgate.jvm=PATH')
assert log.count('allocgate: JMH output is written to') == 2

// README's "With Maven toolchains" shows this IT's plugin configuration and toolchains.xml (whitespace and comments aside).
def squeeze = { String xml ->
    xml.replaceAll(/(?s)<!--.*?-->/, '').replaceAll(/<\?xml.*?\?>/, '').replaceAll(/\s+/, ' ').replace('> <', '><').trim()
}
def snippets = (new File(projectReadme).text =~ /(?s)```xml\n(.*?)```/).collect { squeeze(it[1]) }
def plugin = (new File(basedir, 'pom.xml').text =~ /(?s)<plugin>\s*<groupId>org.apache.maven.plugins<\/groupId>\s*<artifactId>maven-toolchains-plugin<\/artifactId>.*?<\/plugin>/)[0]
assert snippets.contains(squeeze(plugin)) : "README does not show this IT's maven-toolchains-plugin: " + squeeze(plugin)
assert snippets.contains(squeeze(new File(basedir, 'toolchains.xml').text)) : "README does not show this IT's toolchains.xml"
return true
