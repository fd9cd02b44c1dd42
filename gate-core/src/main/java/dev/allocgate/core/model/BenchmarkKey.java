package dev.allocgate.core.model;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Identity of one measured benchmark: full JMH name, mode and its {@code @Param} values.
 * Results and baselines are matched by this key, never by position.
 */
public record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params == null ? Map.of() : params));
    }

    public static BenchmarkKey of(String benchmark, String mode, Map<String, String> params) {
        return new BenchmarkKey(benchmark, mode, params == null ? null : new TreeMap<>(params));
    }

    /** The benchmark class: the name up to the last dot (JMH names are {@code class.method}). */
    public String benchmarkClass() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }

    /** The method name: the part after the last dot. */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /** {@code name=value,name=value} in sorted order, or an empty string without params. */
    public String paramsLabel() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder label = new StringBuilder(32);
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!label.isEmpty()) {
                label.append(',');
            }
            label.append(p.getKey()).append('=').append(p.getValue());
        }
        return label.toString();
    }

    @Override
    public int compareTo(BenchmarkKey other) {
        int c = benchmark.compareTo(other.benchmark);
        if (c != 0) {
            return c;
        }
        c = mode.compareTo(other.mode);
        if (c != 0) {
            return c;
        }
        Iterator<Map.Entry<String, String>> a = params.entrySet().iterator();
        Iterator<Map.Entry<String, String>> b = other.params.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            Map.Entry<String, String> x = a.next();
            Map.Entry<String, String> y = b.next();
            c = x.getKey().compareTo(y.getKey());
            if (c == 0) {
                c = x.getValue().compareTo(y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }

    @Override
    public String toString() {
        String p = paramsLabel();
        return benchmark + " [" + mode + (p.isEmpty() ? "" : ", " + p) + "]";
    }
}
