package dev.allocgate.core.stats;

import java.util.Arrays;

/**
 * Exact permutation distribution of a rank sum: how many ways choosing {@code chosen} of the pooled
 * observations gives each total score. Scores are integers (doubled mid-ranks when there are ties,
 * plain ranks otherwise), so sums compare exactly.
 */
final class RankSums {

    /**
     * Largest pooled size handled exactly. Counts are kept in {@code long}: every intermediate count
     * is at most C(N, N/2), and C(60, 30) is about 1.2e17, far below {@link Long#MAX_VALUE}.
     */
    static final int EXACT_LIMIT = 60;

    private RankSums() {
    }

    /**
     * Doubled mid-ranks of the pooled values (an observation tied over positions i..j, 1-based,
     * gets i + j), in the order of {@code pooled}.
     */
    static int[] doubledMidRanks(double[] pooled) {
        int n = pooled.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pooled[a], pooled[b]));
        int[] ranks = new int[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && pooled[order[end + 1]] == pooled[order[start]]) {
                end++;
            }
            // positions start+1 .. end+1 (1-based) share the mid-rank (start + end + 2) / 2
            int doubled = start + end + 2;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = doubled;
            }
            start = end + 1;
        }
        return ranks;
    }

    /**
     * {@code counts[s]} = number of subsets of size {@code chosen} of {@code scores} whose scores
     * add up to {@code s}. Scores must be non-negative; the pooled size must not exceed
     * {@link #EXACT_LIMIT}.
     */
    static long[] sumCounts(int[] scores, int chosen) {
        if (scores.length > EXACT_LIMIT) {
            throw new IllegalArgumentException(
                    "exact rank-sum distribution is limited to " + EXACT_LIMIT + " values, got " + scores.length);
        }
        int[] sorted = scores.clone();
        Arrays.sort(sorted);
        int maxSum = 0;
        for (int i = sorted.length - chosen; i < sorted.length; i++) {
            maxSum += sorted[i];
        }
        // ways[j][s]: subsets of size j among the items seen so far with score sum s
        long[][] ways = new long[chosen + 1][maxSum + 1];
        ways[0][0] = 1;
        int reachable = 0; // largest sum reachable so far (items ascend, so adding each one bounds it)
        for (int item = 0; item < sorted.length; item++) {
            int score = sorted[item];
            reachable = Math.min(maxSum, reachable + score);
            // descending j keeps row j-1 at its value before this item
            for (int j = Math.min(item + 1, chosen); j >= 1; j--) {
                long[] from = ways[j - 1];
                long[] to = ways[j];
                for (int s = reachable - score; s >= 0; s--) {
                    long w = from[s];
                    if (w != 0) {
                        to[s + score] += w;
                    }
                }
            }
        }
        return ways[chosen];
    }

    /** Number of ways to choose {@code k} of {@code n}, as a double (exact while below 2^53). */
    static double binomial(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        int small = Math.min(k, n - k);
        double c = 1;
        for (int i = 1; i <= small; i++) {
            c = c * (n - small + i) / i;
        }
        // every partial product is itself a binomial coefficient, so rounding only removes
        // the error of the division while the values are exactly representable
        return c < 0x1p53 ? Math.rint(c) : c;
    }
}
