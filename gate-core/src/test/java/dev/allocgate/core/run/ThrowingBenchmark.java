package dev.allocgate.core.run;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;

/** Test fixture for {@link JmhRunnerTest}: fails on its first invocation, as a broken benchmark would. */
@BenchmarkMode(Mode.AverageTime)
public class ThrowingBenchmark {
    /** Message of the exception, asserted on by the test. */
    public static final String MESSAGE = "deliberate failure from ThrowingBenchmark";

    /** Always throws. */
    @Benchmark
    public void fail() {
        throw new IllegalStateException(MESSAGE);
    }
}
