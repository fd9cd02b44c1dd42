package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's allocation profile (options {@code deferred,profile,depth=N}) in a fork as allocgate starts it: each of
 * the benchmark's allocations during the measurement is in the table once, under its class and its stack, with the
 * benchmark method's line.
 */
class AllocationSiteProfilerTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static Path agent;

    @BeforeAll
    static void extractAgent() throws IOException {
        assumeTrue(NativeAgent.isAvailable(), "no agent for this platform");
        agent = NativeAgent.extractTo(JmhRun.workDirectory().resolve("native-profile"));
    }

    @Test
    void everyMeasuredAllocationIsInTheTableWithItsLine() throws Exception {
        Path directory = JmhRun.workDirectory().resolve("profile-fork");
        Files.createDirectories(directory);
        try (Stream<Path> old = Files.list(directory)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        Path log = directory.resolve("fork.log.txt");
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-agentpath:" + agent + "=deferred,profile,depth=4",
                "-D" + AllocationSiteProfiler.DIRECTORY_PROPERTY + "=" + directory.toAbsolutePath(),
                "-Djava.io.tmpdir=" + directory.toAbsolutePath(), "-Djmh.ignoreLock=true",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ForkMain.class.getName(), "run",
                "--benchmark", "dev.allocgate.profiler.bench.CountingBenchmarks.twoObjects", "--mode", "avgt",
                "--profiler", ObjectCountProfiler.class.getName(), "--profiler", AllocationSiteProfiler.class.getName(),
                "--round-ms", "100", "--max-warmup-ms", "3000", "--iterations", "2", "--iteration-ms", "100",
                "--result", directory.resolve("fork.json").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start(); // ForkMain ends when its input closes
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "did not finish; log: " + log);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);

        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).toList();
        }
        assertEquals(1, files.size(), "one profile per fork (the warmup rounds write none): " + files + "\n" + output);
        List<String> lines = Files.readAllLines(files.get(0), StandardCharsets.UTF_8);
        assertEquals(AllocationSiteProfiler.HEADER, lines.get(0));
        assertEquals("benchmark\tdev.allocgate.profiler.bench.CountingBenchmarks.twoObjects", lines.get(1));
        long operations = Long.parseLong(lines.stream().filter(l -> l.startsWith("operations\t")).findFirst()
                .orElseThrow().split("\t")[1]);
        assertNotEquals(0, operations);
        // twoObjects allocates new Object() on two lines: each is one entry of exactly one object per operation.
        int benchmarkLine = sourceLine("blackhole.consume(new Object());");
        for (int line : new int[] {benchmarkLine, benchmarkLine + 1}) {
            String frame = "frame\tLdev/allocgate/profiler/bench/CountingBenchmarks;\ttwoObjects\tCountingBenchmarks.java\t" + line;
            // The entry whose top frame is that line (others pass through it: Blackhole's rare bookkeeping).
            String entry = null;
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).equals(frame) && lines.get(i - 1).startsWith("entry\t")) {
                    entry = lines.get(i - 1);
                }
            }
            assertEquals("entry\t" + operations + "\t" + 16 * operations + "\tLjava/lang/Object;", entry,
                    String.join("\n", lines));
        }
        assertEquals("unattributed\t0\t0", lines.get(lines.size() - 1));
    }

    @Test
    void aBadDepthIsRefusedWithTheRange() throws Exception {
        Process process = new ProcessBuilder(JAVA.toString(), "-agentpath:" + agent + "=profile,depth=0", "-version")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("allocgate agent: depth must be a number from 1 to 64, got '0'"), output);
    }

    private static int sourceLine(String text) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/allocgate/profiler/bench/CountingBenchmarks.java"));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in CountingBenchmarks.java");
    }
}
