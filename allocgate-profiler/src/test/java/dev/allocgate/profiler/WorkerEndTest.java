package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.profiler.bench.WorkerEndBenchmarks;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A worker thread that ends during an iteration: one of an earlier JMH run in the same JVM (allocgate's forks run
 * the benchmark once per warmup round) is left out, one of the run itself fails the iteration. Real JMH, in this JVM.
 */
class WorkerEndTest {

    private static RunResult run() throws RunnerException {
        return new Runner(new OptionsBuilder().include("^" + WorkerEndBenchmarks.class.getName() + "\\.oneObject$")
                .mode(Mode.AverageTime).forks(0).warmupIterations(0).measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(50)).addProfiler(WorkerBytesProfiler.class)
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).runSingle();
    }

    @AfterEach
    void endImpostor() throws InterruptedException {
        WorkerEndBenchmarks.startInIteration = 0;
        WorkerEndBenchmarks.endInIteration = 0;
        Thread impostor = WorkerEndBenchmarks.impostor;
        if (impostor != null) {
            impostor.interrupt();
            impostor.join();
        }
        WorkerEndBenchmarks.impostor = null;
    }

    @Test
    void aWorkerOfAnEarlierRunThatEndsDuringTheFirstIterationIsLeftOut() throws Exception {
        Thread impostor = WorkerEndBenchmarks.startImpostor(); // alive when the run begins, as a late worker of an earlier run
        WorkerEndBenchmarks.endInIteration = 1;
        RunResult result = run();
        assertFalse(impostor.isAlive(), "the thread ended during the first iteration");
        assertEquals(16.0, result.getSecondaryResults().get(WorkerBytesProfiler.NORM_METRIC).getScore(), 0.5);
    }

    @Test
    void aWorkerOfTheRunThatEndsDuringAnIterationStillFailsIt() {
        WorkerEndBenchmarks.startInIteration = 1; // started during the run: one of its own, as far as names tell
        WorkerEndBenchmarks.endInIteration = 2;
        RunnerException failed = assertThrows(RunnerException.class, WorkerEndTest::run);
        StringWriter trace = new StringWriter();
        failed.printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("ended during the iteration, so what it allocated is unknown"),
                trace.toString());
    }
}
