package dev.allocgate.core.run;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A benchmark method that JMH's listing ({@code -lp}) selected, with the values of each {@code @Param}.
 *
 * @param benchmark full JMH name, {@code package.Class.method}
 * @param params    each parameter's values in declaration order, keyed by parameter name; empty without
 *                  {@code @Param}
 */
public record ListedBenchmark(String benchmark, SortedMap<String, List<String>> params) {

    public ListedBenchmark {
        Objects.requireNonNull(benchmark, "benchmark");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : Objects.requireNonNull(params, "params").entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException(benchmark + ": parameter '" + e.getKey() + "' has no values");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        params = Collections.unmodifiableSortedMap(copy);
    }

    /** Runs per benchmark mode: the product of the parameters' value counts (1 without parameters). */
    public int runCount() {
        int count = 1;
        for (List<String> values : params.values()) {
            count = Math.multiplyExact(count, values.size());
        }
        return count;
    }
}
