package it.crash;

import org.openjdk.jmh.annotations.Benchmark;

public class CrashBenchmarks {
    @Benchmark
    public Object fine() {
        return new Object();
    }

    /** Fails in its fork; JMH drops it from the results and may still exit 0. */
    @Benchmark
    public Object crashes() {
        throw new IllegalStateException("benchmark exploded on purpose");
    }
}
