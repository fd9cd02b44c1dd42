package dev.allocgate.core.run;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Test fixture for {@link JmhRunnerTest}: one benchmark method, two {@code @Param} values. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParamBenchmark {
    /** Length of the string built per operation. */
    @Param({"1", "8"})
    public int length;

    /** Builds a string of {@link #length} characters. */
    @Benchmark
    public String build() {
        return "x".repeat(length);
    }
}
