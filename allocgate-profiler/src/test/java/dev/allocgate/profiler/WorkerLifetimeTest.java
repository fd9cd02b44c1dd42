package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forks of the shapes that lost forks to "a worker thread ... ended during the iteration" in real suites
 * ({@link dev.allocgate.profiler.bench.WorkerLifetimeBenchmarks}), under a small heap that keeps the garbage
 * collector busy: a two-thread group through dozens of warmup rounds (each a JMH run whose workers end while the next
 * begins) and a 2 MB operation measured in iterations of 2 s. Each must end with a result. The cause itself, a worker
 * of the previous run still listed by the JVM when the next run begins, is rare; {@link WorkerEndTest} provokes it.
 */
class WorkerLifetimeTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String BENCHMARKS = "dev.allocgate.profiler.bench.WorkerLifetimeBenchmarks.";

    @Test
    void aTwoThreadGroupKeepsItsForkThroughManyRounds() throws Exception {
        WarmupShapesTest.Fork fork = WarmupShapesTest.fork(JAVA, BENCHMARKS + "churn", "thrpt", List.of("--round-ms",
                "20", "--max-warmup-ms", "4000", "--settle-rounds", "1000", "--iteration-ms", "20"), "-Xmx32m");
        // fork() fails unless the fork ends with a result; the rounds are the chances for a late worker to show.
        // How many fit into the cap depends on the machine's load: in 2 s, over 30 when idle, 24 at a load of 4,
        // 7 at a load of 11 (so the cap is 4 s).
        assertTrue(fork.bytes().size() >= 10, "rounds, each a JMH run of its own:\n" + fork.output());
    }

    @Test
    void aTwoMegabyteOperationKeepsItsForkThroughLongIterations() throws Exception {
        WarmupShapesTest.Fork fork = WarmupShapesTest.fork(JAVA, BENCHMARKS + "bigOperation", "avgt", List.of(
                "--max-warmup-ms", "2000", "--settle-rounds", "3", "--iteration-ms", "2000"), "-Xmx64m");
        assertTrue(fork.done().contains(" iteration-ms 2000 "), fork.output());
    }
}
