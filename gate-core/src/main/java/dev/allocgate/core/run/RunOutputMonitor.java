package dev.allocgate.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows JMH's run output line by line: counts runs and reports progress, and collects failed runs.
 *
 * <p>JMH 1.37 prints, before each run (benchmark, mode, parameter combination), {@code # Benchmark mode: ...},
 * then {@code # Benchmark: <name>}, then {@code # Parameters: (a = 1, b = x)} when it has parameters. A failing
 * benchmark prints {@code <failure>} (at the end of an iteration line), a blank line, and the exception; a fork
 * that dies prints {@code <forked VM failed with exit code N>}. Not thread-safe: fed by one reader thread.
 */
final class RunOutputMonitor implements Consumer<String> {
    static final String UNKNOWN_BENCHMARK = "(unknown benchmark)";

    private static final String BENCHMARK_PREFIX = "# Benchmark: ";
    private static final String PARAMETERS_PREFIX = "# Parameters: (";
    private static final String FAILURE_MARKER = "<failure>";
    /** JMH's host-side messages for a fork that could not finish. */
    private static final List<String> FORK_FAILURE_PREFIXES = List.of("<forked VM failed", "<failed to invoke the VM",
            "<host VM has been interrupted", "<binary link had failed", "<failure:");

    private final Consumer<String> progressSink;
    private final Optional<Integer> expectedRuns;
    private final List<BenchmarkFailure> failures = new ArrayList<>();

    private String pendingBenchmark;
    private String currentBenchmark;
    private String currentParams = "";
    private boolean currentFailed;
    private boolean awaitingFailureText;
    private int runsStarted;

    /**
     * @param progressSink receives {@code [k/n] benchmark (params)} per run
     * @param expectedRuns n, when known; {@code [k] benchmark} is printed without it or once k exceeds it
     */
    RunOutputMonitor(Consumer<String> progressSink, Optional<Integer> expectedRuns) {
        this.progressSink = progressSink;
        this.expectedRuns = expectedRuns;
    }

    @Override
    public void accept(String line) {
        if (pendingBenchmark != null) {
            String benchmark = pendingBenchmark;
            pendingBenchmark = null;
            if (line.startsWith(PARAMETERS_PREFIX) && line.endsWith(")")) {
                startRun(benchmark, line.substring(PARAMETERS_PREFIX.length(), line.length() - 1));
                return;
            }
            startRun(benchmark, "");
        }
        if (line.startsWith(BENCHMARK_PREFIX)) {
            pendingBenchmark = line.substring(BENCHMARK_PREFIX.length()).strip();
            return;
        }
        String text = line.strip();
        if (awaitingFailureText) {
            if (!text.isEmpty()) {
                awaitingFailureText = false;
                recordFailure(text);
            }
            return;
        }
        if (text.endsWith(FAILURE_MARKER)) {
            awaitingFailureText = true;
        } else if (FORK_FAILURE_PREFIXES.stream().anyMatch(text::startsWith)) {
            recordFailure(text.endsWith(">") ? text.substring(1, text.length() - 1) : text.substring(1));
        }
    }

    /** Call after the last line: completes a header or failure block that the output ended in. */
    void finish() {
        if (pendingBenchmark != null) {
            startRun(pendingBenchmark, "");
            pendingBenchmark = null;
        }
        if (awaitingFailureText) {
            awaitingFailureText = false;
            recordFailure("failure reported without exception text");
        }
    }

    /** Runs whose header JMH printed so far. */
    int runsStarted() {
        return runsStarted;
    }

    /** Failed runs, one per run, in output order. */
    List<BenchmarkFailure> failures() {
        return List.copyOf(failures);
    }

    private void startRun(String benchmark, String params) {
        currentBenchmark = benchmark;
        currentParams = params;
        currentFailed = false;
        awaitingFailureText = false;
        runsStarted++;
        String counter = expectedRuns.filter(n -> runsStarted <= n).map(n -> runsStarted + "/" + n)
                .orElse(Integer.toString(runsStarted));
        progressSink.accept("[" + counter + "] " + benchmark + (params.isEmpty() ? "" : " (" + params + ")"));
    }

    private void recordFailure(String firstErrorLine) {
        if (currentFailed) {
            return;
        }
        currentFailed = true;
        failures.add(new BenchmarkFailure(currentBenchmark == null ? UNKNOWN_BENCHMARK : currentBenchmark,
                currentParams, firstErrorLine));
    }
}
