package dev.allocgate.core.run;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Test fixture for {@link SharedForksTest}: one method timed as an average and as a sampled distribution. */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwoModeBenchmark {
    /** Returns a new 8-element array so the allocation cannot be eliminated. */
    @Benchmark
    public long[] newArray() {
        return new long[8];
    }

    /** Message of {@link #fail}'s exception, asserted on by the test. */
    public static final String MESSAGE = "deliberate failure from TwoModeBenchmark";

    /** Always throws, as a broken benchmark would. */
    @Benchmark
    public void fail() {
        throw new IllegalStateException(MESSAGE);
    }
}
