package it.lifecycle;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LifecycleBenchmarks {
    long counter;

    /** One 16-byte object per operation; the changed version allocates two. */
    @Benchmark
    public Object[] holder() {
        return new Object[] {null};
    }

    /** Allocates nothing. */
    @Benchmark
    public long arithmetic() {
        return counter += 31;
    }

    /** Removed in the changed version. */
    @Benchmark
    public Object removedLater() {
        return new Object();
    }
}
