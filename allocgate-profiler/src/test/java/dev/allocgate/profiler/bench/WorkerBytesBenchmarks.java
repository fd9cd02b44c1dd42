package dev.allocgate.profiler.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmarks for worker-thread bytes/op: fast ones, where JMH's per-iteration allocation is negligible, and a
 * slow one that allocates the same single object as {@link #oneObject} after about 100 µs of CPU work, where
 * JMH's per-iteration allocation is not negligible when divided by its few operations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkerBytesBenchmarks {

    /** CPU work of {@link #slowObject}, in {@link Blackhole#consumeCPU} tokens (about 100 µs on a 2-core x86-64 machine). */
    public static final long SLOW_TOKENS = 1L << 15;
    /** Length of the array {@link #byteArray} allocates. */
    public static final int ARRAY_LENGTH = 1024;

    private int left = 3;
    private int right = 4;

    /** Arithmetic on fields only: allocates nothing. */
    @Benchmark
    public int allocationFree() {
        return left * 31 + right;
    }

    /** One object per operation. */
    @Benchmark
    public Object oneObject() {
        return new Object();
    }

    /** One array of {@value #ARRAY_LENGTH} bytes per operation. */
    @Benchmark
    public byte[] byteArray() {
        return new byte[ARRAY_LENGTH];
    }

    /** The same single object as {@link #oneObject}, after {@value #SLOW_TOKENS} tokens of CPU work. */
    @Benchmark
    public Object slowObject() {
        Blackhole.consumeCPU(SLOW_TOKENS);
        return new Object();
    }
}
