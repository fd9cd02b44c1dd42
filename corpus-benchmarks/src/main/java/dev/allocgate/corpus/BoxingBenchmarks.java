package dev.allocgate.corpus;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A few nanoseconds per operation: boxing a sequence number outside the Integer cache, as a map key would be. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class BoxingBenchmarks {

    private int next = 1 << 20;

    @Benchmark
    public Number boxedSequence() {
        Inject.object();
        return Inject.boxed(next++);
    }
}
