package dev.allocgate.samples;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Plain {@code new} allocations whose size follows directly from the object layout. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BasicAllocationBenchmarks {

    private int a = 17;
    private int b = 25;

    /**
     * Arithmetic on state fields, returning a primitive. Expected: 0 B/op (measured 1e-5 to 1e-4:
     * JMH's own per-iteration allocation spread over the operations).
     */
    @Benchmark
    public int allocationFree() {
        return a * 31 + b;
    }

    /** One {@code new Object()} returned: a 12-byte header padded to 16. Expected: 16 B/op. */
    @Benchmark
    public Object newObject() {
        return new Object();
    }

    /** Two {@code new Object()} sunk into the blackhole. Expected: 32 B/op. */
    @Benchmark
    public void twoObjects(Blackhole blackhole) {
        blackhole.consume(new Object());
        blackhole.consume(new Object());
    }

    /** A {@code byte[1024]}: 16-byte array header plus 1024 bytes. Expected: 1040 B/op. */
    @Benchmark
    public byte[] byteArray1k() {
        return new byte[1024];
    }
}
