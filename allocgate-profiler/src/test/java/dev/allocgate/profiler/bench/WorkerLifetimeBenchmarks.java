package dev.allocgate.profiler.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmarks that keep the garbage collector busy, so that a JMH worker thread of one in-process run takes long to
 * end, while the next run starts: a two-thread {@code @Group} and an operation that allocates about 2 MB.
 */
@State(Scope.Thread)
public class WorkerLifetimeBenchmarks {

    /** Length of the arrays {@link #churn} and {@link #bigOperation} allocate. */
    public static final int CHUNK = 64 * 1024;

    private volatile int sink;

    private int keep(byte[] chunk) {
        chunk[chunk.length - 1] = (byte) sink;
        return chunk[chunk.length - 1];
    }

    /** One thread of group {@code churn}: one 64 KB array per operation. */
    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] left() {
        byte[] chunk = new byte[CHUNK];
        keep(chunk);
        return chunk;
    }

    /** The other thread of group {@code churn}: the same. */
    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] right() {
        byte[] chunk = new byte[CHUNK];
        keep(chunk);
        return chunk;
    }

    /** About 2 MB allocated per operation, in 32 arrays. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int bigOperation() {
        int sum = 0;
        for (int i = 0; i < 32; i++) {
            sum += keep(new byte[CHUNK]);
        }
        return sum;
    }
}
