package dev.allocgate.core.shard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One share of a suite run as {@code count} jobs ({@code -Dallocgate.shard=index/count}, 1-based), and the rule that
 * splits the suite: deterministic (every job computes the same split from the same benchmark names and costs) and
 * balanced by cost (the longest-processing-time rule: the costliest benchmark first, each to the share with the
 * least cost so far, ties to the lower share, then by name).
 *
 * @param index 1 .. count
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("allocgate.shard must be i/n with 1 <= i <= n, not " + index + "/" + count);
        }
    }

    /** Parses {@code "2/3"}; the message names the property and the form. */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("allocgate.shard must be i/n (for example 2/3: the second of three shards),"
                    + " not '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("allocgate.shard must be i/n with whole numbers (for example 2/3), not '"
                    + text + "'");
        }
    }

    /**
     * The benchmark names of this share of {@code suite}.
     *
     * @param suite every benchmark name of the suite (duplicates count once)
     * @param costs expected cost per name (a missing name costs 1)
     */
    public SortedSet<String> select(Collection<String> suite, Map<String, Double> costs) {
        return split(suite, costs, count).get(index - 1);
    }

    /** The whole split: share {@code k} at index {@code k - 1}. */
    public static List<SortedSet<String>> split(Collection<String> suite, Map<String, Double> costs, int count) {
        List<String> names = new ArrayList<>(new TreeSet<>(suite));
        names.sort(Comparator.comparingDouble((String n) -> -costs.getOrDefault(n, 1.0)).thenComparing(n -> n));
        List<SortedSet<String>> shares = new ArrayList<>(count);
        double[] load = new double[count];
        for (int i = 0; i < count; i++) {
            shares.add(new TreeSet<>());
        }
        for (String name : names) {
            int least = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            shares.get(least).add(name);
            load[least] += costs.getOrDefault(name, 1.0);
        }
        return shares;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
