package dev.allocgate.corpus;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SIMULATED two-level allocation, labelled as such: each JVM picks one of two paths at class initialisation from
 * a random seed, the way escape analysis succeeds in some forks and not in others. Path A allocates an int[4]
 * (32 B, 1 object); path B also boxes a Long (24 B more, 2 objects). About half of the forks take each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class TwoLevelBenchmarks {

    /** Seeded from the JVM's own entropy: differs from fork to fork, fixed within one. */
    static final boolean BOXING_PATH = new SplittableRandom().nextBoolean();

    private long total = 1L << 40;

    @Benchmark
    public void simulatedTwoLevel(Blackhole blackhole) {
        int[] counts = new int[4 + Inject.INTS];
        counts[0] = (int) total++;
        blackhole.consume(counts);
        if (BOXING_PATH) {
            blackhole.consume(Long.valueOf(total));
        }
        Inject.object();
    }
}
