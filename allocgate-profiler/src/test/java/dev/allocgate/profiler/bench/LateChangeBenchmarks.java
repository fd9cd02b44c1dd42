package dev.allocgate.profiler.bench;

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
 * Benchmarks whose allocation changes after the warmup has settled, in one iteration of a measurement, as it does when
 * the JIT recompiles a benchmark late: 80 B per operation (a {@code byte[64]}), 144 B (a {@code byte[128]}) in the
 * second measured iteration of the first measurement only ({@link #changesInFirstMeasurement}) or of every one
 * ({@link #changesInEveryMeasurement}). A JMH run of {@code ForkMain}'s warmup has two iterations (set-up and round),
 * a measurement run with {@code --iterations 2} three, so the third iteration of a run is a measured one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LateChangeBenchmarks {

    /** Counts a JVM's measurement runs; {@link #larger} is set in the third iteration of the first {@code limit}. */
    abstract static class Phase {
        private static int measurementRuns;
        private final int limit;
        private int iteration;
        boolean larger;

        Phase(int limit) {
            this.limit = limit;
        }

        @Setup(Level.Trial)
        public void trial() {
            iteration = 0;
        }

        @Setup(Level.Iteration)
        public void iteration() {
            iteration++;
            if (iteration == 3) {
                measurementRuns++;
            }
            larger = iteration == 3 && measurementRuns <= limit;
        }
    }

    /** Larger in the first measurement only. */
    @State(Scope.Thread)
    public static class FirstOnly extends Phase {
        public FirstOnly() {
            super(1);
        }
    }

    /** Larger in every measurement. */
    @State(Scope.Thread)
    public static class Always extends Phase {
        public Always() {
            super(Integer.MAX_VALUE);
        }
    }

    @Benchmark
    public byte[] changesInFirstMeasurement(FirstOnly phase) {
        return new byte[phase.larger ? 128 : 64];
    }

    @Benchmark
    public byte[] changesInEveryMeasurement(Always phase) {
        return new byte[phase.larger ? 128 : 64];
    }
}
