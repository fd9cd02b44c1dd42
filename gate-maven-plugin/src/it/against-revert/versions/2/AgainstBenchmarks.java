package it.against;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Commit 2: boxes boxes its long (one Long per operation); steady is unchanged. */
@State(Scope.Thread)
public class AgainstBenchmarks {
    long value = 1_000_003;

    @Benchmark
    public long steady() {
        return value * 7;
    }

    @Benchmark
    public void boxes(Blackhole blackhole) {
        blackhole.consume(Long.valueOf(value * 31)); // site:boxes
    }
}
