package dev.allocgate.samples;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** String building. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class StringBenchmarks {

    private int id = 4711;
    private String name = "allocgate";

    /**
     * A StringBuilder chain producing a 23-character Latin-1 string. C2 fuses the chain
     * (OptimizeStringConcat), so only the result remains: the String (24 bytes) and its
     * {@code byte[23]} (16 + 23 bytes, padded to 40). Expected: 64 B/op.
     */
    @Benchmark
    public String stringBuilder() {
        return new StringBuilder().append("id=").append(id).append(", name=").append(name).toString();
    }
}
