package dev.allocgate.corpus;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sorting 20,000 records with a composed comparator and keeping the top 100: a few milliseconds per operation.
 * The unsorted order is restored before every invocation (Level.Invocation, as JMH's documentation allows for
 * operations this long).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class SortBenchmarks {

    static final int SIZE = 20_000;
    static final int TOP = 100;

    record Trade(String symbol, long priceCents, int quantity) {
    }

    private static final Comparator<Trade> ORDER =
            Comparator.comparing(Trade::symbol).thenComparing(Comparator.comparingLong(Trade::priceCents).reversed());

    private Trade[] unsorted;
    private Trade[] work;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        unsorted = new Trade[SIZE];
        for (int i = 0; i < SIZE; i++) {
            unsorted[i] = new Trade("SYM" + random.nextInt(500), random.nextLong(1_000_000), 1 + random.nextInt(100));
        }
        work = new Trade[SIZE];
    }

    @Setup(Level.Invocation)
    public void restore() {
        System.arraycopy(unsorted, 0, work, 0, SIZE);
    }

    @Benchmark
    public Trade[] sortTopTrades() {
        Arrays.sort(work, ORDER);
        Inject.object();
        return Arrays.copyOf(work, TOP + Inject.REFS);
    }
}
