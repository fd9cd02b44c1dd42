package dev.allocgate.corpus;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
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
 * Serialising a 1 MiB snapshot into a reused ByteArrayOutputStream and copying it out with toByteArray: one
 * 1 MiB array per operation. SampleTime, for the latency distribution of a large copy.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SnapshotBenchmarks {

    static final int BLOCK = 4096;
    static final int BLOCKS = 256;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BLOCK * BLOCKS + 64);
    private byte[] block;

    /** New block contents every iteration (this allocation is set-up, not the operation's). */
    @Setup(Level.Iteration)
    public void nextBlock() {
        block = new byte[BLOCK];
        new SplittableRandom().nextBytes(block);
    }

    @Benchmark
    public byte[] snapshot() {
        buffer.reset();
        for (int i = 0; i < BLOCKS; i++) {
            buffer.write(block, 0, BLOCK);
        }
        buffer.write(block, 0, Inject.BYTES);
        Inject.object();
        return buffer.toByteArray();
    }
}
