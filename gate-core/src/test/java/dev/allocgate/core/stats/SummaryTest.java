package dev.allocgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.model.Sample;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void intervalIsTheWidestOrderStatisticPairReachingTheConfidence() {
        Random random = new Random(31);
        for (int n = 1; n <= 40; n++) {
            for (double confidence : new double[] {0.5, 0.9, 0.95, 0.99}) {
                double[] values = MannWhitneyTest.continuous(random, n, 200);
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                // oracle: coverage of [x(k), x(n+1-k)] is 1 - 2 P(Bin(n, 1/2) <= k-1), in exact integers
                BigInteger all = BigInteger.TWO.pow(n);
                int k = 1;
                while (k + 1 <= (n + 1) / 2 && coverage(n, k + 1, all) >= confidence) {
                    k++;
                }
                Summary summary = Summary.of(Sample.of(values), confidence);
                String label = "n=" + n + " confidence=" + confidence;
                assertEquals(Sample.of(values).median(), summary.center(), 0, label);
                assertEquals(sorted[k - 1], summary.lo(), 0, label);
                assertEquals(sorted[n - k], summary.hi(), 0, label);
                assertTrue(summary.lo() <= summary.center() && summary.center() <= summary.hi(), label);
            }
        }
    }

    @Test
    void smallSamplesFallBackToMinAndMax() {
        // n = 5: even [min, max] only covers 1 - 2/32 = 0.9375 < 0.95
        Summary summary = Summary.of(Sample.of(40, 48, 44, 56, 41), 0.95);
        assertEquals(new Summary(44, 40, 56), summary);
        assertEquals(new Summary(7, 7, 7), Summary.of(Sample.of(7), 0.95));
    }

    @Test
    void largeSamplesDoNotUnderflow() {
        double[] values = MannWhitneyTest.continuous(new Random(32), 3000, 0);
        Summary summary = Summary.of(Sample.of(values), 0.95);
        Sample sample = Sample.of(values);
        assertTrue(summary.lo() > sample.min() && summary.hi() < sample.max(), summary.toString());
        assertTrue(summary.lo() < summary.center() && summary.center() < summary.hi(), summary.toString());
    }

    @Test
    void rejectsConfidenceOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(Sample.of(1, 2), 1.5));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(Sample.of(1, 2), -0.1));
    }

    private static double coverage(int n, int k, BigInteger all) {
        BigInteger below = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE; // C(n, i)
        for (int i = 0; i <= k - 1; i++) {
            below = below.add(choose);
            choose = choose.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return 1 - 2 * below.doubleValue() / all.doubleValue();
    }
}
