package dev.allocgate.core.stats;

import dev.allocgate.core.model.Sample;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Forks that settle at one of a few exact values ("levels": the JIT removes an object in some forks only, a buffer
 * grows once in some). Such data has no location shift to estimate: what changes is the share of forks at each
 * level, and with it the mean allocation. {@link #meanShift} estimates the change of the mean and bounds it from the
 * shares, so a benchmark is judged by how often each level shows, never by which level the few forks happened to hit.
 */
public final class Levels {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Levels() {
    }

    /**
     * The number of levels of the pooled values: sorted, a value more than {@code tolerance} above the first value of
     * the current level starts a new one.
     *
     * @param baseline  per-fork values of one side
     * @param current   per-fork values of the other
     * @param tolerance spread within which values are one level
     * @return the number of levels, at least 1
     */
    public static int count(Sample baseline, Sample current, double tolerance) {
        return count(pooled(baseline, current), tolerance);
    }

    /** The number of levels of one sample (see {@link #count(Sample, Sample, double)}). */
    public static int count(Sample sample, double tolerance) {
        return count(sample.values(), tolerance);
    }

    /** Levels of {@code values} (sorted here, in place). */
    private static int count(double[] values, double tolerance) {
        Arrays.sort(values);
        return levelSizes(values, tolerance).length;
    }

    /** The number of values at each level of {@code sorted}, lowest level first (as {@link #count} forms them). */
    private static int[] levelSizes(double[] sorted, double tolerance) {
        int[] sizes = new int[sorted.length];
        int level = 0;
        double first = sorted[0];
        for (double v : sorted) {
            if (v - first > tolerance) {
                level++;
                first = v;
            }
            sizes[level]++;
        }
        return Arrays.copyOf(sizes, level + 1);
    }

    /**
     * Both samples with each value replaced by the number of its level among the pooled values' levels (as
     * {@link #count(Sample, Sample, double)} forms them; 0 is the lowest), {@code {baseline, current}}. Within a level
     * the values differ by measurement jitter only (JMH's own allocation spread over an iteration's operations), so a
     * rank test on level data must see them as ties: ordered by their jitter, four forks at the lower of two levels
     * would look "all below" a baseline's forks at that level, and the test would find a change in a mere share.
     */
    public static Sample[] levelNumbers(Sample baseline, Sample current, double tolerance) {
        double[] pooled = pooled(baseline, current);
        Arrays.sort(pooled);
        double[] firsts = new double[pooled.length];
        int levels = 0;
        for (double v : pooled) {
            if (levels == 0 || v - firsts[levels - 1] > tolerance) {
                firsts[levels++] = v;
            }
        }
        double[] starts = Arrays.copyOf(firsts, levels);
        return new Sample[] {numbered(baseline, starts), numbered(current, starts)};
    }

    private static Sample numbered(Sample sample, double[] starts) {
        double[] values = sample.values();
        double[] numbers = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int at = Arrays.binarySearch(starts, values[i]);
            numbers[i] = at >= 0 ? at : -at - 2; // the last level starting at or below the value
        }
        return Sample.of(numbers);
    }

    /**
     * Whether one sample settles at levels: constant, or at most {@code maxLevels} levels with some level shared by
     * several forks.
     */
    public static boolean isLevelSample(Sample sample, double tolerance, int maxLevels) {
        int levels = count(sample, tolerance);
        return levels == 1 || (levels <= maxLevels && levels < sample.size());
    }

    /**
     * Whether the pooled forks are level data: at most {@code maxLevels} levels, and fewer levels than forks (some
     * level is shared by several forks, so the values are not just a continuous spread seen a few times). One fork
     * alone between two levels of its own side does not count as a level: the JIT changed its mind during that fork's
     * measurement, so its median lies in between (WordCount at 193 or 194 objects with one object more: 9 forks at
     * 194, 7 at 195 and one at 194.4, which taken for a fourth level sent the forks to a rank test that read the jitter
     * within each level as order). A lone fork at the edge of its side's range is a level (a level that moved 8 B).
     */
    public static boolean isLevelData(Sample baseline, Sample current, double tolerance, int maxLevels) {
        double[] pooled = pooled(baseline, current);
        Arrays.sort(pooled);
        int[] sizes = levelSizes(pooled, tolerance);
        boolean midway = false; // a level of one fork, between two levels of its own side
        for (int level = 1, at = sizes[0]; level < sizes.length - 1; at += sizes[level++]) {
            midway |= sizes[level] == 1 && withinOwnSide(pooled[at], baseline, current, tolerance);
        }
        int levels = sizes.length;
        return levels >= 2 && levels - (midway ? 1 : 0) <= maxLevels && levels < pooled.length;
    }

    /** Whether the side {@code value} came from has forks at levels below and above it. */
    private static boolean withinOwnSide(double value, Sample baseline, Sample current, double tolerance) {
        Sample own = Arrays.stream(baseline.values()).anyMatch(v -> v == value) ? baseline : current;
        return own.min() < value - tolerance && own.max() > value + tolerance;
    }

    /**
     * Change of the mean, {@code mean(current) - mean(baseline)}, with a confidence interval from the shares.
     *
     * <p>Both samples are scaled to [0, 1] by the pooled range; with two levels a scaled mean is the share of forks
     * at the upper level, a binomial proportion, and the interval is Newcombe's hybrid score interval for a
     * difference of two proportions (built from the Wilson score intervals of each side; it keeps its coverage for
     * small samples and shares near 0 or 1, where the Wald interval does not). With more levels each side's score
     * interval takes the sample's own variance of the scaled values in place of the binomial {@code m (1 - m)}, which
     * is the same with two levels and smaller when most forks sit at a middle level (Temurin 25 settles a stream
     * pipeline at 11, 12 or 13 objects, most forks at 12: the binomial variance of a mean half way up the range took
     * that for a spread between the ends, and 16 forks a side could not bound a change of the mean below half an
     * object). The score interval's own term {@code z^2 / 4n^2} still widens a side whose forks all agree. Simulated
     * on three and four levels in shares from 2/96/2 to equal thirds, 3 to 16 forks a side, each one-sided bound
     * kept its coverage within that of two levels (at most 5.7 % beyond a 5 % bound, with 3 forks a side, as two
     * levels). The interval is scaled back to the metric's unit.
     *
     * @param confidence two-sided coverage; each end is a one-sided bound at {@code (1 + confidence) / 2}
     * @return the change of the mean (estimate) and its interval
     */
    public static Shift meanShift(Sample baseline, Sample current, double confidence) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Summary.checkConfidence(confidence);
        double min = Math.min(baseline.min(), current.min());
        double range = Math.max(baseline.max(), current.max()) - min;
        double meanBase = baseline.mean();
        double meanCur = current.mean();
        if (!(range > 0)) {
            return new Shift(meanCur - meanBase, 0, 0, confidence);
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability((1 + confidence) / 2);
        double pb = Math.min(1, Math.max(0, (meanBase - min) / range));
        double pc = Math.min(1, Math.max(0, (meanCur - min) / range));
        double[] wb = wilson(pb, scaledVariance(baseline, min, range, pb), baseline.size(), z);
        double[] wc = wilson(pc, scaledVariance(current, min, range, pc), current.size(), z);
        double d = pc - pb;
        double lo = d - Math.sqrt(square(pc - wc[0]) + square(wb[1] - pb));
        double hi = d + Math.sqrt(square(wc[1] - pc) + square(pb - wb[0]));
        return new Shift(meanCur - meanBase, Math.max(-1, lo) * range, Math.min(1, hi) * range, confidence);
    }

    /**
     * Score interval {lo, hi} of the mean {@code p} of {@code n} values in [0, 1] whose (population) variance is
     * {@code variance}: Wilson's score interval of a proportion, with that variance for the binomial {@code p (1 - p)}
     * (the same for values 0 and 1).
     */
    static double[] wilson(double p, double variance, int n, double z) {
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(variance / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
    }

    /** The population variance of {@code s} scaled to [0, 1] by {@code min} and {@code range}; its mean is {@code mean}. */
    private static double scaledVariance(Sample s, double min, double range, double mean) {
        double sum = 0;
        for (double v : s.values()) {
            sum += square((v - min) / range - mean);
        }
        return Math.min(mean * (1 - mean), sum / s.size());
    }

    private static double square(double x) {
        return x * x;
    }

    private static double[] pooled(Sample baseline, Sample current) {
        double[] b = baseline.values();
        double[] c = current.values();
        double[] pooled = Arrays.copyOf(b, b.length + c.length);
        System.arraycopy(c, 0, pooled, b.length, c.length);
        return pooled;
    }
}
