package dev.allocgate.core.run;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The test JVM's class path and java, for tests that start real forks of the test sources' benchmarks. */
final class TestClassPath {
    private TestClassPath() {
    }

    /** The entries of the class path the tests run with. */
    static List<Path> entries() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    /** The java executable of the running JDK. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
