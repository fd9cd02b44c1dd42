package dev.allocgate.profiler;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * What a benchmark thread allocates per iteration whatever the iteration's length, told apart from what it allocates
 * per operation: JMH's own share (its result objects, 472 B in a run's first measured iteration and 456 B after it on
 * one worker thread, JDK 17 and Temurin 25, a few hundred bytes more in a run's first iterations on some benchmarks:
 * {@link ForkProtocol#NET_RESIDUAL_BYTES}) plus any {@code @Setup(Level.Iteration)} allocation. A fork's warmup rounds
 * and its measured iterations hold very different numbers of operations when an operation is slow (a round of
 * {@code --round-ms}, a measured iteration lengthened towards {@link ForkMain#MIN_OPS_PER_ITERATION} operations) or when
 * the measurement runs slower than the warmup (object counting): the bytes of an iteration then lie on a line over its
 * operations, whose slope is the allocation per operation and whose intercept is the share.
 *
 * <p>The share is estimated only where the line is exact, as it is for a benchmark that allocates the same per
 * operation: every point, or all but one, within {@link #RESIDUAL_BYTES} of it. A benchmark whose per-operation allocation varies, or
 * changed between the warmup and the measurement, keeps its values as measured, with JMH's share in them.
 */
final class JmhShare {

    /** How far each iteration's bytes may lie from the fitted line: as far as the share moves between iterations. */
    static final double RESIDUAL_BYTES = ForkProtocol.NET_RESIDUAL_BYTES;
    /**
     * Least ratio r between the mean operations of the rounds and of the measured iterations: below it the line is not
     * determined well enough. A change of the allocation per operation between the two, d, moves the net figure by
     * d r/(r-1): 4/3 d at 4. On a loaded machine the rounds run fewer operations and the measured iterations, made
     * longer for them, more: corpus-benchmarks' JsonParse records=20 gave ratios of 5 to 7 at load 5 (JDK 17).
     */
    static final double MIN_OPS_RATIO = 4;
    /** Largest share believed: JMH's few hundred bytes and an iteration set-up's allocation. */
    static final double MAX_SHARE_BYTES = 64 * 1024;

    private JmhShare() {
    }

    /**
     * The bytes per iteration that do not depend on its operations, or NaN when the points do not determine it. One
     * point may lie off the line (a round or an iteration that allocated once more, as a deoptimisation can): the line
     * of the others is taken then.
     *
     * @param rounds   the warmup rounds that settled, each {operations, bytes}
     * @param measured the measured iterations, each {operations, bytes}
     */
    static double perIteration(List<double[]> rounds, List<double[]> measured) {
        if (rounds.isEmpty() || measured.isEmpty() || !separated(rounds, measured)) {
            return Double.NaN;
        }
        List<double[]> points = new ArrayList<>(rounds);
        points.addAll(measured);
        for (double[] p : points) {
            if (!(p[0] > 0) || !Double.isFinite(p[1]) || p[1] < 0) {
                return Double.NaN;
            }
        }
        double share = exactLine(points, -1, rounds.size());
        for (int left = 0; Double.isNaN(share) && left < points.size(); left++) {
            share = exactLine(points, left, rounds.size());
        }
        return share >= -RESIDUAL_BYTES && share <= MAX_SHARE_BYTES ? Math.max(0, share) : Double.NaN;
    }

    /**
     * The intercept of the line through {@code points} without the one at {@code leftOut} (-1: none), when every
     * point lies within {@link #RESIDUAL_BYTES} of it and rounds (the first {@code rounds} points) and measured
     * iterations are still both there and {@linkplain #separated separated}; NaN otherwise.
     */
    private static double exactLine(List<double[]> points, int leftOut, int rounds) {
        List<double[]> kept = new ArrayList<>(points);
        if (leftOut >= 0) {
            kept.remove(leftOut);
        }
        int keptRounds = rounds - (leftOut >= 0 && leftOut < rounds ? 1 : 0);
        if (keptRounds == 0 || keptRounds == kept.size()
                || !separated(kept.subList(0, keptRounds), kept.subList(keptRounds, kept.size()))) {
            return Double.NaN;
        }
        SimpleRegression line = new SimpleRegression();
        for (double[] p : kept) {
            line.addData(p[0], p[1]);
        }
        for (double[] p : kept) {
            if (!(Math.abs(p[1] - line.predict(p[0])) <= RESIDUAL_BYTES)) {
                return Double.NaN;
            }
        }
        return line.getIntercept();
    }

    /** Whether the mean operations of the two groups differ by a factor of at least {@link #MIN_OPS_RATIO}. */
    private static boolean separated(List<double[]> rounds, List<double[]> measured) {
        double ratio = meanOps(rounds) / meanOps(measured);
        return ratio >= MIN_OPS_RATIO || ratio <= 1 / MIN_OPS_RATIO;
    }

    /** Each measured iteration's bytes per operation without {@code share}, never below 0. */
    static double[] netPerOperation(List<double[]> measured, double share) {
        double[] net = new double[measured.size()];
        for (int i = 0; i < net.length; i++) {
            double[] p = measured.get(i);
            net[i] = Math.max(0, (p[1] - share) / p[0]);
        }
        return net;
    }

    private static double meanOps(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[0]).average().orElse(Double.NaN);
    }
}
