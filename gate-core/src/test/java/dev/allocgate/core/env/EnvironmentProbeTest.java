package dev.allocgate.core.env;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.model.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EnvironmentProbeTest {

    private static final Path CURRENT_JAVA = Path.of(System.getProperty("java.home"), "bin",
            System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Set<String> KNOWN_GCS = Set.of("SerialGC", "ParallelGC", "G1GC", "ZGC", "ShenandoahGC", "EpsilonGC");

    @Test
    void probesTheCurrentJvmWithoutArguments() throws Exception {
        Environment env = EnvironmentProbe.probe(CURRENT_JAVA, List.of());

        // The probe ran the same java as this test: its system properties are the oracle.
        assertEquals(System.getProperty("java.version"), env.jdkVersion());
        assertEquals(System.getProperty("java.vendor"), env.javaVendor());
        assertEquals(System.getProperty("java.vm.name"), env.vmName());
        assertEquals(System.getProperty("java.vm.version"), env.vmVersion());
        assertEquals(System.getProperty("os.arch"), env.arch());
        assertTrue(KNOWN_GCS.contains(env.gc()), env.gc());
        assertNotNull(env.compressedOops());
        assertNotNull(env.compressedClassPointers());
        assertTrue(env.maxHeapBytes() > 0);
        if (Runtime.version().feature() < 24) {
            assertNull(env.compactObjectHeaders(), "the flag does not exist before JDK 24");
        }
        assertNull(env.jmhVersion());
        assertEquals(List.of(), env.jvmArgs());
    }

    @Test
    void reflectsGcOopsAndHeapArguments() throws Exception {
        List<String> args = List.of("-XX:+UseSerialGC", "-XX:-UseCompressedOops", "-Xmx64m");
        Environment env = EnvironmentProbe.probe(CURRENT_JAVA, args);
        assertEquals("SerialGC", env.gc());
        assertEquals(Boolean.FALSE, env.compressedOops());
        assertEquals(64L * 1024 * 1024, env.maxHeapBytes());
        assertEquals(args, env.jvmArgs());

        Environment parallel = EnvironmentProbe.probe(CURRENT_JAVA, List.of("-XX:+UseParallelGC", "-Xmx96m"));
        assertEquals("ParallelGC", parallel.gc());
        assertEquals(Boolean.TRUE, parallel.compressedOops());
        assertEquals(96L * 1024 * 1024, parallel.maxHeapBytes());
    }

    @Test
    void seesCompactObjectHeadersOnJdk25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 at " + TEMURIN_25);
        Environment compact = EnvironmentProbe.probe(TEMURIN_25, List.of("-XX:+UseCompactObjectHeaders"));
        assertEquals(Boolean.TRUE, compact.compactObjectHeaders());
        assertTrue(compact.jdkVersion().startsWith("25"), compact.jdkVersion());

        Environment plain = EnvironmentProbe.probe(TEMURIN_25, List.of());
        assertEquals(Boolean.FALSE, plain.compactObjectHeaders(), "off by default in JDK 25");
    }

    @Test
    void agentsAreNotPassedToTheProbe() throws Exception {
        // A missing agent jar would make the JVM fail at startup; the probe leaves agents out.
        Environment env = EnvironmentProbe.probe(CURRENT_JAVA,
                List.of("-javaagent:/nonexistent/agent.jar", "-Xmx80m", "-cp", "/nonexistent", "-Dx=y"));
        assertEquals(80L * 1024 * 1024, env.maxHeapBytes());
    }

    @Test
    void filtersAgentsAndClassPathButKeepsEverythingElse() {
        List<String> in = List.of("-Xmx1g", "-javaagent:a.jar=opt", "-agentlib:jdwp=transport=dt_socket,suspend=y",
                "-agentpath:/lib/x.so", "-Xrunhprof", "-cp", "a.jar", "-classpath", "b", "--class-path", "c",
                "--class-path=d", "-jar", "e.jar", "-m", "mod/Main", "--module=mod", "-XX:+UseSerialGC",
                "-XX:+UnlockExperimentalVMOptions", "-Dfoo=bar", "@args.txt", "--add-opens", "java.base/java.lang=ALL-UNNAMED");
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:+UnlockExperimentalVMOptions", "-Dfoo=bar", "@args.txt",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED"), EnvironmentProbe.probeArguments(in));
    }

    @Test
    void aMissingJavaIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-jdk/bin/java");
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probe(missing, List.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot start"), e.getMessage());
    }

    @Test
    void aProbeStartedInTheBackgroundIsTheOneProbeOnceReturns() throws Exception {
        List<String> args = List.of("-Dallocgate.test.background=" + System.nanoTime()); // a key no other test uses
        EnvironmentProbe.probeInBackground(CURRENT_JAVA, args);
        Environment env = EnvironmentProbe.probeOnce(CURRENT_JAVA, args);
        assertEquals(System.getProperty("java.version"), env.jdkVersion());
        assertEquals(args, env.jvmArgs());
        assertSame(env, EnvironmentProbe.probeOnce(CURRENT_JAVA, args), "probed once");
    }

    @Test
    void aFailedBackgroundProbeFailsProbeOnceAndIsTriedAgain(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-jdk/bin/java");
        EnvironmentProbe.probeInBackground(missing, List.of());
        BenchmarkRunException first = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probeOnce(missing, List.of()));
        assertTrue(first.getMessage().contains(missing.toString()) && first.getMessage().contains("Cannot start"),
                first.getMessage());
        BenchmarkRunException again = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probeOnce(missing, List.of()));
        assertNotSame(first, again, "a failure is not kept: the next call probes again");
    }

    @Test
    void aJvmThatRejectsAnArgumentFailsWithItsStderr() {
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probe(CURRENT_JAVA, List.of("-XX:+NoSuchFlagForAllocgateTests")));
        assertTrue(e.getMessage().contains("exit code"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchFlagForAllocgateTests"), e.getMessage());
        assertTrue(e.getMessage().contains("Unrecognized VM option"), "stderr tail: " + e.getMessage());
        assertTrue(e.getMessage().contains(CURRENT_JAVA.toString()), "the command: " + e.getMessage());
    }

    @Test
    void aHangingJvmTimesOut(@TempDir Path dir) throws Exception {
        Path fakeJava = script(dir, "exec sleep 30");
        long start = System.nanoTime();
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probe(fakeJava, List.of(), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "killed, not waited for");
    }

    @Test
    void outputWithoutFingerprintIsAnError(@TempDir Path dir) throws Exception {
        Path fakeJava = script(dir, "echo 'hello from a fake java'; echo 'some warning' >&2");
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class,
                () -> EnvironmentProbe.probe(fakeJava, List.of()));
        assertTrue(e.getMessage().contains("printed no fingerprint"), e.getMessage());
        assertTrue(e.getMessage().contains("hello from a fake java"), e.getMessage());
        assertTrue(e.getMessage().contains("some warning"), e.getMessage());
    }

    @Test
    void parsesTheBlockAmidJvmLogLines() throws Exception {
        String output = "[0.003s][info][gc] Using Serial\n" + EnvironmentProbe.BEGIN_MARKER + "\n"
                + "java.version=21.0.1\njava.vm.name=OpenJDK\\ 64-Bit\\ Server\\ VM\ngc=ZGC\nUseCompressedOops=false\n"
                + "UseCompactObjectHeaders=true\nMaxHeapSize=1073741824\n" + EnvironmentProbe.END_MARKER + "\n"
                + "[0.100s][info][gc] Heap\n";
        Environment env = EnvironmentProbe.parse(output, List.of("-Xmx1g"), "test");
        assertEquals("21.0.1", env.jdkVersion());
        assertEquals("OpenJDK 64-Bit Server VM", env.vmName());
        assertEquals("ZGC", env.gc());
        assertEquals(Boolean.FALSE, env.compressedOops());
        assertNull(env.compressedClassPointers());
        assertEquals(Boolean.TRUE, env.compactObjectHeaders());
        assertEquals(1L << 30, env.maxHeapBytes());
        assertEquals(List.of("-Xmx1g"), env.jvmArgs());

        assertThrows(BenchmarkRunException.class, () -> EnvironmentProbe.parse(EnvironmentProbe.BEGIN_MARKER
                + "\nUseCompressedOops=maybe\n" + EnvironmentProbe.END_MARKER + "\n", List.of(), "test"));
        assertThrows(BenchmarkRunException.class, () -> EnvironmentProbe.parse(EnvironmentProbe.BEGIN_MARKER
                + "\nMaxHeapSize=lots\n" + EnvironmentProbe.END_MARKER + "\n", List.of(), "test"));
    }

    @Test
    void mergeFillsOnlyWhatJmhLeftOut() {
        Environment fromJmh = new Environment("17.0.15", null, "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37",
                null, null, null, null, null, null, List.of("-Xmx1g"));
        Environment probed = new Environment("99", "Debian", "Other VM", "99+1", null, "G1GC", true, true, null,
                1L << 30, "amd64", List.of("-Xmx2g"));
        Environment merged = EnvironmentProbe.merge(fromJmh, probed);
        assertEquals(new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37", "G1GC",
                true, true, null, 1L << 30, "amd64", List.of("-Xmx1g")), merged);
        assertEquals(probed, EnvironmentProbe.merge(Environment.UNKNOWN, probed));
    }

    private static Path script(Path dir, String body) throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs a POSIX shell");
        Path script = dir.resolve("fake-java");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(Files.isDirectory(script));
        return script;
    }
}
