package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.allocgate.profiler.bench.CountingBenchmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Real JMH runs of {@link CountingBenchmarks} with the agent and {@link ObjectCountProfiler}: each
 * benchmark's objects/op must equal the count its source shows, in every measured iteration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectCountProfilerJmhTest {

    /** Below this a count is exact: JMH's own per-iteration objects divided by the op count stay far under it. */
    private static final double TOLERANCE = 0.01;

    private static final List<String> TIMING = List.of("-wi", "2", "-w", "200ms", "-i", "3", "-r", "100ms");

    /** Objects per operation, read off each benchmark's source. */
    private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("allocationFree", 0);
        EXPECTED.put("escapeAnalysed", 0);
        EXPECTED.put("oneObject", 1);
        EXPECTED.put("twoObjects", 2);
        EXPECTED.put("byteArray", 1);
        EXPECTED.put("loopOfObjects", CountingBenchmarks.LOOP_COUNT);
    }

    private Path agent;
    private JmhRun.Outcome buildJdkWithAgent;

    @BeforeAll
    void extractAgent() throws IOException {
        agent = NativeAgent.extractTo(JmhRun.workDirectory().resolve("agent"));
    }

    @Test
    void countsExactObjectsPerOperationOnTheBuildJdk() throws Exception {
        assertExactCounts(buildJdkRun(), "build JDK " + System.getProperty("java.version"));
    }

    @Test
    void countsExactObjectsPerOperationOnTemurin25() throws Exception {
        Path jdk25 = Path.of(System.getProperty("allocgate.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path java = jdk25.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + jdk25);
        JmhRun.Outcome run = JmhRun.run(java, "jdk25-agent", JmhRun.COUNTING_BENCHMARKS, agent, true, TIMING);
        assertExactCounts(run, "Temurin 25");
    }

    /**
     * The agent's cost: ns/op of two allocating benchmarks with and without it (the agent run is the one the
     * counting test made). Printed and kept in measurements.txt; asserted only in direction.
     */
    @Test
    void agentCostIsMeasuredAgainstARunWithoutIt() throws Exception {
        List<String> compared = List.of("oneObject", "loopOfObjects");
        JmhRun.Outcome withAgent = buildJdkRun();
        JmhRun.Outcome without = JmhRun.run(buildJava(), "build-jdk-no-agent",
                JmhRun.COUNTING_BENCHMARKS + "(" + String.join("|", compared) + ")$", null, false, TIMING);
        assertEquals(0, without.exitCode(), without.tail());

        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "JDK %s: agent cost (wall time: %d benchmarks with agent+profiler %.1f s; "
                        + "%d without %.1f s; JMH iterations are time-bound, so wall time barely depends on the agent)",
                System.getProperty("java.version"), EXPECTED.size(), withAgent.wallTime().toMillis() / 1000.0,
                compared.size(), without.wallTime().toMillis() / 1000.0));
        for (String method : compared) {
            double with = withAgent.primaryScore(method);
            double plain = without.primaryScore(method);
            lines.add(String.format(Locale.ROOT, "  %-15s %9.2f ns/op with agent, %7.2f ns/op without, %.0f ns per allocation",
                    method, with, plain, (with - plain) / EXPECTED.get(method)));
            assertTrue(without.score(method, ObjectCountProfiler.NORM_METRIC).isEmpty(),
                    "a run without the profiler has no objects/op for " + method);
        }
        JmhRun.record(lines);
        String loop = "loopOfObjects";
        assertTrue(withAgent.primaryScore(loop) > without.primaryScore(loop),
                "counting " + CountingBenchmarks.LOOP_COUNT + " allocations per op must cost time: "
                        + withAgent.primaryScore(loop) + " vs " + without.primaryScore(loop) + " ns/op");
    }

    @Test
    void failsTheIterationInsteadOfReportingANumberWhenTheAgentIsMissing() throws Exception {
        JmhRun.Outcome run = JmhRun.run(buildJava(), "no-agent-with-profiler",
                JmhRun.COUNTING_BENCHMARKS + "oneObject$", null, true,
                List.of("-wi", "0", "-i", "1", "-r", "100ms"));
        assertAll(
                () -> assertNotEquals(0, run.exitCode(), "JMH must fail (-foe true): " + run.tail()),
                () -> assertTrue(run.log().contains("the allocgate JVMTI agent is not loaded"), run.tail()),
                () -> assertTrue(run.rawValues("oneObject", ObjectCountProfiler.NORM_METRIC).isEmpty(),
                        "no objects/op may be reported without the agent"));
    }

    private JmhRun.Outcome buildJdkRun() throws Exception {
        if (buildJdkWithAgent == null) {
            buildJdkWithAgent = JmhRun.run(buildJava(), "build-jdk-agent", JmhRun.COUNTING_BENCHMARKS, agent, true,
                    TIMING);
        }
        return buildJdkWithAgent;
    }

    private static Path buildJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private void assertExactCounts(JmhRun.Outcome run, String jdk) throws IOException {
        assertEquals(0, run.exitCode(), () -> "JMH failed on " + jdk + ":\n" + run.tail());
        List<String> lines = new ArrayList<>();
        lines.add(jdk + ": objects/op per measured iteration (worker threads | all threads)");
        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, Integer> expected : EXPECTED.entrySet()) {
            String method = expected.getKey();
            List<Double> worker = run.rawValues(method, ObjectCountProfiler.NORM_METRIC);
            List<Double> all = run.rawValues(method, ObjectCountProfiler.ALL_THREADS_NORM_METRIC);
            lines.add(String.format(Locale.ROOT, "  %-15s expected %2d: %s | %s", method, expected.getValue(),
                    JmhRun.format(worker), JmhRun.format(all)));
            checks.add(() -> {
                assertEquals(3, worker.size(), jdk + " " + method + ": one value per measured iteration");
                // The gate takes a fork's median; a single iteration may carry a few of JMH's own objects more
                // when a loaded machine leaves it few operations.
                List<Double> sorted = worker.stream().sorted().toList();
                assertEquals(expected.getValue(), sorted.get(1), TOLERANCE, jdk + " " + method + " median objects/op " + worker);
                for (double value : worker) {
                    assertEquals(expected.getValue(), value, 5 * TOLERANCE, jdk + " " + method + " objects/op " + worker);
                }
                assertTrue(run.score(method, ObjectCountProfiler.COUNT_METRIC).isPresent(),
                        jdk + " " + method + ": raw count " + ObjectCountProfiler.COUNT_METRIC + " reported");
            });
        }
        JmhRun.record(lines);
        assertAll(checks);
    }
}
