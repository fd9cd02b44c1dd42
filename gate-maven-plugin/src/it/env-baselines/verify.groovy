import groovy.json.JsonSlurper

def root = new File(basedir, 'baselines/env-baselines')
assert root.listFiles()*.name.sort() == ['jdk17', 'jdk25'] : 'one directory per environment, nothing else: ' + root.listFiles()
def jdk17 = root.listFiles().find { it.name == 'jdk17' }.listFiles()
def jdk25 = root.listFiles().find { it.name == 'jdk25' }.listFiles()
assert jdk17.size() == 1 && jdk25.size() == 1 : [jdk17, jdk25]
def b17 = new JsonSlurper().parse(jdk17[0]).benchmarks[0]
def b25 = new JsonSlurper().parse(jdk25[0]).benchmarks[0]
assert b17.environment.jdkVersion.startsWith('17.') : b17.environment
assert b25.environment.jdkVersion.startsWith('25.') : b25.environment

def log = new File(basedir, 'build.log').text
assert log.contains('baselines of environment jdk17: ' + new File(root, 'jdk17').path)
assert log.contains('baselines of environment jdk25: ' + new File(root, 'jdk25').path)
// Invocations 1 and 3 ran on JDK 17, 2 and 4 on Temurin 25 (all four passed), each with its own baselines.
assert log.count('baselines of environment jdk17: ') == 2
assert log.count('baselines of environment jdk25: ') == 2
// Invocation 5: no baselines for its environment; the message says which record to run and where it writes.
assert log.contains('no baselines for this JVM (environment jdk25-compact-headers) in ' + root.path + '; it has baselines for jdk17, jdk25')
assert log.contains('`mvn allocgate:record`') && log.contains(new File(root, 'jdk25-compact-headers').path)
return true
