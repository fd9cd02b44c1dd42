package dev.allocgate.profiler.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A benchmark beside which a thread named like one of its JMH workers ends at a chosen iteration's end: for tests of
 * what {@code WorkerBytesProfiler} makes of a worker that ends during an iteration. Run in the test's JVM
 * ({@code forks(0)}); the test sets the static fields before the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WorkerEndBenchmarks {

    /** The name JMH gives the benchmark's first worker thread, with another number. */
    public static final String IMPOSTOR_NAME = WorkerEndBenchmarks.class.getName() + ".oneObject-jmh-worker-99";

    /** The impostor, started by the test before the run or by the worker in {@link #startInIteration}. */
    public static volatile Thread impostor;
    /** Iteration (from 1) whose set-up starts the impostor; 0 for none. */
    public static volatile int startInIteration;
    /** Iteration (from 1) whose tear-down ends the impostor, before the iteration ends. */
    public static volatile int endInIteration;

    private static final CountDownLatch[] RELEASE = {new CountDownLatch(1)};

    private int iteration;

    /** Starts a thread named like a worker of this benchmark that lives until {@link #endInIteration}. */
    public static Thread startImpostor() {
        CountDownLatch release = new CountDownLatch(1);
        RELEASE[0] = release;
        Thread thread = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, IMPOSTOR_NAME);
        thread.setDaemon(true);
        thread.start();
        impostor = thread;
        return thread;
    }

    /** Counts iterations; starts the impostor in {@link #startInIteration}. */
    @Setup(Level.Iteration)
    public void setUp() {
        iteration++;
        if (iteration == startInIteration) {
            startImpostor();
        }
    }

    /** Ends the impostor in {@link #endInIteration}: it is gone before the iteration's end. */
    @TearDown(Level.Iteration)
    public void tearDown() throws InterruptedException {
        Thread thread = impostor;
        if (iteration == endInIteration && thread != null) {
            RELEASE[0].countDown();
            thread.join();
        }
    }

    /** One 16-byte object per operation. */
    @Benchmark
    public Object oneObject() {
        return new Object();
    }
}
