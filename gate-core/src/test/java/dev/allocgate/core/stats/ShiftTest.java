package dev.allocgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.model.Sample;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShiftTest {

    @Test
    void estimateIsTheMedianOfAllPairwiseDifferences() {
        Random random = new Random(21);
        for (int trial = 0; trial < 200; trial++) {
            double[] baseline = MannWhitneyTest.discrete(random, 1 + random.nextInt(9), 1 + random.nextInt(6), 0);
            double[] current = MannWhitneyTest.continuous(random, 1 + random.nextInt(9), 80);
            Shift shift = Shift.hodgesLehmann(Sample.of(baseline), Sample.of(current), 0.95);
            assertEquals(bruteForceMedianOfDifferences(baseline, current), shift.estimate(), 1e-9);
            assertTrue(shift.lo() <= shift.estimate() && shift.estimate() <= shift.hi(), shift.toString());
        }
    }

    @Test
    void intervalEndsAreTheOrderStatisticsChosenFromTheExactUDistribution() {
        Random random = new Random(22);
        for (int n1 = 1; n1 <= 7; n1++) {
            for (int n2 = 1; n2 <= 7; n2++) {
                double[] cdf = PermutationOracle.uCdf(n1, n2);
                for (double confidence : new double[] {0.8, 0.9, 0.95, 0.99}) {
                    double[] baseline = MannWhitneyTest.continuous(random, n1, 0);
                    double[] current = MannWhitneyTest.continuous(random, n2, 30);
                    double[] d = sortedDifferences(baseline, current);
                    int m = d.length;
                    // oracle: the largest k whose interval [d(k), d(m+1-k)] covers with >= confidence
                    int k = 1;
                    while (k + 1 <= (m + 1) / 2 && 1 - 2 * cdf[k] >= confidence) {
                        k++;
                    }
                    double achieved = 1 - 2 * cdf[k - 1];
                    Shift shift = Shift.hodgesLehmann(Sample.of(baseline), Sample.of(current), confidence);
                    String label = "n1=" + n1 + " n2=" + n2 + " confidence=" + confidence;
                    assertEquals(d[k - 1], shift.lo(), 0, label);
                    assertEquals(d[m - k], shift.hi(), 0, label);
                    assertEquals(Math.max(0, achieved), shift.confidence(), 1e-12, label);
                    if (achieved >= confidence) {
                        assertTrue(shift.confidence() >= confidence, label);
                    }
                }
            }
        }
    }

    @Test
    void sizesTooSmallGiveTheFullRangeAndTheAchievedConfidence() {
        Shift shift = Shift.hodgesLehmann(Sample.of(10, 12), Sample.of(15, 19), 0.95);
        assertEquals(3, shift.lo());
        assertEquals(9, shift.hi());
        assertEquals(1 - 2.0 / PermutationOracle.splits(2, 2), shift.confidence(), 1e-15);
        assertTrue(shift.confidence() < 0.95);
    }

    @Test
    void constantShiftBetweenSameShapedSamplesIsEstimatedExactly() {
        Random random = new Random(23);
        for (int n = 2; n <= 12; n++) {
            double[] baseline = MannWhitneyTest.discrete(random, n, 5, 0);
            for (double d : new double[] {-16, 0, 24, 4096}) {
                double[] current = Arrays.stream(baseline).map(v -> v + d + 512).toArray();
                double[] base = Arrays.stream(baseline).map(v -> v + 512).toArray();
                Shift shift = Shift.hodgesLehmann(Sample.of(base), Sample.of(current), 0.9);
                assertEquals(d, shift.estimate(), 0, "n=" + n + " d=" + d);
                assertTrue(shift.lo() <= d && d <= shift.hi(), shift.toString());
            }
        }
    }

    @Test
    void intervalCoversTheTrueShiftAtLeastAsOftenAsPromised() {
        Random random = new Random(24);
        double trueShift = 3;
        int covered = 0;
        int runs = 2000;
        double promised = 1;
        for (int run = 0; run < runs; run++) {
            double[] baseline = gaussian(random, 7, 100);
            double[] current = gaussian(random, 6, 100 + trueShift);
            Shift shift = Shift.hodgesLehmann(Sample.of(baseline), Sample.of(current), 0.9);
            promised = shift.confidence();
            if (shift.lo() <= trueShift && trueShift <= shift.hi()) {
                covered++;
            }
        }
        // binomial standard error at 2000 runs is about 0.007: allow 3 of them
        assertTrue(promised >= 0.9);
        assertTrue((double) covered / runs >= promised - 0.021, covered + " of " + runs + " vs " + promised);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        Random random = new Random(25);
        double[] baseline = gaussian(random, 40, 1000);
        double[] current = gaussian(random, 35, 1010);
        Shift shift = Shift.hodgesLehmann(Sample.of(baseline), Sample.of(current), 0.95);
        assertEquals(bruteForceMedianOfDifferences(baseline, current), shift.estimate(), 1e-9);
        assertTrue(shift.lo() < shift.estimate() && shift.estimate() < shift.hi(), shift.toString());
        assertTrue(shift.confidence() >= 0.95 && shift.confidence() < 0.96, shift.toString());
        double[] d = sortedDifferences(baseline, current);
        assertTrue(shift.lo() > d[0] && shift.hi() < d[d.length - 1], "interval is narrower than the range");
    }

    @Test
    void rejectsConfidenceOutsideTheOpenUnitInterval() {
        Sample s = Sample.of(1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> Shift.hodgesLehmann(s, s, 0));
        assertThrows(IllegalArgumentException.class, () -> Shift.hodgesLehmann(s, s, 1));
        assertThrows(IllegalArgumentException.class, () -> Shift.hodgesLehmann(s, s, Double.NaN));
    }

    private static double bruteForceMedianOfDifferences(double[] baseline, double[] current) {
        double[] d = sortedDifferences(baseline, current);
        int m = d.length;
        return m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    }

    private static double[] sortedDifferences(double[] baseline, double[] current) {
        double[] d = new double[baseline.length * current.length];
        int i = 0;
        for (double b : baseline) {
            for (double c : current) {
                d[i++] = c - b;
            }
        }
        Arrays.sort(d);
        return d;
    }

    /** Non-negative normal values (Sample rejects negatives; the means used keep them far from 0). */
    private static double[] gaussian(Random random, int n, double mean) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.max(0, mean + 5 * random.nextGaussian());
        }
        return values;
    }
}
