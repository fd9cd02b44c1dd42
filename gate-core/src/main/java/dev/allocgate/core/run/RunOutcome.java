package dev.allocgate.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one JMH invocation did.
 *
 * @param listed     the benchmarks the filter selected, sorted by name
 * @param resultFile JMH's JSON result file (exists and is non-empty)
 * @param failures   runs JMH reported as failed; they are missing from the result file
 * @param elapsed    wall time of listing and run together
 */
public record RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures,
        Duration elapsed) {
    public RunOutcome {
        listed = List.copyOf(listed);
        Objects.requireNonNull(resultFile, "resultFile");
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
