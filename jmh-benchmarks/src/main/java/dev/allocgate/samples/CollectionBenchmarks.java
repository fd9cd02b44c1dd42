package dev.allocgate.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Collections that allocate their backing storage as they grow. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CollectionBenchmarks {

    private static final int ELEMENTS = 16;

    private final String[] keys = {"alpha", "beta", "gamma", "delta"};

    /**
     * Sixteen cached Integers (0..15) added to a default ArrayList: the list (24 bytes) and its
     * backing arrays of capacity 10, 15 and 22 (56 + 80 + 104 bytes). Expected: 264 B/op.
     */
    @Benchmark
    public List<Integer> arrayListGrow() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < ELEMENTS; i++) {
            list.add(i);
        }
        return list;
    }

    /**
     * Four entries put into a default HashMap with existing keys and cached Integer values: the map
     * (48 bytes), its 16-slot table (80 bytes) and four nodes (32 bytes each). Expected: 256 B/op.
     */
    @Benchmark
    public Map<String, Integer> hashMapPut() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
        }
        return map;
    }
}
