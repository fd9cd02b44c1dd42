package dev.allocgate.core.stats;

/**
 * Brute-force reference for the tests: enumerates every way to split the pooled values into a
 * baseline and a current group of the observed sizes (all C(n1+n2, n2) of them, equally likely
 * under H0) and counts the splits whose mid-rank sum for current is at least / at most the
 * observed one.
 */
final class PermutationOracle {

    private PermutationOracle() {
    }

    /** Exact P(W_current >= observed). */
    static double pGreater(double[] baseline, double[] current) {
        return tail(baseline, current, true);
    }

    /** Exact P(W_current <= observed). */
    static double pLess(double[] baseline, double[] current) {
        return tail(baseline, current, false);
    }

    private static double tail(double[] baseline, double[] current, boolean upper) {
        int n = baseline.length + current.length;
        if (n > 24) {
            throw new IllegalArgumentException("oracle enumerates 2^n masks; keep n <= 24");
        }
        double[] pooled = new double[n];
        System.arraycopy(current, 0, pooled, 0, current.length);
        System.arraycopy(baseline, 0, pooled, current.length, baseline.length);
        // doubled mid-rank = 2 * (#smaller) + (#equal) + 1, counting the value itself as equal
        int[] doubledRank = new int[n];
        for (int i = 0; i < n; i++) {
            int smaller = 0;
            int equal = 0;
            for (double other : pooled) {
                if (other < pooled[i]) {
                    smaller++;
                } else if (other == pooled[i]) {
                    equal++;
                }
            }
            doubledRank[i] = 2 * smaller + equal + 1;
        }
        int observed = 0;
        for (int i = 0; i < current.length; i++) {
            observed += doubledRank[i];
        }
        long splits = 0;
        long extreme = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != current.length) {
                continue;
            }
            int sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += doubledRank[i];
                }
            }
            splits++;
            if (upper ? sum >= observed : sum <= observed) {
                extreme++;
            }
        }
        return (double) extreme / splits;
    }

    /** Number of splits, C(n1 + n2, n1), by enumeration. */
    static long splits(int n1, int n2) {
        long count = 0;
        for (int mask = 0; mask < (1 << (n1 + n2)); mask++) {
            if (Integer.bitCount(mask) == n2) {
                count++;
            }
        }
        return count;
    }

    /**
     * Exact null distribution of U (no ties) for sizes n1, n2 by enumeration:
     * {@code result[u]} = P(U <= u), U = number of (baseline, current) pairs with current above.
     */
    static double[] uCdf(int n1, int n2) {
        int n = n1 + n2;
        long[] counts = new long[n1 * n2 + 1];
        long splits = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != n2) {
                continue;
            }
            // positions are ranks 0..n-1; a current at rank r is above the baselines below it
            int u = 0;
            int baselinesBelow = 0;
            for (int r = 0; r < n; r++) {
                if ((mask & (1 << r)) != 0) {
                    u += baselinesBelow;
                } else {
                    baselinesBelow++;
                }
            }
            counts[u]++;
            splits++;
        }
        double[] cdf = new double[counts.length];
        long running = 0;
        for (int u = 0; u < counts.length; u++) {
            running += counts[u];
            cdf[u] = (double) running / splits;
        }
        return cdf;
    }
}
