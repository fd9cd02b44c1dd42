package dev.allocgate.profiler.bench;

import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmarks of the shapes real suites have and allocgate's adaptive warmup must recognise as compiled: an
 * asymmetric {@code @Group}, several {@code @Threads}, a throughput benchmark whose operation takes tens of
 * microseconds, an operation so long that only on-stack replacement compiles it, {@code Level.Invocation} set-up and
 * single-shot mode. Each allocates a steady amount per operation once compiled.
 */
public class WarmupShapeBenchmarks {

    /** Lines {@link #longText} writes per operation (about 4 KB of text). */
    public static final int TEXT_LINES = 160;
    /** Loop trips of {@link #osrOnly} per operation (about 2 ms on a 2-core x86-64 machine). */
    public static final int OSR_TRIPS = 200_000;

    /** State shared by the producer and the consumer of {@link #put}/{@link #get}. */
    @State(Scope.Group)
    public static class Channel {
        final AtomicLong sequence = new AtomicLong();
    }

    /** State of one thread. */
    @State(Scope.Thread)
    public static class Local {
        long counter;
    }

    /** State of one thread that JMH sets up anew before every operation. */
    @State(Scope.Thread)
    public static class Refilled {
        long counter;
        int[] buffer;

        /** Runs before every operation of {@link #invocationSetup}: one 80-byte array. */
        @Setup(Level.Invocation)
        public void refill() {
            buffer = new int[16];
            buffer[0] = (int) counter++;
        }
    }

    /**
     * The producer of group {@code channel}: one 24-byte array per operation (as the consumer, so that bytes/op does
     * not depend on how the two threads' operation counts share out).
     */
    @Benchmark
    @Group("channel")
    @BenchmarkMode(Mode.Throughput)
    public long[] put(Channel channel) {
        return new long[] {channel.sequence.incrementAndGet()};
    }

    /** The consumer of group {@code channel}: one 24-byte array per operation. */
    @Benchmark
    @Group("channel")
    @BenchmarkMode(Mode.Throughput)
    public int[] get(Channel channel) {
        long value = channel.sequence.get();
        return new int[] {(int) value, (int) (value >>> 32)};
    }

    /** Two threads, each writing about 1 KB of text per operation (a few microseconds). */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String twoThreads(Local local) {
        return text(local, TEXT_LINES / 4);
    }

    /** Throughput of an operation of tens of microseconds: about 4 KB of text written per operation. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String longText(Local local) {
        return text(local, TEXT_LINES);
    }

    private static String text(Local local, int lines) {
        StringWriter out = new StringWriter(64);
        for (int i = 0; i < lines; i++) {
            out.write("line ");
            out.write(Integer.toString(i));
            out.write(" of a report, digit ");
            out.write(Long.toString(local.counter % 10)); // one digit: the same allocation in every operation
            out.write('\n');
        }
        local.counter++;
        return out.toString();
    }

    /**
     * An operation of about 2 ms: its method is entered a few dozen times per round, so C2 compiles it only by
     * on-stack replacement of its loop, whose boxing escape analysis removes once compiled.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long osrOnly(Local local) {
        long sum = 0;
        for (int i = 0; i < OSR_TRIPS; i++) {
            Long boxed = Long.valueOf(local.counter + i * 1_000_003L); // not cached: eliminated by C2 only
            sum += boxed.hashCode();
        }
        local.counter++;
        return sum;
    }

    /**
     * Xorshift steps of {@link #slowArray} per operation (about 1 ms on a 2-core x86-64 machine; each step depends on
     * the last, which no compiler folds, unlike a linear congruential loop that C2 of JDK 25 runs 20 times faster).
     */
    public static final int SLOW_STEPS = 1_000_000;
    /** What {@link #slowArray} allocates per operation: one {@code long[126]}, 16 + 126 x 8 bytes. */
    public static final int SLOW_ARRAY_BYTES = 1024;

    /**
     * An operation of about a millisecond that allocates exactly {@value #SLOW_ARRAY_BYTES} bytes: a measured iteration
     * holds a few thousand operations, a warmup round about a hundred.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long[] slowArray(Local local) {
        long x = ++local.counter;
        for (int i = 0; i < SLOW_STEPS; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        long[] out = new long[126];
        out[0] = x;
        return out;
    }

    /**
     * An operation of about 20 ms whose time goes into a method it calls ({@link #xorshift}), allocating one
     * {@code long[126]} itself: C2 compiles the callee within a round or two, while the benchmark method, called 5 times
     * a round, would reach C1's 200 calls only after about 40 rounds, beyond a 5 s cap.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long[] coldMember(Local local) {
        long[] out = new long[126];
        out[0] = xorshift(++local.counter, 20 * SLOW_STEPS);
        return out;
    }

    static long xorshift(long seed, int steps) {
        long x = seed;
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** {@code Level.Invocation} set-up (an array per operation, allocated by JMH's loop) and a small operation. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int invocationSetup(Refilled local) {
        return local.buffer[0] + local.buffer.length;
    }

    /** Single-shot: one operation per iteration. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public String singleShot(Local local) {
        return longText(local);
    }

    /** Two modes on one method: JMH lists it once per mode, and a fork runs one of them. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int[] twoModes() {
        return new int[4];
    }
}
