package dev.allocgate.core.faults;

import static dev.allocgate.core.faults.FaultFixtures.HEALTHY_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.DaemonThreads;
import dev.allocgate.core.run.JmhRunner;
import dev.allocgate.core.run.RunOutcome;
import dev.allocgate.core.run.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real JMH runs at once on one host, as with {@code mvn -T 2} or two CI jobs: each has its own work directory,
 * hence its own {@code java.io.tmpdir} and JMH lock file, so neither fails with "Another JMH instance might be
 * running".
 */
class ConcurrentChecksTest {

    @Test
    void twoRunsWithDifferentWorkDirectoriesOverlapAndBothSucceed(@TempDir Path temp) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch bothMeasuring = new CountDownLatch(2);
        Timed first = new Timed();
        Timed second = new Timed();
        CompletableFuture<RunOutcome> a = CompletableFuture.supplyAsync(() -> run(temp.resolve("a"), first, start, bothMeasuring),
                DaemonThreads.named("run-a"));
        CompletableFuture<RunOutcome> b = CompletableFuture.supplyAsync(() -> run(temp.resolve("b"), second, start, bothMeasuring),
                DaemonThreads.named("run-b")); // threads of their own: the common pool may have one worker
        start.countDown();
        List<RunOutcome> outcomes = List.of(a.join(), b.join());

        assertTrue(first.firstMeasurement.get() < second.complete.get()
                        && second.firstMeasurement.get() < first.complete.get(),
                "the two runs measured at the same time: " + first + " / " + second);
        for (int i = 0; i < 2; i++) {
            Path work = temp.resolve(i == 0 ? "a" : "b");
            RunOutcome outcome = outcomes.get(i);
            assertEquals(List.of(), outcome.failures());
            List<Measurement> measured = new JmhResultReader().read(outcome.resultFile());
            assertEquals(List.of(FaultFixtures.HEALTHY), measured.stream().map(m -> m.key().benchmark()).toList());
            assertTrue(Files.isRegularFile(work.resolve("tmp/jmh.lock")), "each run locked its own " + work);
        }
    }

    /**
     * Runs HealthyBenchmark with three 300 ms iterations in {@code work}, noting when it measured. At its first
     * measured iteration it waits (by not reading the fork's output, which stalls the fork) until the other run
     * measures too, so the two overlap however differently a loaded machine starts them.
     */
    private static RunOutcome run(Path work, Timed timed, CountDownLatch start, CountDownLatch bothMeasuring) {
        RunSettings settings = new RunSettings(FaultFixtures.javaExecutable(), FaultFixtures.testClassPath(),
                List.of(HEALTHY_ONLY), List.of(), 1, 1, Duration.ofMillis(50), 3, Duration.ofMillis(300), List.of(),
                Optional.empty(), work, Duration.ofSeconds(60));
        JmhRunner runner = new JmhRunner(line -> {
            if (line.startsWith("Iteration ")) {
                if (timed.firstMeasurement.compareAndSet(Long.MAX_VALUE, System.nanoTime())) {
                    bothMeasuring.countDown();
                    try {
                        bothMeasuring.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            } else if (line.startsWith("# Run complete")) {
                timed.complete.set(System.nanoTime());
            }
        }, line -> { });
        try {
            start.await();
            return runner.run(settings, work.resolve("result.json"));
        } catch (Exception e) {
            throw new AssertionError("run in " + work + " failed: " + e.getMessage(), e);
        }
    }

    /** When a run printed its first measured iteration and when it completed ({@link System#nanoTime}). */
    private static final class Timed {
        final AtomicLong firstMeasurement = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong complete = new AtomicLong(Long.MIN_VALUE);

        @Override
        public String toString() {
            return "measured from " + firstMeasurement + " to " + complete;
        }
    }
}
