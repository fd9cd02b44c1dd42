package dev.allocgate.core.gate;

import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.stats.Shift;
import dev.allocgate.core.stats.Summary;

/**
 * One metric of one benchmark, baseline against current.
 *
 * @param metric         the metric
 * @param gated          whether this metric can fail the gate (others are informational)
 * @param baselineSample per-fork baseline values, {@code null} without a baseline
 * @param currentSample  per-fork current values, {@code null} without a result
 * @param baseline       summary of the baseline sample, {@code null} without one
 * @param current        summary of the current sample, {@code null} without one
 * @param method         how the change was judged
 * @param pValue         Holm-adjusted one-sided p-value in the direction of the change; NaN unless {@link Method#U_TEST}
 * @param pRaw           the same before correction
 * @param shift          Hodges-Lehmann shift with its interval; {@code null} unless {@link Method#U_TEST}
 * @param allowedChange  the practical threshold applied, including the bound on JMH's own allocation
 * @param verdict        the outcome for this metric
 * @param note           why, in a few words; empty when nothing needs saying
 */
public record MetricComparison(
        Metric metric,
        boolean gated,
        Sample baselineSample,
        Sample currentSample,
        Summary baseline,
        Summary current,
        Method method,
        double pValue,
        double pRaw,
        Shift shift,
        double allowedChange,
        Verdict verdict,
        String note) {

    /** How a comparison was decided. */
    public enum Method {
        /** Both samples constant within measurement noise: values compared directly, no p-value needed. */
        EXACT,
        /** One-sided exact Mann-Whitney U test with Hodges-Lehmann shift, Holm-corrected. */
        U_TEST,
        /** Not compared (one side missing, or environment mismatch). */
        NONE
    }

    /** The same comparison, unable to fail the gate, with a note saying why. */
    public MetricComparison informational(String why) {
        return new MetricComparison(metric, false, baselineSample, currentSample, baseline, current, method, pValue, pRaw,
                shift, allowedChange, verdict, why);
    }

    /** current center minus baseline center, NaN when either is missing. */
    public double delta() {
        return baseline == null || current == null ? Double.NaN : current.center() - baseline.center();
    }

    /** Baselines below half a unit (say 0.0001 B/op, JMH's noise floor) count as zero: no ratio is shown. */
    static final double ZERO_BASELINE = 0.5;

    /** Relative change in percent; NaN when either side is missing or the baseline is (effectively) zero. */
    public double deltaPercent() {
        return baseline == null || current == null || baseline.center() < ZERO_BASELINE
                ? Double.NaN
                : 100.0 * delta() / baseline.center();
    }
}
