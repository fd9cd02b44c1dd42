package dev.allocgate.profiler.bench;

import java.util.Random;
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
 * Benchmarks whose allocation per operation changes from iteration to iteration however long they run: at random
 * between 32 and 256 bytes of array ({@link #variesByRound}, as a benchmark whose allocation depends on the
 * scheduling of its threads), or 16 bytes less in each iteration for its first 120 (60 of {@code ForkMain}'s
 * rounds, about 8 s; {@link #shrinksByRound}, as a cache that fills slowly). Each warmup round of
 * {@code ForkMain} is a JMH run of its own, so the iteration counts are kept per JVM, in static fields.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundVariationBenchmarks {

    /** The array length of each iteration of {@link #variesByRound}: random, from a fixed seed. */
    @State(Scope.Thread)
    public static class RandomLength {
        private static final Random LENGTHS = new Random(42);
        int length;

        @Setup(Level.Iteration)
        public void next() {
            length = 16 + 16 * LENGTHS.nextInt(14);
        }
    }

    /** The array length of each iteration of {@link #shrinksByRound}: 16 less than the one before, down to 16. */
    @State(Scope.Thread)
    public static class ShrinkingLength {
        private static int iterations;
        int length;

        @Setup(Level.Iteration)
        public void next() {
            length = Math.max(16, 16 * 121 - 16 * iterations++);
        }
    }

    @Benchmark
    public byte[] variesByRound(RandomLength state) {
        return new byte[state.length];
    }

    @Benchmark
    public byte[] shrinksByRound(ShrinkingLength state) {
        return new byte[state.length];
    }
}
