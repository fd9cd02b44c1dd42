package dev.allocgate.core.faults;

import static dev.allocgate.core.faults.FaultFixtures.FAULTY;
import static dev.allocgate.core.faults.FaultFixtures.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.core.workflow.ObjectCounting;
import dev.allocgate.profiler.NativeAgent;
import dev.allocgate.profiler.WorkerBytesProfiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * allocgate's adaptive engine end to end with real JMH forks that it starts itself ({@code ForkMain} from
 * allocgate-profiler, two at a time): injected regressions are caught and confirmed, an unchanged benchmark costs one
 * fork, and every kind of fork fault is reported per benchmark while the rest is still judged.
 */
class AdaptiveEngineTest {
    private static final String INJECTABLE = "^dev\\.allocgate\\.core\\.run\\.InjectableBenchmark\\.allocate$";
    private static final ForkPlan PLAN = new ForkPlan(1, 3, 3, 6, 2, Duration.ofSeconds(2), 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final GateWorkflow workflow = new GateWorkflow(output::add, line -> { });

    private static RunSettings injected(Path work, String... properties) {
        List<String> jvmArgs = new ArrayList<>();
        for (String p : properties) {
            jvmArgs.add("-Dallocgate.test." + p);
        }
        return new RunSettings(FaultFixtures.javaExecutable(), FaultFixtures.testClassPath(), List.of(INJECTABLE), List.of(),
                1, 0, Duration.ofMillis(100), 2, Duration.ofMillis(50), jvmArgs, Optional.empty(), work,
                Duration.ofMinutes(2), List.of(WorkerBytesProfiler.class.getName())); // as the plugin's default
    }

    private static ObjectCounting counting(Path temp) throws Exception {
        assumeTrue(NativeAgent.isAvailable(), "no counting agent for this platform");
        Path profilerJar = Path.of(NativeAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new ObjectCounting(profilerJar, NativeAgent.extractTo(temp.resolve("native")), ObjectCounting.PROFILER_CLASS, 1, 4);
    }

    /** Forks the run gave the one benchmark, from the merged JMH result file. */
    private static int forks(Path out) throws Exception {
        JsonNode results = JSON.readTree(out.resolve(GateWorkflow.JMH_RESULT).toFile());
        assertEquals(1, results.size());
        assertEquals(results.get(0).get("forks").asInt(), results.get(0).get("primaryMetric").get("rawData").size());
        return results.get(0).get("forks").asInt();
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static BenchmarkComparison only(GateWorkflow.Result result) {
        assertEquals(1, result.report().benchmarks().size());
        return result.report().benchmarks().get(0);
    }

    @Test
    void injectedRegressionsAreConfirmedAndCaughtWhileAnUnchangedBenchmarkCostsOneFork(@TempDir Path temp) throws Exception {
        ObjectCounting counting = counting(temp);
        BaselineStore store = new BaselineStore(temp.resolve("baselines"));
        GateSettings gate = GateSettings.defaults();

        workflow.record(injected(temp.resolve("w"), "longs=1"), counting, PLAN, store, gate, temp.resolve("record"), false);
        assertEquals(PLAN.recordForks(), forks(temp.resolve("record")), "a constant benchmark's baseline gets recordForks");

        GateWorkflow.Result unchanged = workflow.check(injected(temp.resolve("w"), "longs=1"), counting, PLAN, store, gate,
                temp.resolve("unchanged"));
        assertTrue(unchanged.report().passed(), String.join("\n", output));
        assertEquals(Verdict.UNCHANGED, only(unchanged).verdict());
        assertEquals(1, forks(temp.resolve("unchanged")));

        // Its profiling fork dies: the measurement still fails the gate, and the report says why it explains nothing.
        GateWorkflow.Result eightBytes = workflow.check(injected(temp.resolve("w"), "longs=2", "failWhenProfiled=true"),
                counting, PLAN, store, gate, temp.resolve("plus8"));
        assertFalse(eightBytes.report().passed());
        assertEquals(Verdict.REGRESSED, only(eightBytes).verdict());
        assertEquals(8.0, only(eightBytes).metrics().get(Metric.BYTES_PER_OP).delta(), 0.5);
        assertEquals(Verdict.UNCHANGED, only(eightBytes).metrics().get(Metric.OBJECTS_PER_OP).verdict());
        assertEquals(PLAN.confirmForks(), forks(temp.resolve("plus8")), "a change is confirmed before it fails the build");
        assertEquals(1, eightBytes.report().explanations().size());
        String missing = eightBytes.report().explanations().get(0).missing();
        assertTrue(missing.startsWith("the profiling forks failed: ") && missing.contains("ExceptionInInitializerError")
                && missing.contains("the verdict stands on the measurement"), missing);
        assertTrue(readQuietly(temp.resolve("plus8").resolve("report.md")).contains("allocation sites unknown: the profiling"
                + " forks failed"), "report.md says it too");

        GateWorkflow.Result oneObject = workflow.check(injected(temp.resolve("w"), "longs=1", "objects=1"), counting, PLAN,
                store, gate, temp.resolve("plus1object"));
        assertEquals(Verdict.REGRESSED, only(oneObject).metrics().get(Metric.OBJECTS_PER_OP).verdict());
        assertEquals(1.0, only(oneObject).metrics().get(Metric.OBJECTS_PER_OP).delta(), 0.01);
        assertTrue(oneObject.report().explanations().get(0).profiled(), "a profiling fork that works explains it");

        BaselineStore free = new BaselineStore(temp.resolve("free-baselines"));
        workflow.record(injected(temp.resolve("w")), counting, PLAN, free, gate, temp.resolve("record-free"), false);
        GateWorkflow.Result nowAllocates = workflow.check(injected(temp.resolve("w"), "objects=1"), counting, PLAN, free,
                gate, temp.resolve("free-to-16"));
        assertEquals(Verdict.REGRESSED, only(nowAllocates).verdict());
        assertEquals(16.0, only(nowAllocates).metrics().get(Metric.BYTES_PER_OP).currentSample().median(), 0.5);
    }

    @Test
    void twoChecksInOneWorkDirectoryAtOnceBothSucceed(@TempDir Path temp) throws Exception {
        BaselineStore store = new BaselineStore(temp.resolve("baselines"));
        workflow.record(injected(temp.resolve("w"), "longs=1"), null, PLAN, store, GateSettings.defaults(),
                temp.resolve("record"), false);
        // As two builds of one checkout: the same work directory (hints file, fork results), other report directories.
        java.util.concurrent.CompletableFuture<GateWorkflow.Result> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> checkQuietly(injected(temp.resolve("w"), "longs=1"), store, temp.resolve("a")));
        GateWorkflow.Result second = checkQuietly(injected(temp.resolve("w"), "longs=1"), store, temp.resolve("b"));
        for (GateWorkflow.Result result : List.of(first.join(), second)) {
            assertTrue(result.report().passed(), String.join("\n", output));
            assertEquals(Verdict.UNCHANGED, only(result).verdict());
        }
    }

    private GateWorkflow.Result checkQuietly(RunSettings run, BaselineStore store, Path out) {
        try {
            return new GateWorkflow(output::add, line -> { }).check(run, null, PLAN, store, GateSettings.defaults(), out);
        } catch (Exception e) {
            throw new AssertionError("check into " + out + " failed: " + e.getMessage(), e);
        }
    }

    @Test
    void aSlowBenchmarkReadsItsTrueAllocation(@TempDir Path temp) throws Exception {
        // About 100-300 µs per operation: 100 ms iterations would hold only some hundred operations.
        GateWorkflow.Result slow = workflow.check(injected(temp.resolve("w"), "longs=1", "cpuTokens=100000"), null, PLAN,
                new BaselineStore(temp.resolve("none")), GateSettings.defaults(), temp.resolve("out"));
        double bytes = only(slow).metrics().get(Metric.BYTES_PER_OP).currentSample().median();
        System.out.println("AdaptiveEngineTest: slow benchmark (long[1], 24 B/op) read " + bytes + " B/op, "
                + slow.measurements().get(0).opsPerIteration() + " ops per iteration");
        assertEquals(24.0, bytes, 0.5, () -> String.join("\n", output) + "\n" + readQuietly(temp.resolve("out").resolve(GateWorkflow.JMH_RESULT)));
    }

    @Test
    void everyForkFaultIsReportedPerBenchmarkAndTheRestIsJudged(@TempDir Path temp) throws Exception {
        BaselineStore store = new BaselineStore(temp.resolve("baselines"));
        workflow.record(FaultFixtures.settings(FaultFixtures.HEALTHY_ONLY, List.of("-Xmx32m"), temp.resolve("rw")), null, PLAN,
                store, GateSettings.defaults(), temp.resolve("record"), false);
        Map<String, String> before = FaultFixtures.snapshot(temp.resolve("baselines"));
        RunSettings run = FaultFixtures.settings(FaultFixtures.testClassPath(),
                "^dev\\.allocgate\\.core\\.faults\\.(FaultyBenchmarks|HealthyBenchmark)\\.", List.of("-Xmx32m"),
                temp.resolve("cw"), Duration.ofSeconds(120)).withHangTimeout(Duration.ofSeconds(4));
        GateWorkflow.Result check = workflow.check(run, null, PLAN, store, GateSettings.defaults(), temp.resolve("check"));
        Map<String, BenchmarkComparison> by = check.report().benchmarks().stream()
                .collect(Collectors.toMap(b -> b.key().benchmark(), Function.identity()));

        assertFalse(check.report().passed());
        assertEquals(Verdict.UNCHANGED, by.get(HEALTHY).verdict(), String.join("\n", output));
        for (String faulty : List.of("exits", "throwsException", "runsOutOfMemory", "sleepsForever", "spinsForever")) {
            assertEquals(Verdict.FAILED, by.get(FAULTY + faulty).verdict(), faulty);
        }
        assertTrue(by.get(FAULTY + "exits").note().contains("exit code " + FaultyBenchmarks.EXIT_CODE),
                by.get(FAULTY + "exits").note());
        assertTrue(by.get(FAULTY + "throwsException").note().contains(FaultyBenchmarks.MESSAGE),
                by.get(FAULTY + "throwsException").note());
        assertTrue(by.get(FAULTY + "runsOutOfMemory").note().contains("OutOfMemoryError"),
                by.get(FAULTY + "runsOutOfMemory").note());
        for (String hung : List.of("sleepsForever", "spinsForever")) {
            assertTrue(by.get(FAULTY + hung).note().contains("no output for 4 s"), by.get(FAULTY + hung).note());
        }
        assertEquals(List.of(), FaultFixtures.survivorsWith(FaultFixtures.tmpdirMarker(temp.resolve("cw"))),
                "no benchmark JVM outlives the run");
        assertEquals(before, FaultFixtures.snapshot(temp.resolve("baselines")));
    }
}
