package dev.allocgate.core.gate;

/**
 * Practical significance: a change counts only when larger than
 * {@code max(relativePercent% of the baseline, absolute)} in the metric's unit.
 */
public record Threshold(double relativePercent, double absolute) {
    public Threshold {
        if (!(relativePercent >= 0) || !(absolute >= 0) || Double.isInfinite(relativePercent) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("thresholds must be finite and >= 0: " + relativePercent + "%, " + absolute);
        }
    }

    /** The allowed change for a baseline center value. */
    public double allowedChange(double baselineCenter) {
        return Math.max(Math.abs(baselineCenter) * relativePercent / 100.0, absolute);
    }
}
