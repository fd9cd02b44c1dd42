package dev.allocgate.core.gate;

/** What to do when a baseline was recorded on a different JVM configuration. */
public enum EnvironmentPolicy {
    /** Report ENVIRONMENT_MISMATCH and fail the gate (default). */
    FAIL,
    /** Report ENVIRONMENT_MISMATCH without failing; the benchmark is not compared. */
    SKIP,
    /** Compare anyway and say so in a warning on every affected row. */
    COMPARE
}
