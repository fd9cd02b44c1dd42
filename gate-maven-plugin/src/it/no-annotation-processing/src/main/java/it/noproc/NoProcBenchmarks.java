package it.noproc;

import org.openjdk.jmh.annotations.Benchmark;

public class NoProcBenchmarks {
    @Benchmark
    public Object oneObject() {
        return new Object();
    }
}
