package dev.allocgate.core.gate;

import dev.allocgate.core.model.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the gate judges: significance level, thresholds per metric, which metrics can fail the build,
 * and which verdicts fail it.
 *
 * @param alpha                    family-wise significance level (Holm-corrected over the run's U tests)
 * @param thresholds               practical threshold per metric
 * @param gatedMetrics             metrics whose regressions fail the gate; others are informational
 * @param infraBytesPerIteration   upper bound of JMH's own allocation per measurement iteration,
 *                                 divided by the operations per iteration to bound its bias on B/op
 * @param environmentPolicy        what an environment mismatch does
 * @param failOnRegression         whether REGRESSED fails the gate
 * @param failOnMissing            whether MISSING fails the gate
 * @param failOnNew                whether NEW fails the gate
 * @param failOnInconclusive       whether INCONCLUSIVE fails the gate
 */
public record GateSettings(
        double alpha,
        Map<Metric, Threshold> thresholds,
        Set<Metric> gatedMetrics,
        double infraBytesPerIteration,
        EnvironmentPolicy environmentPolicy,
        boolean failOnRegression,
        boolean failOnMissing,
        boolean failOnNew,
        boolean failOnInconclusive) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final Threshold DEFAULT_BYTES_THRESHOLD = new Threshold(1.0, 4.0);
    public static final Threshold DEFAULT_ALLOC_RATE_THRESHOLD = new Threshold(25.0, 100.0);
    public static final double DEFAULT_INFRA_BYTES_PER_ITERATION = 8192;

    public GateSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (!(infraBytesPerIteration >= 0) || Double.isInfinite(infraBytesPerIteration)) {
            throw new IllegalArgumentException("infraBytesPerIteration must be finite and >= 0: " + infraBytesPerIteration);
        }
        EnumMap<Metric, Threshold> t = new EnumMap<>(Metric.class);
        t.put(Metric.BYTES_PER_OP, DEFAULT_BYTES_THRESHOLD);
        t.put(Metric.ALLOC_RATE, DEFAULT_ALLOC_RATE_THRESHOLD);
        t.putAll(thresholds);
        thresholds = Collections.unmodifiableMap(t);
        gatedMetrics = gatedMetrics.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(gatedMetrics));
        Objects.requireNonNull(environmentPolicy, "environmentPolicy");
    }

    /** Defaults: alpha 0.05, bytes/op gated at max(1 %, 4 B), allocation rate informational. */
    public static GateSettings defaults() {
        return new GateSettings(DEFAULT_ALPHA, Map.of(), EnumSet.of(Metric.BYTES_PER_OP),
                DEFAULT_INFRA_BYTES_PER_ITERATION, EnvironmentPolicy.FAIL, true, true, false, false);
    }

    public Threshold threshold(Metric metric) {
        return thresholds.get(metric);
    }

    public boolean isGated(Metric metric) {
        return gatedMetrics.contains(metric);
    }

    /** Whether a benchmark with this verdict fails the gate. */
    public boolean fails(Verdict verdict) {
        return switch (verdict) {
            case REGRESSED -> failOnRegression;
            case MISSING -> failOnMissing;
            case NEW -> failOnNew;
            case INCONCLUSIVE -> failOnInconclusive;
            case ENVIRONMENT_MISMATCH -> environmentPolicy == EnvironmentPolicy.FAIL;
            case FAILED -> true;
            case IMPROVED, UNCHANGED -> false;
        };
    }
}
