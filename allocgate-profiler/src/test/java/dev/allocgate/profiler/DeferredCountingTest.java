package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.profiler.bench.CountingBenchmarks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counting agent loaded with the option {@code deferred}, as allocgate's own forks load it: nothing is counted
 * until {@link ForkMain} starts counting for its measurement, which then counts exactly.
 */
class DeferredCountingTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static Path agent;

    @BeforeAll
    static void extractAgent() throws IOException {
        assumeTrue(NativeAgent.isAvailable(), "no agent for this platform");
        agent = NativeAgent.extractTo(JmhRun.workDirectory().resolve("native-deferred"));
    }

    private static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String finish(Process process, Path log) throws Exception {
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "did not finish; log: " + log);
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A fork's output and result file. */
    private record CountedFork(String output, Path result) {
    }

    /** Runs one fork of a {@code CountingBenchmarks} method in AverageTime mode, objects counted, 3 iterations. */
    private static CountedFork countedFork(String name, String method, long maxWarmupMillis, long iterationMillis)
            throws Exception {
        Path directory = JmhRun.workDirectory().resolve(name);
        Files.createDirectories(directory);
        Path result = directory.resolve("fork.json");
        Files.deleteIfExists(result);
        Path log = directory.resolve("fork.log");
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-agentpath:" + agent + "=deferred",
                "-Djava.io.tmpdir=" + directory.toAbsolutePath(), "-Djmh.ignoreLock=true",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ForkMain.class.getName(), "run",
                "--benchmark", "dev.allocgate.profiler.bench.CountingBenchmarks." + method, "--mode", "avgt",
                "--profiler", WorkerBytesProfiler.class.getName(), "--profiler", ObjectCountProfiler.class.getName(),
                "--round-ms", "100", "--max-warmup-ms", Long.toString(maxWarmupMillis), "--iterations", "3",
                "--iteration-ms", Long.toString(iterationMillis), "--result", result.toAbsolutePath().toString()));
        return new CountedFork(finish(start(command, log), log), result);
    }

    @Test
    void aForkCountsExactlyInItsMeasurementOnly() throws Exception {
        CountedFork fork = countedFork("deferred-fork", "twoObjects", 3000, 100);
        String output = fork.output();

        assertTrue(output.contains("allocgate-fork warmup 1 bytes/op 32.0"), "warmup measures bytes:\n" + output);
        assertTrue(output.contains("objects/op NaN"), "but counts no objects while the agent waits:\n" + output);
        JsonNode objects = new ObjectMapper().readTree(fork.result().toFile()).get(0).path("secondaryMetrics")
                .path(ObjectCountProfiler.NORM_METRIC).path("rawData").get(0);
        assertEquals(3, objects.size(), output);
        for (JsonNode iteration : objects) {
            assertEquals(2.0, iteration.asDouble(), 0.001, "every allocation of the measurement counted:\n" + output);
        }
    }

    /**
     * A slow benchmark that object counting slows several times: its measured iterations still hold about
     * {@value ForkMain#FEWEST_COUNTED_OPS_PER_ITERATION} operations or more, over which JMH's share is small.
     */
    @Test
    void aSlowCountedForkMeasuresEnoughOperationsAtTheCountedRate() throws Exception {
        CountedFork fork = countedFork("deferred-slow-fork", "manyObjects", 4000, 50);
        String output = fork.output();
        JsonNode secondary = new ObjectMapper().readTree(fork.result().toFile()).get(0).path("secondaryMetrics");
        JsonNode ops = secondary.path(ForkProtocol.OPS_PER_ITERATION).path("rawData").get(0);
        JsonNode bytes = secondary.path(WorkerBytesProfiler.NORM_METRIC).path("rawData").get(0);
        JsonNode objects = secondary.path(ObjectCountProfiler.NORM_METRIC).path("rawData").get(0);
        assertEquals(3, ops.size(), output);
        double fewest = Double.POSITIVE_INFINITY;
        int onTheLine = 0; // one iteration may allocate more once, while the JIT compiles again (README)
        for (int i = 0; i < 3; i++) {
            double n = ops.get(i).asDouble();
            fewest = Math.min(fewest, n);
            boolean exact = Math.abs(CountingBenchmarks.MANY_COUNT * 16 + 512 / n - bytes.get(i).asDouble()) <= 512 / n
                    && Math.abs(CountingBenchmarks.MANY_COUNT + 16 / n - objects.get(i).asDouble()) <= 16 / n;
            onTheLine += exact ? 1 : 0;
        }
        assertTrue(onTheLine >= 2, "bytes and objects per operation with at most JMH's share:\n" + output);
        // The rate varies with the machine's load (ForkMainTest checks the sizing itself).
        assertTrue(fewest >= ForkMain.FEWEST_COUNTED_OPS_PER_ITERATION / 2.0, "fewest operations " + fewest + ":\n" + output);
    }

    @Test
    void withoutAForkToStartItTheAgentCountsNothingAndSaysSoByReportingNothing() throws Exception {
        JmhRun.Outcome run = JmhRun.run(JAVA, "deferred-jmh", JmhRun.COUNTING_BENCHMARKS + "oneObject$",
                List.of("-wi", "1", "-w", "100ms", "-i", "2", "-r", "100ms", "-prof", ObjectCountProfiler.class.getName(),
                        "-jvmArgsAppend", "-agentpath:" + agent + "=deferred"));
        assertEquals(0, run.exitCode(), run.tail());
        assertTrue(run.benchmark("oneObject").isPresent(), run.tail());
        assertTrue(run.score("oneObject", ObjectCountProfiler.NORM_METRIC).isEmpty(), "no objects/op was measured");
    }

    @Test
    void anUnknownAgentOptionStopsTheJvm() throws Exception {
        Path log = JmhRun.workDirectory().resolve("agent-option.log");
        String output = finish(start(List.of(JAVA.toString(), "-agentpath:" + agent + "=later", "-version"), log), log);
        assertTrue(output.contains("allocgate agent: unknown option 'later'"), output);
        Process again = start(List.of(JAVA.toString(), "-agentpath:" + agent + "=later", "-version"), log);
        assertTrue(again.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, again.exitValue());
    }
}
