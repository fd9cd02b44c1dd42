package dev.allocgate.profiler.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * An asymmetric {@code @Group} as real suites write one: a producer hands an event to two consumers through a
 * one-slot mailbox, each side spinning until it succeeds or the measurement stops (JMH's {@link Control}). Every
 * producer operation allocates one {@value #EVENT_BYTES}-byte {@code long[2]}, in the measurement and in JMH's
 * warm-up and warm-down phases alike; the consumers allocate nothing. JMH divides the group's allocation by all
 * operations of all threads, and in the warm-down the consumers return at once, as often as scheduling lets them.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GroupBenchmarks {

    /** Bytes of the producer's event (a {@code long[2]}: 16-byte header, 16 bytes of data). */
    public static final int EVENT_BYTES = 32;

    private final AtomicReference<long[]> slot = new AtomicReference<>();
    private long sequence;

    /** The producer: one event per operation. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void produce(Control control) {
        long[] event = {sequence++, 1};
        while (!slot.compareAndSet(null, event) && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
    }

    /** A consumer: takes the event, allocates nothing. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(2)
    public long[] consume(Control control) {
        long[] event;
        while ((event = slot.getAndSet(null)) == null && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return event;
    }
}
