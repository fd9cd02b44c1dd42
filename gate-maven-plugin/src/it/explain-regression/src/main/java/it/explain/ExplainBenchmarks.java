package it.explain;

import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** The original code: none of these allocates once compiled. */
@State(Scope.Thread)
public class ExplainBenchmarks {
    static final IntSupplier CONSTANT = () -> 42;

    long value = 1_000_003;
    int[] data = new int[16];
    int counter = 7;

    @Benchmark
    public long boxLong() {
        return value * 31;
    }

    @Benchmark
    public int copyArray() {
        return data[3];
    }

    @Benchmark
    public void captureLambda(Blackhole blackhole) {
        blackhole.consume(CONSTANT);
    }

    @Benchmark
    public int escapes() {
        Point p = new Point(counter, counter + 1);
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
