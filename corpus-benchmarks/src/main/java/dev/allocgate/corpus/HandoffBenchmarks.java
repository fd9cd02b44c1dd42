package dev.allocgate.corpus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * One producer hands events to two consumers through a bounded queue; each side spins until its offer or poll
 * succeeds or the measurement stops (JMH's Control, as in its own samples). Each event allocates an Event and
 * an int[4] (56 B), that is 28 B per measured operation. But JMH divides allocation by all operations of the
 * iteration, including its synchronisation phases, and in the warm-down, where stopMeasurement is already set,
 * the consumers return at once, millions of times; so the per-operation figure depends on how long the
 * warm-down lasted and varies from fork to fork (measured: 0.01 to 50 B/op).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class HandoffBenchmarks {

    record Event(long sequence, int[] payload) {
    }

    @Param({"16", "1024"})
    public int capacity;

    private ArrayBlockingQueue<Event> queue;

    @Setup
    public void setUp() {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    @State(Scope.Thread)
    public static class Sequence {
        long next;
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void produce(Sequence sequence, Control control) {
        // bytes8 adds 4 ints (16 B) per event: 8 B per operation of the group
        Event event = new Event(sequence.next++, new int[4 + 2 * Inject.INTS]);
        while (!queue.offer(event) && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        Inject.object();
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(2)
    public Event consume(Control control) {
        Event event;
        while ((event = queue.poll()) == null && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        Inject.object();
        return event;
    }
}
