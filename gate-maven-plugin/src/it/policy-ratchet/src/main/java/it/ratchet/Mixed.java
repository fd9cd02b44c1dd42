package it.ratchet;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Mixed {
    /** Allocates 16-byte object. */
    @Benchmark
    public Object warmup() {
        return new Object();
    }

    /** Allocates six longs (64 bytes). */
    @Benchmark
    public Object hot() {
        return new long[6];
    }

    /** Allocates one 16-byte object in both versions. */
    @Benchmark
    public Object same() {
        return new Object();
    }
}
