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
 * operation: every point within {@link #RESIDUAL_BYTES} of it. A benchmark whose per-operation allocation varies, or
 * changed between the warmup and the measurement, keeps its values as measured, with JMH's share in them.
 */
final class JmhShare {

    /** How far each iteration's bytes may lie from the fitted line: as far as the share moves between iterations. */
    static final double RESIDUAL_BYTES = ForkProtocol.NET_RESIDUAL_BYTES;
    /**
     * Least ratio between the mean operations of the rounds and of the measured iterations: below it the line is not
     * determined well enough (a change of the allocation per operation between the two would be magnified).
     */
    static final double MIN_OPS_RATIO = 8;
    /** Largest share believed: JMH's few hundred bytes and an iteration set-up's allocation. */
    static final double MAX_SHARE_BYTES = 64 * 1024;

    private JmhShare() {
    }

    /**
     * The bytes per iteration that do not depend on its operations, or NaN when the points do not determine it.
     *
     * @param rounds   the warmup rounds that settled, each {operations, bytes}
     * @param measured the measured iterations, each {operations, bytes}
     */
    static double perIteration(List<double[]> rounds, List<double[]> measured) {
        if (rounds.isEmpty() || measured.isEmpty()) {
            return Double.NaN;
        }
        double ratio = meanOps(rounds) / meanOps(measured);
        if (!(ratio >= MIN_OPS_RATIO || ratio <= 1 / MIN_OPS_RATIO)) {
            return Double.NaN;
        }
        List<double[]> points = new ArrayList<>(rounds);
        points.addAll(measured);
        SimpleRegression line = new SimpleRegression();
        for (double[] p : points) {
            if (!(p[0] > 0) || !Double.isFinite(p[1]) || p[1] < 0) {
                return Double.NaN;
            }
            line.addData(p[0], p[1]);
        }
        double share = line.getIntercept();
        for (double[] p : points) {
            if (!(Math.abs(p[1] - line.predict(p[0])) <= RESIDUAL_BYTES)) {
                return Double.NaN;
            }
        }
        return share >= -RESIDUAL_BYTES && share <= MAX_SHARE_BYTES ? Math.max(0, share) : Double.NaN;
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
