// A copy of the committed JDK 17 baselines, which verify.groovy compares them with after the toolchain runs.
def committed = new File(basedir, 'baselines/toolchain-baselines/jdk17')
def copy = new File(basedir, 'jdk17-as-committed')
copy.mkdirs()
committed.listFiles().each { new File(copy, it.name).bytes = it.bytes }
return true
