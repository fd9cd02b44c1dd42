package dev.allocgate.core.gate;

/** The outcome for one benchmark (or one metric of it). */
public enum Verdict {
    /**
     * Allocates more than its {@code @AllocationBudget} allows (beyond the measurement noise), whatever the baseline
     * says; needs no baseline.
     */
    OVER_BUDGET,
    /** Allocates significantly more than the baseline, beyond the threshold. */
    REGRESSED,
    /** Allocates significantly less than the baseline, beyond the threshold. */
    IMPROVED,
    /** Within the threshold of the baseline. */
    UNCHANGED,
    /** The data cannot tell: noisy samples and too few forks for a significant result. */
    INCONCLUSIVE,
    /** Measured now, no baseline yet. */
    NEW,
    /** In the baselines and selected by the filter, but not measured: the benchmark was removed or renamed. */
    MISSING,
    /**
     * In the baselines, not measured, and listed as intentionally removed; does not fail the gate,
     * and the next {@code record} drops it.
     */
    REMOVED,
    /** Baseline recorded on a different JVM configuration; not compared. */
    ENVIRONMENT_MISMATCH,
    /** Selected and run, but its fork crashed or produced no result. */
    FAILED
}
