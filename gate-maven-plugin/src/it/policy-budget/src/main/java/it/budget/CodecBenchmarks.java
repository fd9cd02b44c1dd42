package it.budget;

import dev.allocgate.annotations.AllocationBudget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmarks {
    long counter;

    /** Meant to be allocation-free, but someone added a boxed value: over its budget of 0. */
    @Benchmark
    @AllocationBudget(bytesPerOp = 0)
    public Object encode() {
        return new long[] {counter++};
    }

    /** Allocation-free and budgeted so: holds, whatever noise the measurement shows. */
    @Benchmark
    @AllocationBudget(bytesPerOp = 0, objectsPerOp = 0)
    public long checksum() {
        return counter += 31;
    }
}
