package it.testsources;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Thread)
public class ArrayBenchmarks {
    @Param({"8", "64"})
    int size;

    /** 16 + size bytes, rounded up to 8. */
    @Benchmark
    public byte[] bytes() {
        return new byte[size];
    }
}
