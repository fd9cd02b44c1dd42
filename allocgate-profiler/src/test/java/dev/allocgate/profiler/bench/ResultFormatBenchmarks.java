package dev.allocgate.profiler.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A benchmark with {@code @Param}s, one of them with characters JSON must escape, for the fork result format. */
@State(Scope.Thread)
public class ResultFormatBenchmarks {

    @Param({"1", "3"})
    public int size;

    @Param({"plain", "a \"quoted\", [bracketed] value; with \\ and {braces}"})
    public String label;

    /** An array of {@code size} ints per operation. */
    @Benchmark
    public int[] array() {
        return new int[size];
    }
}
