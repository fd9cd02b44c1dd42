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
 * @param warnings   what the user should know about results that did not fail (a fork whose warmup reached
 *                   its cap before the allocation settled)
 */
public record RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures,
        Duration elapsed, List<String> warnings) {
    public RunOutcome {
        listed = List.copyOf(listed);
        Objects.requireNonNull(resultFile, "resultFile");
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
    }

    /** An outcome without warnings. */
    public RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures, Duration elapsed) {
        this(listed, resultFile, failures, elapsed, List.of());
    }
}
