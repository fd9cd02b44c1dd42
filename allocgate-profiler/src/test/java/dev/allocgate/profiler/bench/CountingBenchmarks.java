package dev.allocgate.profiler.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmarks whose objects per operation are known from their source: each allocation is a visible
 * {@code new} whose result escapes into JMH's blackhole (or, for {@link #escapeAnalysed}, does not escape).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountingBenchmarks {

    /** Objects allocated per operation by {@link #loopOfObjects}. */
    public static final int LOOP_COUNT = 10;
    /** Length of the array {@link #byteArray} allocates. */
    public static final int ARRAY_LENGTH = 1024;

    private int left = 3;
    private int right = 4;

    /** A small value that never leaves {@link #escapeAnalysed}, so C2 scalar-replaces it. */
    private static final class Pair {
        final int first;
        final int second;

        Pair(int first, int second) {
            this.first = first;
            this.second = second;
        }
    }

    /** Arithmetic on fields only: allocates nothing. */
    @Benchmark
    public int allocationFree() {
        return left * 31 + right;
    }

    /** Allocates a {@link Pair} in the source, which escape analysis removes in compiled code. */
    @Benchmark
    public int escapeAnalysed() {
        Pair pair = new Pair(left, right);
        return pair.first + pair.second;
    }

    /** One object per operation. */
    @Benchmark
    public Object oneObject() {
        return new Object();
    }

    /** Two objects per operation. */
    @Benchmark
    public void twoObjects(Blackhole blackhole) {
        blackhole.consume(new Object());
        blackhole.consume(new Object());
    }

    /** One array (of {@value #ARRAY_LENGTH} bytes) per operation: an array counts as one object. */
    @Benchmark
    public byte[] byteArray() {
        return new byte[ARRAY_LENGTH];
    }

    /** Objects allocated per operation by {@link #manyObjects}. */
    public static final int MANY_COUNT = 4000;
    /** Where {@link #manyObjects} keeps its objects until the next operation. */
    private final Object[] kept = new Object[MANY_COUNT];

    /**
     * {@value #MANY_COUNT} objects that escape into an array: 600 to 1,300 operations per 100 ms round here, and
     * counting the objects slows the operation about 6 times, as a parser's many small objects are.
     */
    @Benchmark
    public Object[] manyObjects() {
        Object[] into = kept;
        for (int i = 0; i < MANY_COUNT; i++) {
            into[i] = new Object();
        }
        return into;
    }

    /** {@value #LOOP_COUNT} objects per operation. */
    @Benchmark
    public void loopOfObjects(Blackhole blackhole) {
        for (int i = 0; i < LOOP_COUNT; i++) {
            blackhole.consume(new Object());
        }
    }
}
