package it.shard;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SecondBenchmarks {
    @Param({"1", "8"})
    int size;

    @Benchmark
    public List<Integer> list() {
        List<Integer> list = new ArrayList<>(size);
        list.add(1);
        return list;
    }

    @Benchmark
    public long[] array() {
        return new long[size];
    }
}
