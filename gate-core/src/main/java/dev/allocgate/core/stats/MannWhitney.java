package dev.allocgate.core.stats;

import dev.allocgate.core.model.Sample;
import java.util.Objects;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Exact one-sided Mann-Whitney U tests (Wilcoxon rank-sum), tie-aware.
 *
 * <p>Which computation answers depends on the data:
 * <ul>
 * <li>every value in both samples equal: p = 1 (nothing can be shifted; the normal approximation
 *     would divide by a zero variance);</li>
 * <li>pooled size {@code n1 + n2 <= 60} and no ties: commons-statistics-inference's exact
 *     p-value ({@link PValueMethod#EXACT}), which is the exact permutation distribution of U for
 *     distinct values;</li>
 * <li>pooled size {@code <= 60} with ties: the exact permutation distribution of the mid-rank sum,
 *     computed here, because the library's exact method does not support ties (it silently falls
 *     back to the normal approximation);</li>
 * <li>pooled size {@code > 60}: the library's normal approximation
 *     ({@link PValueMethod#ASYMPTOTIC}) with tie correction of the variance and a continuity
 *     correction of 0.5.</li>
 * </ul>
 */
public final class MannWhitney {

    /** Library test with the continuity correction; alternative and method are set per call. */
    private static final MannWhitneyUTest CONTINUITY_CORRECTED =
            MannWhitneyUTest.withDefaults().with(ContinuityCorrection.ENABLED);

    private MannWhitney() {
    }

    /**
     * One-sided p-value for H1: {@code current} is stochastically greater than {@code baseline}
     * (for allocation: the current code allocates more).
     *
     * @param baseline per-fork values of the baseline
     * @param current per-fork values of the current run
     * @return the probability, under H0 (both samples exchangeable), of a rank sum of
     *     {@code current} at least as large as observed; 1 when all values are equal
     */
    public static double pGreater(Sample baseline, Sample current) {
        return oneSided(baseline, current, true);
    }

    /**
     * One-sided p-value for H1: {@code current} is stochastically smaller than {@code baseline}.
     *
     * @param baseline per-fork values of the baseline
     * @param current per-fork values of the current run
     * @return the probability, under H0, of a rank sum of {@code current} at most as large as
     *     observed; 1 when all values are equal
     */
    public static double pLess(Sample baseline, Sample current) {
        return oneSided(baseline, current, false);
    }

    /**
     * Both one-sided p-values, {@code {pGreater, pLess}}, from one computation of the exact distribution (the
     * tie-aware one costs the most, and the gate needs both directions).
     *
     * @param baseline per-fork values of the baseline
     * @param current per-fork values of the current run
     * @return {@code {pGreater(baseline, current), pLess(baseline, current)}}
     */
    public static double[] pGreaterAndLess(Sample baseline, Sample current) {
        return pValues(baseline, current, null);
    }

    /**
     * Smallest one-sided p-value an exact test can give with these sizes, {@code 1 / C(n1+n2, n1)}:
     * reached when the samples do not overlap at all. Compare it with the (corrected) alpha to
     * know whether a run can detect anything.
     *
     * @param n1 size of one sample
     * @param n2 size of the other sample
     * @return {@code 1 / C(n1 + n2, n1)}
     * @throws IllegalArgumentException if a size is below 1
     */
    public static double minOneSidedP(int n1, int n2) {
        if (n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("sample sizes must be at least 1, got " + n1 + " and " + n2);
        }
        return 1 / RankSums.binomial(n1 + n2, n1);
    }

    private static double oneSided(Sample baseline, Sample current, boolean currentGreater) {
        return pValues(baseline, current, currentGreater)[currentGreater ? 0 : 1];
    }

    /**
     * {@code {pGreater, pLess}}; with {@code only} set, only that direction is computed where the two cost a
     * computation each (the library's tests), and the other entry is NaN.
     */
    private static double[] pValues(Sample baseline, Sample current, Boolean only) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        double[] base = baseline.values();
        double[] cur = current.values();
        double[] pooled = pooled(base, cur);
        if (allEqual(pooled)) {
            return new double[] {1, 1};
        }
        PValueMethod method = PValueMethod.ASYMPTOTIC;
        if (pooled.length <= RankSums.EXACT_LIMIT) {
            int[] ranks = RankSums.doubledMidRanks(pooled);
            if (hasTies(ranks)) {
                return exactTiedP(ranks, cur.length);
            }
            method = PValueMethod.EXACT;
        }
        return new double[] {
            only == null || only ? libraryP(cur, base, method, true) : Double.NaN,
            only == null || !only ? libraryP(cur, base, method, false) : Double.NaN};
    }

    /** Current's values first, then the baseline's: the layout the rank computations expect. */
    private static double[] pooled(double[] base, double[] cur) {
        double[] pooled = new double[base.length + cur.length];
        System.arraycopy(cur, 0, pooled, 0, cur.length);
        System.arraycopy(base, 0, pooled, cur.length, base.length);
        return pooled;
    }

    /** The library tests its first sample against its second: pass current first. */
    private static double libraryP(double[] cur, double[] base, PValueMethod method, boolean currentGreater) {
        AlternativeHypothesis alternative =
                currentGreater ? AlternativeHypothesis.GREATER_THAN : AlternativeHypothesis.LESS_THAN;
        return CONTINUITY_CORRECTED.with(alternative).with(method).test(cur, base).getPValue();
    }

    /**
     * Exact tail probabilities {@code {upper, lower}} of the mid-rank sum of {@code current} (the first
     * {@code nCurrent} entries of {@code ranks}) over all C(N, nCurrent) equally likely assignments.
     */
    private static double[] exactTiedP(int[] ranks, int nCurrent) {
        long currentSum = 0;
        long totalSum = 0;
        for (int i = 0; i < ranks.length; i++) {
            totalSum += ranks[i];
            if (i < nCurrent) {
                currentSum += ranks[i];
            }
        }
        // Enumerate the smaller group's sums (cheaper); the baseline's rank sum is the complement
        // of current's, so its tail runs the other way.
        int nBaseline = ranks.length - nCurrent;
        boolean viaBaseline = nBaseline < nCurrent;
        long observed = viaBaseline ? totalSum - currentSum : currentSum;
        long[] counts = RankSums.sumCounts(ranks, viaBaseline ? nBaseline : nCurrent);
        long atLeast = 0;
        long atMost = 0;
        long splits = 0;
        for (int s = 0; s < counts.length; s++) {
            splits += counts[s];
            if (s >= observed) {
                atLeast += counts[s];
            }
            if (s <= observed) {
                atMost += counts[s];
            }
        }
        // current's upper tail is the enumerated group's upper tail, unless the group is the baseline
        double upper = Math.min(1.0, (double) (viaBaseline ? atMost : atLeast) / splits);
        double lower = Math.min(1.0, (double) (viaBaseline ? atLeast : atMost) / splits);
        return new double[] {upper, lower};
    }

    private static boolean allEqual(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTies(int[] doubledRanks) {
        // without ties the doubled ranks are exactly the even numbers 2..2N
        boolean[] seen = new boolean[2 * doubledRanks.length + 1];
        for (int r : doubledRanks) {
            if (seen[r]) {
                return true;
            }
            seen[r] = true;
        }
        return false;
    }
}
