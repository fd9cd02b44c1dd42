package dev.allocgate.core.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {

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
    void theSharesPartitionTheSuiteWhateverTheOrderOfTheNames() {
        List<String> suite = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            suite.add("p.C" + (i % 7) + ".b" + i);
        }
        Map<String, Double> costs = new HashMap<>();
        suite.forEach(n -> costs.put(n, (double) (n.hashCode() & 15) + 1));
        List<SortedSet<String>> split = Shard.split(suite, costs, 4);
        List<String> reversed = new ArrayList<>(suite);
        java.util.Collections.reverse(reversed);
        assertEquals(split, Shard.split(reversed, costs, 4), "every job computes the same split");
        SortedSet<String> union = new TreeSet<>();
        int total = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(split.get(i), new Shard(i + 1, 4).select(suite, costs));
            total += split.get(i).size();
            union.addAll(split.get(i));
        }
        assertEquals(new TreeSet<>(suite), union);
        assertEquals(suite.size(), total, "no benchmark in two shares");
    }

    @Test
    void costlyBenchmarksAreSpreadSoTheSharesTakeAboutAsLong() {
        Map<String, Double> costs = new HashMap<>();
        List<String> suite = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "p.C.b" + i;
            suite.add(name);
            costs.put(name, i < 4 ? 16.0 : 1.0); // four varying benchmarks of 16 forks, 36 constant ones
        }
        List<SortedSet<String>> split = Shard.split(suite, costs, 2);
        double[] load = new double[2];
        for (int i = 0; i < 2; i++) {
            for (String n : split.get(i)) {
                load[i] += costs.get(n);
            }
        }
        assertEquals(50.0, load[0]);
        assertEquals(50.0, load[1]);
    }

    @Test
    void moreSharesThanBenchmarksLeavesSomeEmpty() {
        List<SortedSet<String>> split = Shard.split(List.of("a.B.x", "a.B.y"), Map.of(), 3);
        assertEquals(1, split.get(0).size());
        assertEquals(1, split.get(1).size());
        assertTrue(split.get(2).isEmpty());
    }
}
