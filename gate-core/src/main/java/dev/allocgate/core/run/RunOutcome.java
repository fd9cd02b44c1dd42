package dev.allocgate.core.run;

import dev.allocgate.core.model.BenchmarkKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one JMH invocation did.
 *
 * @param listed     the benchmarks the filter selected, sorted by name
 * @param resultFile JMH's JSON result file (exists and is non-empty)
 * @param failures   runs JMH reported as failed; they are missing from the result file
 * @param elapsed    wall time of listing and run together
 * @param warnings   what the user should know about results that did not fail (a fork whose warmup reached
 *                   its cap before the allocation settled)
 * @param forkSeconds the median wall time of one fork per run that produced a result, in seconds (its JVM from start
 *                    to exit); empty when the forks were JMH's own, which allocgate does not time one by one
 */
public record RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures,
        Duration elapsed, List<String> warnings, Map<BenchmarkKey, Double> forkSeconds) {
    public RunOutcome {
        listed = List.copyOf(listed);
        Objects.requireNonNull(resultFile, "resultFile");
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
        forkSeconds = Collections.unmodifiableSortedMap(new TreeMap<>(forkSeconds));
    }

    /** An outcome without fork times. */
    public RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures, Duration elapsed,
            List<String> warnings) {
        this(listed, resultFile, failures, elapsed, warnings, Map.of());
    }

    /** An outcome without warnings. */
    public RunOutcome(List<ListedBenchmark> listed, Path resultFile, List<BenchmarkFailure> failures, Duration elapsed) {
        this(listed, resultFile, failures, elapsed, List.of());
    }
}
