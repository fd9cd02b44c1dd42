package dev.allocgate.profiler.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One benchmark per kind of allocation that allocgate's reports name in a developer's terms (gate-core's
 * {@code AllocationSite}): a captured lambda and the allocation inside a lambda's body, boxing, a varargs call,
 * string concatenation, an iterator, and arrays. Their profiles, written by the agent on JDK 17 and JDK 25, are
 * gate-core's test fixtures ({@code src/test/resources/profiles/}); regenerate them with {@code ForkMain} and
 * {@code AllocationSiteProfiler} as {@code AllocationSiteProfilerTest} starts them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NamingBenchmarks {

    private final List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
    private long counter = 1_000_000;
    private int length = 24;
    private String name = "allocgate";

    @Benchmark
    public IntSupplier lambda() {
        int captured = length;
        return () -> captured + 1;
    }

    @Benchmark
    public void lambdaBody(Blackhole blackhole) {
        list.forEach(i -> blackhole.consume(new int[] {i}));
    }

    @Benchmark
    public Long boxing() {
        return counter++;
    }

    @Benchmark
    public String varargs() {
        return String.format("%s-%d", name, length);
    }

    @Benchmark
    public String concatenation() {
        return name + length;
    }

    @Benchmark
    public Iterator<Integer> iterator() {
        return list.iterator();
    }

    @Benchmark
    public byte[] bytes() {
        return new byte[length];
    }

    @Benchmark
    public String[] strings() {
        return new String[] {name};
    }
}
