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

    /** Now allocates one more small object per operation: must fail the gate. */
    @Benchmark
    public Object[] holder() {
        return new Object[] {new Object()};
    }

    /** Unchanged: allocates nothing. */
    @Benchmark
    public long arithmetic() {
        return counter += 31;
    }

    /** New benchmark: reported NEW. */
    @Benchmark
    public Object addedNow() {
        return new Object();
    }
}
