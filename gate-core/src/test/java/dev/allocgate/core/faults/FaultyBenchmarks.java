package dev.allocgate.core.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Test fixtures for {@link RunFaultsTest}: benchmarks whose fork misbehaves in one way each. Run only with a
 * filter naming them; every one of them fails on purpose.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FaultyBenchmarks {
    /** Exit code of {@link #exits()}, asserted on by the test. */
    public static final int EXIT_CODE = 3;
    /** Message of {@link #throwsException()}'s exception. */
    public static final String MESSAGE = "deliberate failure from FaultyBenchmarks";

    /** Ends the forked JVM from inside the benchmark. */
    @Benchmark
    public void exits() {
        System.exit(EXIT_CODE);
    }

    /** Always throws. */
    @Benchmark
    public void throwsException() {
        throw new IllegalArgumentException(MESSAGE);
    }

    /** Allocates 1 MiB arrays and keeps them until the heap is exhausted. */
    @Benchmark
    public int runsOutOfMemory() {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[128 * 1024]);
        }
    }

    /** Sleeps forever; ends only when interrupted (JMH interrupts a benchmark that exceeds its iteration timeout). */
    @Benchmark
    public void sleepsForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Hangs forever and ignores interrupts, as a benchmark stuck in a busy loop would. */
    @Benchmark
    public void spinsForever() {
        while (true) {
            Thread.onSpinWait();
            if (Thread.interrupted()) {
                // swallowed: this benchmark does not cooperate
            }
        }
    }
}
