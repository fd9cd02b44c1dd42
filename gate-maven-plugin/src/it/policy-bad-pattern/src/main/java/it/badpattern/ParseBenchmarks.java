package it.badpattern;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

@State(Scope.Thread)
public class ParseBenchmarks {
    @Param({"10", "1000"})
    public int size;

    @Benchmark
    public int parse() {
        return Integer.parseInt("12345") + size;
    }
}
