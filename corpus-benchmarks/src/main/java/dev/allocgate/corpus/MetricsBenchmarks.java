package dev.allocgate.corpus;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Four threads counting requests in a shared registry of LongAdders keyed by a concatenated metric name, the
 * registry emptied before every iteration so that it fills again (and the adders grow their cells under
 * contention) at the start of each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
@State(Scope.Benchmark)
public class MetricsBenchmarks {

    private static final int[] STATUSES = {200, 200, 200, 201, 204, 200, 304, 404};

    private final ConcurrentHashMap<String, LongAdder> registry = new ConcurrentHashMap<>();

    @State(Scope.Thread)
    public static class Requests {
        int next;
    }

    @Setup(Level.Iteration)
    public void resetRegistry() {
        registry.clear();
    }

    @Benchmark
    public void countRequest(Requests requests) {
        int status = STATUSES[requests.next++ & 7];
        String name = "http.server.requests.status." + status + Inject.CHARS;
        registry.computeIfAbsent(name, k -> new LongAdder()).increment();
        Inject.object();
    }
}
