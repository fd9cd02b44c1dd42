package dev.allocgate.samples;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Allocation that scales with a {@code @Param}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ParamBenchmarks {

    @Param({"16", "256"})
    private int size;

    /**
     * An {@code int[size]}: 16-byte array header plus 4 bytes per element.
     * Expected: 80 B/op with size=16, 1040 B/op with size=256.
     */
    @Benchmark
    public int[] intArray() {
        return new int[size];
    }
}
