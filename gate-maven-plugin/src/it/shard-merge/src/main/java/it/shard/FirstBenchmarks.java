package it.shard;

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
public class FirstBenchmarks {
    long counter;

    @Benchmark
    public Object[] holder() {
        return new Object[] {null};
    }

    @Benchmark
    public long arithmetic() {
        return counter += 31;
    }

    @Benchmark
    public Object removedLater() {
        return new Object();
    }
}
