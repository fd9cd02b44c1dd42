package it.corrupt;

import org.openjdk.jmh.annotations.Benchmark;

public class CorruptBenchmarks {
    @Benchmark
    public Object oneObject() {
        return new Object();
    }
}
