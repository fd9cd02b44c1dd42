package dev.allocgate.samples;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Allocations the source does not spell with {@code new}: boxing, capturing lambdas, varargs. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HiddenAllocationBenchmarks {

    /** Outside the Integer cache (-128..127), so {@code Integer.valueOf} allocates. */
    private int uncachedValue = 1000;

    /** Autoboxing an int outside the Integer cache: one Integer (12 + 4 bytes). Expected: 16 B/op. */
    @Benchmark
    public Integer boxedInteger() {
        Integer boxed = uncachedValue;
        return boxed;
    }

    /** A lambda capturing one local int: one instance of the lambda class (12 + 4 bytes). Expected: 16 B/op. */
    @Benchmark
    public void capturingLambda(Blackhole blackhole) {
        int captured = uncachedValue + 1;
        IntSupplier supplier = () -> captured * 2;
        blackhole.consume(supplier);
    }

    /**
     * A varargs call with three ints passed to a method that is not inlined, so escape analysis
     * cannot remove the {@code int[3]} (16 + 12 bytes, padded). Expected: 32 B/op.
     */
    @Benchmark
    public int varargs() {
        return sum(uncachedValue, 2, 3);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int sum(int... values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }
}
