import dev.allocgate.core.shard.Shard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balance and stability of allocgate's shard split against the longest-processing-time split it replaced (issue 15),
 * on the corpus's check costs (a CSV of benchmark,seconds) and on seeded synthetic suites. Prints Markdown rows.
 * "moved" is how many other benchmarks change share when one benchmark is added to the suite without it.
 */
public final class ShardSplitComparison {

    interface Split {
        List<SortedSet<String>> of(Collection<String> suite, Map<String, Double> costs, int count);
    }

    /** The rule before: the costliest benchmark first, each to the share with the least cost so far. */
    static List<SortedSet<String>> longestFirst(Collection<String> suite, Map<String, Double> costs, int count) {
        List<String> names = new ArrayList<>(new TreeSet<>(suite));
        names.sort(Comparator.comparingDouble((String n) -> -costs.get(n)).thenComparing(n -> n));
        List<SortedSet<String>> shares = new ArrayList<>();
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
            load[least] += costs.get(name);
        }
        return shares;
    }

    /** Slowest share / average, and the others moved by adding each of {@code added} back. */
    record Outcome(double slowest, double meanMoved, int maxMoved) {
    }

    static Outcome outcome(Split split, Map<String, Double> costs, int count, List<String> added) {
        double total = costs.values().stream().mapToDouble(Double::doubleValue).sum();
        List<SortedSet<String>> whole = split.of(costs.keySet(), costs, count);
        double slowest = whole.stream().mapToDouble(s -> s.stream().mapToDouble(costs::get).sum()).max().orElse(0);
        Map<String, Integer> after = shareOf(whole);
        int sum = 0;
        int max = 0;
        for (String x : added) {
            Map<String, Double> without = new TreeMap<>(costs);
            without.remove(x);
            Map<String, Integer> before = shareOf(split.of(without.keySet(), without, count));
            int moved = (int) before.keySet().stream().filter(n -> !before.get(n).equals(after.get(n))).count();
            sum += moved;
            max = Math.max(max, moved);
        }
        return new Outcome(slowest / (total / count), (double) sum / added.size(), max);
    }

    static Map<String, Integer> shareOf(List<SortedSet<String>> split) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < split.size(); i++) {
            for (String n : split.get(i)) {
                out.put(n, i);
            }
        }
        return out;
    }

    static void row(String suite, int count, Map<String, Double> costs, List<String> added) {
        Outcome before = outcome(ShardSplitComparison::longestFirst, costs, count, added);
        Outcome now = outcome(Shard::split, costs, count, added);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.2f (max %d) | %.2f (max %d) |%n", suite, count,
                before.slowest(), now.slowest(), before.meanMoved(), before.maxMoved(), now.meanMoved(), now.maxMoved());
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| suite | shards | slowest/average, before | now | moved, before | now |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        Map<String, Double> corpus = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split(",");
            corpus.put(f[0], Double.parseDouble(f[1]));
        }
        for (int count : new int[] {2, 3, 4}) {
            row("corpus (" + corpus.size() + ")", count, corpus, new ArrayList<>(corpus.keySet()));
        }
        // Synthetic: 80 % of benchmarks 1 fork, the rest 5-16; a fork's seconds log-normal around 2 s. 20 suites each.
        Random random = new Random(42);
        for (int size : new int[] {30, 300}) {
            for (int count : new int[] {2, 4, 8}) {
                List<Outcome> before = new ArrayList<>();
                List<Outcome> now = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    Map<String, Double> costs = new TreeMap<>();
                    for (int i = 0; i < size; i++) {
                        double forks = random.nextDouble() < 0.8 ? 1 : 5 + random.nextInt(12);
                        costs.put("p.C" + random.nextInt(size / 5 + 1) + ".b" + i, forks * Math.exp(0.7 + 0.8 * random.nextGaussian()));
                    }
                    List<String> names = new ArrayList<>(costs.keySet());
                    List<String> added = new ArrayList<>();
                    for (int k = 0; k < 10; k++) {
                        added.add(names.get(random.nextInt(names.size())));
                    }
                    before.add(outcome(ShardSplitComparison::longestFirst, costs, count, added));
                    now.add(outcome(Shard::split, costs, count, added));
                }
                System.out.printf(Locale.ROOT, "| synthetic (%d), mean of 20 | %d | %.3f | %.3f | %.2f (max %d) | %.2f (max %d) |%n",
                        size, count, mean(before, Outcome::slowest), mean(now, Outcome::slowest),
                        mean(before, Outcome::meanMoved), before.stream().mapToInt(Outcome::maxMoved).max().orElse(0),
                        mean(now, Outcome::meanMoved), now.stream().mapToInt(Outcome::maxMoved).max().orElse(0));
            }
        }
    }

    static double mean(List<Outcome> outcomes, java.util.function.ToDoubleFunction<Outcome> f) {
        return outcomes.stream().mapToDouble(f).average().orElse(0);
    }
}
