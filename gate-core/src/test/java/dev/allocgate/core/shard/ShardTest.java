package dev.allocgate.core.shard;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split's promises, for random suites (names, costs from a few levels to a thousandfold spread) and numbers of
 * shards: a partition, the same in any input order, balanced within the largest single cost, and stable within the
 * bound {@link Shard} derives.
 */
class ShardTest {

    /** A suite: unique names, each with a positive cost. */
    record Suite(Map<String, Double> costs) {
        double total() {
            return costs.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double max() {
            return costs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        double min() {
            return costs.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
    }

    private static final long SEED = 20261204L;

    @Provide
    Arbitrary<Suite> suites() {
        Arbitrary<String> names = Combinators.combine(Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12))
                .as((pkg, method) -> "p." + pkg + ".Bench." + method);
        Arbitrary<Double> costs = Arbitraries.oneOf(
                Arbitraries.of(1.0, 2.0, 5.0, 16.0), // forks, as without recorded costs
                Arbitraries.doubles().between(0.05, 50.0)); // seconds, as recorded
        return Arbitraries.maps(names, costs).ofMinSize(0).ofMaxSize(120).map(m -> new Suite(new TreeMap<>(m)));
    }

    private static double cost(Suite suite, SortedSet<String> share) {
        return share.stream().mapToDouble(suite.costs()::get).sum();
    }

    @Property(tries = 400, seed = "" + SEED)
    void everyBenchmarkIsInExactlyOneShare(@ForAll("suites") Suite suite, @ForAll @IntRange(min = 1, max = 12) int count) {
        List<SortedSet<String>> split = Shard.split(suite.costs().keySet(), suite.costs(), count);
        assertEquals(count, split.size());
        List<String> all = new ArrayList<>();
        split.forEach(all::addAll);
        Collections.sort(all);
        assertEquals(new ArrayList<>(suite.costs().keySet()), all, "each name once, none added");
    }

    @Property(tries = 200, seed = "" + SEED)
    void everyJobComputesTheSameSplitWhateverTheOrderOfItsInput(@ForAll("suites") Suite suite,
                                                              @ForAll @IntRange(min = 1, max = 12) int count,
                                                              @ForAll long shuffleSeed) {
        List<String> shuffled = new ArrayList<>(suite.costs().keySet());
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        Map<String, Double> costs = new LinkedHashMap<>();
        shuffled.forEach(n -> costs.put(n, suite.costs().get(n)));
        shuffled.addAll(shuffled.subList(0, shuffled.size() / 3)); // duplicates count once
        List<SortedSet<String>> split = Shard.split(suite.costs().keySet(), suite.costs(), count);
        assertEquals(split, Shard.split(shuffled, new HashMap<>(costs), count));
        for (int i = 1; i <= count; i++) {
            assertEquals(split.get(i - 1), new Shard(i, count).select(shuffled, costs));
        }
    }

    /** Each share's cost is within the largest single cost of the average (up to rounding in the sums). */
    @Property(tries = 400, seed = "" + SEED)
    void eachShareCostsTheAverageWithinTheLargestSingleCost(@ForAll("suites") Suite suite,
                                                           @ForAll @IntRange(min = 1, max = 12) int count) {
        List<SortedSet<String>> split = Shard.split(suite.costs().keySet(), suite.costs(), count);
        double average = suite.total() / count;
        double slack = suite.max() + 1e-9 * suite.total();
        for (SortedSet<String> share : split) {
            double cost = cost(suite, share);
            assertTrue(Math.abs(cost - average) <= slack, "share cost " + cost + ", average " + average
                    + ", largest single cost " + suite.max());
        }
    }

    /**
     * Adding a benchmark of cost c moves at most (count - 1) * (floor(c / cmin) + 1) of the others (cmin: their smallest
     * cost): each cut moves by less than c relative to the existing benchmarks, whose middles lie at least cmin apart.
     * Removing it again is the same change backwards.
     */
    @Property(tries = 600, seed = "" + SEED)
    void addingOrRemovingABenchmarkMovesOnlyAFewOthers(@ForAll("suites") Suite suite,
                                                       @ForAll @IntRange(min = 1, max = 12) int count,
                                                       @ForAll("suites") Suite added) {
        Map<String, Double> bigger = new TreeMap<>(suite.costs());
        String name = added.costs().keySet().stream().filter(n -> !suite.costs().containsKey(n)).findFirst().orElse(null);
        Assume.that(name != null && !suite.costs().isEmpty());
        double c = added.costs().get(name);
        bigger.put(name, c);
        Map<String, Integer> before = shareOf(Shard.split(suite.costs().keySet(), suite.costs(), count));
        Map<String, Integer> after = shareOf(Shard.split(bigger.keySet(), bigger, count));
        long moved = before.keySet().stream().filter(n -> !before.get(n).equals(after.get(n))).count();
        long bound = (count - 1) * ((long) Math.floor(c / suite.min()) + 1);
        assertTrue(moved <= bound, moved + " of " + before.size() + " moved on adding one of cost " + c + " (bound " + bound + ")");
    }

    /**
     * A benchmark whose cost changes (a new record) is at worst one removal and one addition, as its place on the line
     * depends on its own cost: at most (count - 1) * (floor(old / cmin) + floor(new / cmin) + 2) others move.
     */
    @Property(tries = 400, seed = "" + SEED)
    void aChangedCostMovesOnlyAFewOthers(@ForAll("suites") Suite suite, @ForAll @IntRange(min = 1, max = 12) int count,
                                         @ForAll @IntRange(min = 0, max = 1000) int which,
                                         @ForAll @DoubleRange(min = 0.05, max = 50) double now) {
        Assume.that(suite.costs().size() >= 2);
        String name = new ArrayList<>(suite.costs().keySet()).get(which % suite.costs().size());
        Map<String, Double> changed = new TreeMap<>(suite.costs());
        changed.put(name, now);
        Map<String, Double> others = new TreeMap<>(suite.costs());
        double old = others.remove(name);
        double cmin = new Suite(others).min();
        Map<String, Integer> before = shareOf(Shard.split(suite.costs().keySet(), suite.costs(), count));
        Map<String, Integer> after = shareOf(Shard.split(changed.keySet(), changed, count));
        long moved = others.keySet().stream().filter(n -> !before.get(n).equals(after.get(n))).count();
        long bound = (count - 1) * ((long) Math.floor(old / cmin) + (long) Math.floor(now / cmin) + 2);
        assertTrue(moved <= bound, moved + " moved when a cost went from " + old + " to " + now + " (bound " + bound + ")");
    }

    /** With equal costs the bound is 2 (count - 1) whatever the suite's size. */
    @Property(tries = 300, seed = "" + SEED)
    void withEqualCostsAtMostTwoPerCutMove(@ForAll @IntRange(min = 1, max = 400) int size,
                                           @ForAll @IntRange(min = 1, max = 12) int count,
                                           @ForAll @IntRange(min = 0, max = 400) int at) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("p.C" + (i % 7) + ".b" + i);
        }
        List<String> fewer = new ArrayList<>(names);
        fewer.remove(at % size);
        Map<String, Integer> before = shareOf(Shard.split(fewer, Map.of(), count));
        Map<String, Integer> after = shareOf(Shard.split(names, Map.of(), count));
        long moved = before.keySet().stream().filter(n -> !before.get(n).equals(after.get(n))).count();
        assertTrue(moved <= 2L * (count - 1), moved + " moved");
    }

    private static Map<String, Integer> shareOf(List<SortedSet<String>> split) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < split.size(); i++) {
            for (String n : split.get(i)) {
                out.put(n, i);
            }
        }
        return out;
    }

    @Test
    void parsesIOfNAndSaysWhatIsWrong() {
        assertEquals(new Shard(2, 3), Shard.parse(" 2/3 "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("4/3")).getMessage()
                .contains("1 <= i <= n, not 4/3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/3")).getMessage().contains("0/3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("2")).getMessage()
                .contains("allocgate.shard must be i/n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("a/b")).getMessage().contains("'a/b'"));
    }

    @Test
    void theLineIsFixedBySha256NotByTheJvm() {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de ... (FIPS 180-2's example): the same place in every JVM.
        assertEquals(0xba7816bf8f01cfeaL, Shard.position("abc"));
    }

    @Test
    void aCostThatIsNotAPositiveNumberIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.split(List.of("a.B.x"), Map.of("a.B.x", 0.0), 2))
                .getMessage().contains("a.B.x"));
        assertThrows(IllegalArgumentException.class, () -> Shard.split(List.of("a.B.x"), Map.of("a.B.x", Double.NaN), 2));
    }

    @Test
    void moreSharesThanBenchmarksLeavesSomeEmpty() {
        List<SortedSet<String>> split = Shard.split(List.of("a.B.x", "a.B.y"), Map.of(), 3);
        assertEquals(3, split.size());
        assertEquals(2, split.stream().mapToInt(SortedSet::size).sum());
        assertEquals(1, split.stream().filter(SortedSet::isEmpty).count());
    }
}
