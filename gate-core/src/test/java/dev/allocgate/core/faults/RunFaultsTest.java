package dev.allocgate.core.faults;

import static dev.allocgate.core.faults.FaultFixtures.FAULTY;
import static dev.allocgate.core.faults.FaultFixtures.HEALTHY;
import static dev.allocgate.core.faults.FaultFixtures.HEALTHY_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.workflow.GateWorkflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmarks whose fork misbehaves ({@link FaultyBenchmarks}: {@code System.exit(3)}, an exception, an
 * {@code OutOfMemoryError} under {@code -Xmx32m}, a sleep that never ends, a busy loop that ignores interrupts) share
 * one real JMH run ({@code GateWorkflow.check}) with {@link HealthyBenchmark}. Each faulty one must be FAILED with
 * what happened, the healthy one still judged against its baseline, the run bounded, and the baselines untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunFaultsTest {
    private static final String HEAP_ARG = "-Xmx32m";
    private static final String ALL = "^dev\\.allocgate\\.core\\.faults\\.(FaultyBenchmarks|HealthyBenchmark)\\.";
    /** Short, so the two hanging benchmarks cost seconds; far above the ~1 s of silence a healthy fork shows. */
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private final List<String> jmhOutput = Collections.synchronizedList(new ArrayList<>());

    private Path work;
    private Path baselines;
    private Map<String, String> baselinesBefore;
    private GateWorkflow.Result check;
    private Duration checkTime;
    private Map<String, BenchmarkComparison> byBenchmark;

    @BeforeAll
    void recordTheHealthyOneThenCheckEverything(@TempDir Path temp) throws Exception {
        work = temp;
        baselines = temp.resolve("baselines");
        BaselineStore store = new BaselineStore(baselines);
        GateWorkflow workflow = new GateWorkflow(jmhOutput::add, line -> { });
        workflow.record(FaultFixtures.settings(HEALTHY_ONLY, List.of(HEAP_ARG), temp.resolve("record-work")), store,
                GateSettings.defaults(), temp.resolve("record-out"), false);
        // A baseline for one faulty benchmark too: a crash must be FAILED, not MISSING, when a baseline exists.
        Measurement healthy = store.load().entries().values().iterator().next();
        store.update(List.of(new Measurement(BenchmarkKey.of(FAULTY + "exits", "avgt", Map.of()), healthy.metrics(),
                healthy.opsPerIteration(), healthy.environment())), (FAULTY + "exits")::equals);
        baselinesBefore = FaultFixtures.snapshot(baselines);

        RunSettings run = FaultFixtures.settings(FaultFixtures.testClassPath(), ALL, List.of(HEAP_ARG),
                temp.resolve("check-work"), RUN_TIMEOUT).withHangTimeout(HANG_TIMEOUT);
        Instant start = Instant.now();
        check = workflow.check(run, store, GateSettings.defaults(), temp.resolve("check-out"));
        checkTime = Duration.between(start, Instant.now());
        byBenchmark = check.report().benchmarks().stream()
                .collect(Collectors.toMap(b -> b.key().benchmark(), Function.identity()));
        System.out.println("RunFaultsTest: check of 6 benchmarks (5 faulty, 2 of them hanging) took "
                + checkTime.toMillis() + " ms; verdicts: " + check.report().benchmarks().stream()
                .map(b -> b.key().benchmark() + " " + b.verdict() + " [" + b.note() + "]").toList());
    }

    @Test
    void everyBenchmarkIsReportedAndTheGateFails() {
        assertEquals(Map.of(
                        HEALTHY, Verdict.UNCHANGED,
                        FAULTY + "exits", Verdict.FAILED,
                        FAULTY + "throwsException", Verdict.FAILED,
                        FAULTY + "runsOutOfMemory", Verdict.FAILED,
                        FAULTY + "sleepsForever", Verdict.FAILED,
                        FAULTY + "spinsForever", Verdict.FAILED),
                byBenchmark.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().verdict())));
        assertFalse(check.report().passed());
        assertEquals(1, check.measurements().size(), "only the healthy benchmark produced a result");
        assertTrue(Files.isRegularFile(work.resolve("check-out").resolve(ReportFiles.JSON)), "reports were written");
    }

    @Test
    void systemExitIsReportedWithItsExitCode() {
        String note = byBenchmark.get(FAULTY + "exits").note();
        assertTrue(note.contains("exit code " + FaultyBenchmarks.EXIT_CODE), note);
        assertTrue(note.contains("System.exit"), note);
    }

    @Test
    void exceptionIsReportedWithItsFirstLine() {
        assertEquals("java.lang.IllegalArgumentException: " + FaultyBenchmarks.MESSAGE,
                byBenchmark.get(FAULTY + "throwsException").note());
    }

    /**
     * JMH reports the error in one of two ways, depending on which thread of the fork the error hits first: usually
     * the benchmark thread ({@code <failure>} and the exception); about one run in ten under load, one of JMH's own
     * (the iteration line says {@code Java heap space}, then {@code <forked VM failed with exit code 1>}).
     */
    @Test
    void outOfMemoryIsReportedAsSuch() {
        String note = byBenchmark.get(FAULTY + "runsOutOfMemory").note();
        assertTrue(note.equals("java.lang.OutOfMemoryError: Java heap space")
                || note.equals("forked VM failed with exit code 1 (the iteration printed: Java heap space)"), note);
    }

    @Test
    void hangsAreBoundedByTheHangTimeoutAndReported() throws InterruptedException {
        for (String hung : List.of(FAULTY + "sleepsForever", FAULTY + "spinsForever")) {
            String note = byBenchmark.get(hung).note();
            assertTrue(note.contains("no output for 4 s") && note.contains("hung"), hung + ": " + note);
            assertTrue(note.contains("exit code"), hung + ": JMH's own line for the killed fork follows: " + note);
        }
        // The run was not ended by its overall timeout (that would have thrown): the watchdog bounded each hang.
        assertTrue(checkTime.compareTo(RUN_TIMEOUT) < 0, "check took " + checkTime);
        assertEquals(List.of(), FaultFixtures.survivorsWith(FaultFixtures.tmpdirMarker(work.resolve("check-work"))),
                "no JVM of the run survives it");
    }

    @Test
    void baselinesAreByteForByteUntouched() throws Exception {
        assertEquals(baselinesBefore, FaultFixtures.snapshot(baselines));
    }

    @Test
    void aRunInWhichEveryBenchmarkFailsIsNotAPass(@TempDir Path temp) throws Exception {
        // JMH exits 0 and writes "[ ]" when every selected benchmark failed: an empty result, never "0 regressions".
        Path output = temp.resolve("out");
        Files.createDirectories(output);
        for (String name : ReportFiles.NAMES) {
            Files.writeString(output.resolve(name), "stale report of an earlier, passing run");
        }
        // As an earlier run writes them: listed as allocgate's own, so the next run may delete them.
        dev.allocgate.core.workflow.OwnReports.remember(output, ReportFiles.NAMES.stream().map(output::resolve).toList());
        BaselineStore store = new BaselineStore(baselines);

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> new GateWorkflow(line -> { }, line -> { })
                .check(FaultFixtures.settings("^" + FAULTY.replace(".", "\\.") + "throwsException$", List.of(),
                        temp.resolve("work")), store, GateSettings.defaults(), output));

        assertTrue(e.getMessage().contains("wrote no results"), e.getMessage());
        assertTrue(e.getMessage().contains(FaultyBenchmarks.MESSAGE), e.getMessage());
        assertEquals(List.of(FAULTY + "throwsException"), e.benchmarks());
        assertTrue(ReportFiles.NAMES.stream().noneMatch(name -> Files.exists(output.resolve(name))),
                "no report, not even an old one, is left for CI to pick up");
        assertEquals(baselinesBefore, FaultFixtures.snapshot(baselines));
    }
}
