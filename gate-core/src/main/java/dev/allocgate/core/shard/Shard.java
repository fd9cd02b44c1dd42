package dev.allocgate.core.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One share of a suite run as {@code count} jobs ({@code -Dallocgate.shard=index/count}, 1-based), and the rule that
 * splits the suite.
 *
 * <p><b>The rule.</b> The benchmarks are laid on a line, each taking a stretch as long as its cost: the costliest
 * first by powers of two (all of cost in [2^k, 2^(k+1)) before any cheaper), and within one power of two in the order
 * of a fixed hash of the name (the first 8 bytes of the SHA-256 of its UTF-8 bytes, ties by name). The line, of
 * length {@code T} (the suite's total cost), is cut into {@code count} equal parts, and a benchmark goes to the part
 * that holds the middle of its stretch. Big benchmarks first keep the cuts among small ones, where they cost little
 * balance (as the longest-processing-time rule does); a benchmark's place depends on its own name and cost alone, which
 * is what keeps the split stable. So:
 * <ul>
 * <li><b>deterministic</b>: the same names and costs give the same split in every JVM (no {@code String.hashCode},
 *     no map order; the arithmetic is IEEE doubles in a fixed order);</li>
 * <li><b>balanced</b>: a share's cost differs from {@code T/count} by at most the largest single cost (the stretches
 *     whose middles lie in a part cover it but for half a stretch at either end);</li>
 * <li><b>stable</b>: adding a benchmark of cost {@code c} shifts, seen from each existing benchmark, each of the
 *     {@code count - 1} cuts by less than {@code c}, so only benchmarks whose middles lie within {@code c} of a cut
 *     move: at most {@code (count - 1) * (floor(c / cmin) + 1)} of them, {@code cmin} the smallest existing cost
 *     ({@code 2 (count - 1)} when all cost the same; removing one is the same in reverse, and a cost that changes
 *     its power of two is one removal and one addition). Within a power of two a benchmark's neighbours on the line
 *     are unrelated to its name's, so a new class does not crowd one share.</li>
 * </ul>
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
     * @param costs expected cost per name, each positive and finite (a missing name costs 1)
     */
    public SortedSet<String> select(Collection<String> suite, Map<String, Double> costs) {
        return split(suite, costs, count).get(index - 1);
    }

    /**
     * The whole split: share {@code k} at index {@code k - 1}.
     *
     * @throws IllegalArgumentException when a cost is not a positive finite number
     */
    public static List<SortedSet<String>> split(Collection<String> suite, Map<String, Double> costs, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of shards must be at least 1, not " + count);
        }
        Map<String, Long> positions = new HashMap<>();
        Map<String, Double> costOf = new HashMap<>();
        for (String name : new TreeSet<>(suite)) {
            double c = costs.getOrDefault(name, 1.0);
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("the shard cost of " + name + " must be a positive number, not " + c);
            }
            positions.put(name, position(name));
            costOf.put(name, c);
        }
        List<String> line = new ArrayList<>(positions.keySet());
        line.sort(Comparator.comparingInt((String n) -> -Math.getExponent(costOf.get(n)))
                .thenComparing(positions::get, Long::compareUnsigned)
                .thenComparing(Comparator.naturalOrder()));
        double[] cost = new double[line.size()];
        double total = 0;
        for (int i = 0; i < cost.length; i++) {
            cost[i] = costOf.get(line.get(i));
            total += cost[i];
        }
        List<SortedSet<String>> shares = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shares.add(new TreeSet<>());
        }
        double before = 0;
        for (int i = 0; i < cost.length; i++) {
            double middle = before + cost[i] / 2;
            int share = (int) Math.min(count - 1, Math.floor(middle * count / total));
            shares.get(share).add(line.get(i));
            before += cost[i];
        }
        return shares;
    }

    /** A name's place on the line: the first 8 bytes of its SHA-256, unsigned. */
    static long position(String name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        long position = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            position = (position << 8) | (digest[i] & 0xFF);
        }
        return position;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
