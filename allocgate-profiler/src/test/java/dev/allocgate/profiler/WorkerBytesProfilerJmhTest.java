package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Real JMH runs of {@link dev.allocgate.profiler.bench.WorkerBytesBenchmarks} with JMH's GC profiler and
 * {@link WorkerBytesProfiler} in the same run, so both see the same iterations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerBytesProfilerJmhTest {

    /** Iterations of 200 ms: a slow benchmark runs only about two thousand operations in one. */
    private static final List<String> OPTIONS = List.of("-wi", "2", "-w", "200ms", "-i", "3", "-r", "200ms",
            "-prof", "gc", "-prof", WorkerBytesProfiler.class.getName());
    private static final int MEASURED_ITERATIONS = 3;
    private static final String GC_NORM = "gc.alloc.rate.norm";

    /** The target for slow benchmarks: within half a byte per operation of the true allocation. */
    private static final double SLOW_TOLERANCE = 0.5;
    /**
     * Fast benchmarks run a hundred thousand to millions of operations per iteration: both metrics must agree to
     * this many B/op, or to {@value #OTHER_THREADS_BUDGET} bytes per iteration divided by the iteration's
     * operations if that is larger.
     */
    private static final double FAST_TOLERANCE = 0.01;
    /**
     * Bytes per iteration the other threads may allocate: several times the ~5.7 KB JMH's own threads allocate per
     * iteration on JDK 17, for GC and compiler threads on a loaded machine.
     */
    private static final double OTHER_THREADS_BUDGET = 20_000;

    private JmhRun.Outcome run;

    private JmhRun.Outcome run() throws Exception {
        if (run == null) {
            run = JmhRun.run(buildJava(), "worker-bytes", JmhRun.WORKER_BYTES_BENCHMARKS, OPTIONS);
            assertEquals(0, run.exitCode(), () -> "JMH failed:\n" + run.tail());
        }
        return run;
    }

    /**
     * The slow benchmark allocates the same single {@code new Object()} per operation as the fast {@code oneObject};
     * the fast one's {@code gc.alloc.rate.norm}, where JMH's per-iteration allocation divided by millions of
     * operations vanishes, is the oracle. Worker bytes must read it within {@value #SLOW_TOLERANCE} B/op in every
     * iteration, while JMH's all-threads norm reads visibly more.
     */
    @Test
    void slowBenchmarkReadsItsTrueAllocationWithoutJmhsOwn() throws Exception {
        JmhRun.Outcome outcome = run();
        double truth = mean(outcome.rawValues("oneObject", GC_NORM));
        List<Double> worker = outcome.rawValues("slowObject", WorkerBytesProfiler.NORM_METRIC);
        List<Double> allThreads = outcome.rawValues("slowObject", GC_NORM);
        double microsPerOp = outcome.primaryScore("slowObject");
        JmhRun.record(List.of(String.format(Locale.ROOT, "JDK %s, 200 ms iterations: slowObject %.0f us/op, true %.3f B/op "
                        + "(oneObject's gc norm); worker %s B/op; gc.alloc.rate.norm %s B/op",
                System.getProperty("java.version"), microsPerOp, truth, JmhRun.format(worker), JmhRun.format(allThreads))));

        // From 40 us/op a 200 ms iteration holds at most 5,000 operations, over which JMH's own 5.7 KB per iteration
        // reads above 1 B/op in the all-threads norm (checked below).
        assertTrue(microsPerOp >= 40, "the benchmark must be slow for this test to mean anything: " + microsPerOp + " us/op");
        assertEquals(MEASURED_ITERATIONS, worker.size(), "worker bytes/op in every measured iteration");
        assertEquals(MEASURED_ITERATIONS, allThreads.size(), "gc.alloc.rate.norm in every measured iteration");
        for (double value : worker) {
            assertEquals(truth, value, SLOW_TOLERANCE, "worker bytes/op of slowObject " + worker);
        }
        assertTrue(mean(allThreads) - truth > 2 * SLOW_TOLERANCE,
                "JMH's all-threads norm should carry JMH's own allocation here: " + allThreads + " vs " + truth);
    }

    /**
     * Where JMH's own allocation is negligible, worker bytes/op and gc.alloc.rate.norm agree, iteration by iteration,
     * and the worker reads no more than all threads.
     */
    @Test
    void fastBenchmarksReadTheSameAsJmhsNorm() throws Exception {
        JmhRun.Outcome outcome = run();
        List<String> lines = new ArrayList<>();
        List<Executable> checks = new ArrayList<>();
        for (String method : List.of("allocationFree", "oneObject", "byteArray")) {
            List<Double> worker = outcome.rawValues(method, WorkerBytesProfiler.NORM_METRIC);
            List<Double> allThreads = outcome.rawValues(method, GC_NORM);
            List<Double> bytes = outcome.rawValues(method, WorkerBytesProfiler.BYTES_METRIC);
            lines.add(String.format(Locale.ROOT, "  %-15s worker %s | gc.alloc.rate.norm %s B/op; worker bytes/iteration %s",
                    method, JmhRun.format(worker), JmhRun.format(allThreads), JmhRun.format(bytes)));
            checks.add(() -> {
                assertEquals(MEASURED_ITERATIONS, worker.size(), method + ": a value for every iteration, zero included");
                assertEquals(MEASURED_ITERATIONS, bytes.size(), method + ": worker bytes for every iteration");
                for (int i = 0; i < worker.size(); i++) {
                    // JMH leaves out iterations that allocated nothing: those read 0 B/op.
                    double all = i < allThreads.size() ? allThreads.get(i) : 0;
                    // Operations in the iteration, from the worker's bytes and bytes/op (infinite when it allocated nothing).
                    double operations = bytes.get(i) / worker.get(i);
                    assertEquals(all, worker.get(i), Math.max(FAST_TOLERANCE, OTHER_THREADS_BUDGET / operations),
                            method + " iteration " + (i + 1));
                    assertTrue(worker.get(i) <= all + FAST_TOLERANCE,
                            method + ": the worker threads are a subset of all threads, iteration " + (i + 1));
                }
            });
        }
        JmhRun.record(lines);
        assertAll(checks);
    }

    @Test
    void failsTheIterationWhenTheBenchmarkDoesNotRunOnJmhWorkerThreads() throws Exception {
        JmhRun.Outcome fjp = JmhRun.run(buildJava(), "worker-bytes-fjp", JmhRun.WORKER_BYTES_BENCHMARKS + "oneObject$",
                List.of("-wi", "0", "-i", "1", "-r", "100ms", "-prof", WorkerBytesProfiler.class.getName(),
                        "-jvmArgsAppend", "-Djmh.executor=FJP"));
        assertAll(
                () -> assertNotEquals(0, fjp.exitCode(), "JMH must fail (-foe true): " + fjp.tail()),
                () -> assertTrue(fjp.log().contains("ran on no platform thread named"), fjp.tail()),
                () -> assertTrue(fjp.rawValues("oneObject", WorkerBytesProfiler.NORM_METRIC).isEmpty(),
                        "no bytes/op may be reported without worker threads"));
    }

    private static double mean(List<Double> values) {
        assertTrue(!values.isEmpty(), "no values");
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static Path buildJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
