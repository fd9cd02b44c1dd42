package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.profiler.WorkerBytesProfiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark without a result is reported with its cause, never with an empty reason (a {@code record} once failed
 * with "1 benchmark(s) produced no result: …testLCSBaseline:" and nothing after the colon). Real forks.
 */
class FailureReasonTest {
    private static final String QUIET = "dev.allocgate.core.run.ThrowingQuietlyBenchmark.";

    @Test
    void recordNamesTheCauseOfEveryBenchmarkWithoutAResult(@TempDir Path temp) {
        RunSettings settings = new RunSettings(TestClassPath.java(), TestClassPath.entries(),
                List.of("^dev\\.allocgate\\.core\\.run\\.(ThrowingQuietlyBenchmark\\.|AllocatingBenchmark\\.newArray$)"),
                List.of(), 1, 0, Duration.ofMillis(50), 1, Duration.ofMillis(50), List.of(), Optional.empty(),
                temp.resolve("work"), Duration.ofMinutes(2), List.of(WorkerBytesProfiler.class.getName()));
        BenchmarkRunException failed = assertThrows(BenchmarkRunException.class, () -> new GateWorkflow(line -> { },
                line -> { }).record(settings, null, new ForkPlan(1, 1, 1, 1, 2, Duration.ofSeconds(2), 2),
                new BaselineStore(temp.resolve("baselines")), GateSettings.defaults(), temp.resolve("out"), false));
        String message = failed.getMessage();
        assertTrue(message.contains("2 benchmark(s) produced no result"), message);
        assertTrue(message.contains(QUIET + "lineBreakFirst: " + ThrowingQuietlyBenchmark.LineBreakFirstException.class
                .getName() + ": " + ThrowingQuietlyBenchmark.CAUSE), "the exception's first line with text:\n" + message);
        assertTrue(message.contains(QUIET + "blankErrorLine: the benchmark JVM reported an error without a description"
                + " (exit code 3); its last output: ") && message.contains(ThrowingQuietlyBenchmark.LAST_WORDS),
                "the fork's last output when its error line is empty:\n" + message);
    }

    @Test
    void theLastLinesLeaveBlankOnesOut() {
        assertEquals("a | b", AdaptiveRunner.lastLines(List.of("a", " ", "b", "")));
        assertEquals("(no output)", AdaptiveRunner.lastLines(List.of("", "  ")));
        assertEquals("2 | 3 | 4 | 5 | 6", AdaptiveRunner.lastLines(List.of("1", "2", "3", "4", "5", "6")));
        // Output that ends in a stack trace: its exception lines, not its last frames.
        assertEquals("Exception in thread \"main\" org.openjdk.jmh.runner.RunnerException: Benchmark caught the exception"
                + " | Caused by: java.lang.OutOfMemoryError: Java heap space", AdaptiveRunner.lastLines(List.of(
                "Exception in thread \"main\" org.openjdk.jmh.runner.RunnerException: Benchmark caught the exception",
                "\tat org.openjdk.jmh.runner.Runner.runBenchmarks(Runner.java:575)",
                "\tat org.openjdk.jmh.runner.Runner.internalRun(Runner.java:309)",
                "Caused by: java.lang.OutOfMemoryError: Java heap space",
                "\tat dev.acme.Faulty.runsOutOfMemory(Faulty.java:40)", "\t... 12 more", "")));
    }
}
