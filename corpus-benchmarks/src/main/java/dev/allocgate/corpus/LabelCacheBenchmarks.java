package dev.allocgate.corpus;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Two threads rendering item labels through a process-wide cache that fills during warmup and a per-thread
 * StringBuilder held in a ThreadLocal.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class LabelCacheBenchmarks {

    static final int ITEMS = 4096;
    private static final ConcurrentHashMap<Integer, String> LABELS = new ConcurrentHashMap<>();
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(64));

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public String describe(Cursor cursor) {
        int n = cursor.next++;
        String label = LABELS.computeIfAbsent(10_000 + (n & (ITEMS - 1)), id -> "item-" + id);
        StringBuilder b = BUFFER.get();
        b.setLength(0);
        b.append(label).append(" x").append(1 + (n & 7)).append(Inject.CHARS);
        Inject.object();
        return b.toString();
    }
}
