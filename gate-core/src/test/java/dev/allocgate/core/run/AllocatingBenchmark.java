package dev.allocgate.core.run;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Test fixture for {@link JmhRunnerTest}: allocates a fresh array on every operation. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllocatingBenchmark {
    /** Returns a new 16-element array so the allocation cannot be eliminated. */
    @Benchmark
    public long[] newArray() {
        return new long[16];
    }
}
