package dev.allocgate.core.history;

import dev.allocgate.core.model.BenchmarkKey;

import java.util.Objects;

/**
 * One benchmark's outcome in one run.
 *
 * @param key          benchmark, mode and params
 * @param bytesPerOp   the run's median bytes/op over its forks; NaN when the run has no value (missing, failed)
 * @param objectsPerOp the run's median objects/op; NaN when not counted or no value
 * @param verdict      the gate's verdict name (for example {@code UNCHANGED}, {@code REGRESSED})
 */
public record HistoryResult(BenchmarkKey key, double bytesPerOp, double objectsPerOp, String verdict) {

    public HistoryResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verdict, "verdict");
    }
}
