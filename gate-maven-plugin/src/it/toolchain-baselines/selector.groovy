// Runs only where the second JDK is installed (this project's machines have Temurin 25 there).
def jdk25 = new File('/usr/lib/jvm/temurin-25-jdk-amd64/bin/java')
if (!jdk25.canExecute()) {
    println "toolchain-baselines skipped: no Temurin 25 at ${jdk25}"
    return false
}
return true
