package dev.allocgate.core.stats;

import java.util.Arrays;
import java.util.Objects;

/** Holm's step-down correction of p-values for a family of comparisons. */
public final class Holm {

    private Holm() {
    }

    /**
     * Holm-adjusted p-values. With the {@code m} non-NaN p-values sorted ascending,
     * {@code p(1) <= ... <= p(m)}, the adjusted value of {@code p(i)} is
     * {@code max over j <= i of min(1, (m - j + 1) * p(j))}; rejecting where the adjusted value is
     * {@code <= alpha} controls the family-wise error rate at {@code alpha}.
     *
     * @param pValues p-values in [0, 1]; NaN entries are not part of the family and stay NaN
     * @return adjusted p-values in the input order: monotone in the raw values, never below them,
     *     capped at 1
     * @throws IllegalArgumentException if an entry is outside [0, 1] (and not NaN)
     */
    public static double[] adjust(double[] pValues) {
        Objects.requireNonNull(pValues, "pValues");
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        Integer[] family = new Integer[pValues.length];
        int m = 0;
        for (int i = 0; i < pValues.length; i++) {
            double p = pValues[i];
            if (Double.isNaN(p)) {
                continue;
            }
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("p-value at index " + i + " must be in [0, 1], got " + p);
            }
            family[m++] = i;
        }
        Integer[] ascending = Arrays.copyOf(family, m);
        Arrays.sort(ascending, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int index = ascending[rank];
            double scaled = Math.min(1, (m - rank) * pValues[index]);
            runningMax = Math.max(runningMax, scaled);
            adjusted[index] = runningMax;
        }
        return adjusted;
    }
}
