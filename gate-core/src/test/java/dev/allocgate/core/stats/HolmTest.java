package dev.allocgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HolmTest {

    @Test
    void handWorkedExample() {
        // sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> max 0.06)
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
    }

    @Test
    void capsAtOne() {
        assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.5, 0.6}), 0);
    }

    @Test
    void nanEntriesAreOutsideTheFamilyAndStayNan() {
        double[] adjusted = Holm.adjust(new double[] {Double.NaN, 0.01, Double.NaN, 0.04});
        assertTrue(Double.isNaN(adjusted[0]) && Double.isNaN(adjusted[2]));
        assertEquals(0.02, adjusted[1], 1e-15); // family of two, not four
        assertEquals(0.04, adjusted[3], 1e-15);
        assertEquals(0, Holm.adjust(new double[0]).length);
    }

    @Test
    void randomFamiliesAreMonotoneBoundedAndMatchTheDefinition() {
        Random random = new Random(41);
        for (int trial = 0; trial < 500; trial++) {
            int size = random.nextInt(12);
            double[] p = new double[size];
            for (int i = 0; i < size; i++) {
                int kind = random.nextInt(10);
                p[i] = kind == 0 ? Double.NaN : kind == 1 ? 0.05 : Math.pow(random.nextDouble(), 3);
            }
            double[] adjusted = Holm.adjust(p);
            int family = 0;
            for (double v : p) {
                family += Double.isNaN(v) ? 0 : 1;
            }
            for (int i = 0; i < size; i++) {
                if (Double.isNaN(p[i])) {
                    assertTrue(Double.isNaN(adjusted[i]));
                    continue;
                }
                assertTrue(adjusted[i] >= p[i] && adjusted[i] <= 1);
                assertEquals(definition(p, i, family), adjusted[i], 1e-15);
                for (int j = 0; j < size; j++) {
                    if (!Double.isNaN(p[j]) && p[i] <= p[j]) {
                        assertTrue(adjusted[i] <= adjusted[j], "monotone");
                    }
                }
            }
        }
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.1, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {-0.1}));
    }

    /**
     * Holm from its definition: with j running over the family in ascending order (ties in any
     * order), adjusted(i) = max over every member q at or below p[i] of min(1, (m - rank(q)) * q),
     * where rank(q) is the number of members strictly below q (the most favourable rank of a tie
     * gives the largest factor, which is what the step-down maximum picks).
     */
    private static double definition(double[] p, int i, int m) {
        double best = 0;
        for (double q : p) {
            if (Double.isNaN(q) || q > p[i]) {
                continue;
            }
            int below = 0;
            for (double r : p) {
                if (!Double.isNaN(r) && r < q) {
                    below++;
                }
            }
            best = Math.max(best, Math.min(1, (m - below) * q));
        }
        return best;
    }
}
