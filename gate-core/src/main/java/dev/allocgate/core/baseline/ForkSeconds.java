package dev.allocgate.core.baseline;

import dev.allocgate.core.model.BenchmarkKey;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a baseline entry cost to measure, its {@value BaselineStore#FORK_SECONDS}: the median wall time of one of the
 * entry's forks in the {@code record} run that stored it (the fork's JVM from start to exit, as allocgate's engine
 * timed it), in seconds. Sharding balances the suite by it (see {@code Shard}); it plays no part in any verdict.
 *
 * <p>Stored coarsely and kept while it roughly holds, so that re-recording unchanged benchmarks on a busier or
 * quieter machine does not churn the baseline diff: rounded to {@value #DIGITS} significant digits (at least
 * {@value #MIN_SECONDS} s), and a stored value is replaced only when the new one is more than {@value #KEEP_FACTOR}
 * times larger or smaller, when the entry has none yet, or with {@code allocgate.refreshUnchanged}.
 */
public final class ForkSeconds {

    /** Significant digits stored. */
    static final int DIGITS = 2;
    /** The smallest value stored (a fork is never that quick; it keeps every stored value positive). */
    static final double MIN_SECONDS = 0.01;
    /** A stored value stays while the new one is within this factor of it. */
    static final double KEEP_FACTOR = 2.0;

    private ForkSeconds() {
    }

    /** {@code seconds} as stored: {@value #DIGITS} significant digits, at least {@value #MIN_SECONDS}. */
    public static double round(double seconds) {
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("a fork's wall time must be a positive number of seconds, was " + seconds);
        }
        double rounded = BigDecimal.valueOf(seconds).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
        return Math.max(MIN_SECONDS, rounded);
    }

    /**
     * The costs a {@code record} stores for the entries it measured: each measured value, rounded, unless the entry's
     * stored value is within {@value #KEEP_FACTOR} times of it (then that one, unchanged) and not {@code refresh}.
     * Entries measured without a wall time (JMH's own forks, a results file) are absent: they keep what they have.
     *
     * @param stored   the costs in the baselines the run compared with
     * @param measured the median fork wall time per entry of this run, seconds
     */
    public static Map<BenchmarkKey, Double> toRecord(Map<BenchmarkKey, Double> stored, Map<BenchmarkKey, Double> measured,
                                                     boolean refresh) {
        Map<BenchmarkKey, Double> out = new TreeMap<>();
        measured.forEach((key, seconds) -> {
            double now = round(seconds);
            Double before = stored.get(key);
            boolean keep = !refresh && before != null && now <= KEEP_FACTOR * before && now * KEEP_FACTOR >= before;
            out.put(key, keep ? before : now);
        });
        return out;
    }
}
