package dev.allocgate.core.stats;

import dev.allocgate.core.model.Sample;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Hodges-Lehmann estimate of the shift {@code current - baseline} with its distribution-free
 * confidence interval.
 *
 * @param estimate median of all pairwise differences {@code current[j] - baseline[i]}
 * @param lo lower end of the interval (an order statistic of the differences)
 * @param hi upper end of the interval
 * @param confidence coverage this interval actually has under the shift model: at least the
 *     requested confidence when the sample sizes can reach it, otherwise (interval = all
 *     differences) the largest coverage the sizes allow, {@code 1 - 2 / C(n1+n2, n1)}
 */
public record Shift(double estimate, double lo, double hi, double confidence) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Exact null distributions of U by sample sizes: the adaptive engine asks for the same sizes again and again. */
    private static final Map<Long, LowerTail> EXACT_TAILS = new ConcurrentHashMap<>();

    /**
     * Hodges-Lehmann shift of {@code current} relative to {@code baseline}.
     *
     * <p>The interval is {@code [d(k), d(m+1-k)]} over the sorted differences {@code d(1..m)},
     * {@code m = n1 * n2}, with the largest {@code k} whose coverage {@code 1 - 2 P(U <= k-1)}
     * is at least {@code confidence}. {@code P} is the exact null distribution of the
     * Mann-Whitney U statistic for distinct values when {@code n1 + n2 <= 60}, and its normal
     * approximation with a 0.5 continuity correction beyond. With tied values the interval is the
     * conventional one (computed as if there were no ties), so its coverage is approximate.
     * If even {@code k = 1} does not reach {@code confidence}, the interval is
     * {@code [min, max]} of the differences and {@link #confidence()} reports the coverage of
     * that interval, which is then below the requested value.
     *
     * @param baseline per-fork values of the baseline
     * @param current per-fork values of the current run
     * @param confidence requested two-sided coverage, strictly between 0 and 1
     * @return the estimate, the interval and the coverage it actually has
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     */
    public static Shift hodgesLehmann(Sample baseline, Sample current, double confidence) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Summary.checkConfidence(confidence);
        double[] base = baseline.values();
        double[] cur = current.values();
        double[] differences = new double[base.length * cur.length];
        int next = 0;
        for (double c : cur) {
            for (double b : base) {
                differences[next++] = c - b;
            }
        }
        Arrays.sort(differences);
        int m = differences.length;
        double estimate = m % 2 == 1
                ? differences[m / 2]
                : (differences[m / 2 - 1] + differences[m / 2]) / 2;

        LowerTail tail = base.length + cur.length <= RankSums.EXACT_LIMIT
                ? EXACT_TAILS.computeIfAbsent(((long) base.length << 32) | cur.length,
                        sizes -> exactLowerTail(base.length, cur.length))
                : normalLowerTail(base.length, cur.length);
        int k = 1;
        int kMax = (m + 1) / 2;
        if (coverage(tail, 1) >= confidence) {
            // coverage falls as k grows; step up while the next k still reaches the confidence
            k = Math.max(1, Math.min(kMax, tail.guess(confidence)));
            while (k > 1 && coverage(tail, k) < confidence) {
                k--;
            }
            while (k < kMax && coverage(tail, k + 1) >= confidence) {
                k++;
            }
        }
        return new Shift(estimate, differences[k - 1], differences[m - k], coverage(tail, k));
    }

    /** Coverage of {@code [d(k), d(m+1-k)]}: the interval misses when U <= k-1 or U >= m-k+1. */
    private static double coverage(LowerTail tail, int k) {
        return Math.max(0, 1 - 2 * tail.atMost(k - 1));
    }

    /** {@code P(U <= u)} under H0 and a first guess for the k that reaches a confidence. */
    private interface LowerTail {
        double atMost(int u);

        int guess(double confidence);
    }

    private static LowerTail exactLowerTail(int n1, int n2) {
        int[] ranks = new int[n1 + n2];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = i + 1;
        }
        // U has the same null distribution for (n1, n2) and (n2, n1): enumerate the smaller group
        int chosen = Math.min(n1, n2);
        long[] sumCounts = RankSums.sumCounts(ranks, chosen);
        int offset = chosen * (chosen + 1) / 2; // U = rank sum of the chosen group - its minimum
        int uMax = n1 * n2;
        double total = RankSums.binomial(n1 + n2, n1);
        double[] cumulative = new double[uMax + 1];
        long running = 0;
        for (int u = 0; u <= uMax; u++) {
            running += sumCounts[u + offset];
            cumulative[u] = running / total;
        }
        return new LowerTail() {
            @Override
            public double atMost(int u) {
                return u < 0 ? 0 : cumulative[Math.min(u, uMax)];
            }

            @Override
            public int guess(double confidence) {
                return 1;
            }
        };
    }

    private static LowerTail normalLowerTail(int n1, int n2) {
        double mean = (double) n1 * n2 / 2;
        double sd = Math.sqrt((double) n1 * n2 * (n1 + n2 + 1) / 12);
        return new LowerTail() {
            @Override
            public double atMost(int u) {
                return STANDARD_NORMAL.cumulativeProbability((u + 0.5 - mean) / sd);
            }

            @Override
            public int guess(double confidence) {
                double z = STANDARD_NORMAL.inverseCumulativeProbability((1 - confidence) / 2);
                return (int) Math.floor(mean + 0.5 + z * sd);
            }
        };
    }
}
