package dev.allocgate.core.faults;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Test fixture for {@link RunFaultsTest}: a well-behaved benchmark that shares a run with a faulty one. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HealthyBenchmark {
    /** Returns a new 8-element array so the allocation cannot be eliminated. */
    @Benchmark
    public long[] newArray() {
        return new long[8];
    }
}
