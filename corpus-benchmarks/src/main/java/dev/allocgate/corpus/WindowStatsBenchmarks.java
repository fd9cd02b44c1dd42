package dev.allocgate.corpus;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Summary statistics of a small sliding window of latencies, returned as a record, as metrics libraries do: C2
 * inlines {@link Stats#of} and escape analysis removes the record, so only the window's snapshot is allocated.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WindowStatsBenchmarks {

    static final int WINDOW = 4;

    record Stats(double min, double max, double mean, double stddev) {

        static Stats of(double[] values, int count) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                double v = values[i];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                squares += v * v;
            }
            double mean = sum / count;
            double variance = Math.max(0, squares / count - mean * mean);
            return new Stats(min, max, mean, Math.sqrt(variance));
        }
    }

    private final double[] window = new double[WINDOW];
    private int next;

    @Benchmark
    public double spread(Blackhole blackhole) {
        int n = next++;
        window[n & (WINDOW - 1)] = 1 + (n & 255) * 0.25;
        double[] snapshot = Arrays.copyOf(window, WINDOW + Inject.LONGS);
        blackhole.consume(snapshot);
        Stats stats = Stats.of(snapshot, WINDOW);
        Inject.object();
        return stats.max() - stats.min();
    }
}
