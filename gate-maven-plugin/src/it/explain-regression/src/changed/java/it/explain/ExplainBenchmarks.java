package it.explain;

import java.util.Arrays;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** The changed code: each benchmark allocates one object more per operation (the lines marked "site:"). */
@State(Scope.Thread)
public class ExplainBenchmarks {
    static final IntSupplier CONSTANT = () -> 42;

    long value = 1_000_003;
    int[] data = new int[16];
    int counter = 7;
    Point last;

    @Benchmark
    public Object boxLong() {
        return value * 31; // site:boxLong
    }

    @Benchmark
    public int[] copyArray() {
        return Arrays.copyOf(data, data.length); // site:copyArray
    }

    @Benchmark
    public void captureLambda(Blackhole blackhole) {
        int n = counter;
        blackhole.consume((IntSupplier) () -> n); // site:captureLambda
    }

    @Benchmark
    public int escapes() {
        Point p = new Point(counter, counter + 1); // site:escapes
        last = p;
        return p.x + p.y;
    }

    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }
}
