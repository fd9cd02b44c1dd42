package dev.allocgate.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows JMH's run output line by line: counts runs and reports progress, and collects failed runs.
 *
 * <p>JMH 1.37 prints, before each run (benchmark, mode, parameter combination), {@code # Benchmark mode: ...},
 * then {@code # Benchmark: <name>}, then {@code # Parameters: (a = 1, b = x)} when it has parameters. A failing
 * benchmark prints {@code <failure>} (at the end of an iteration line), a blank line, and the exception; a fork
 * that dies prints {@code <forked VM failed with exit code N>}, after {@code <failure: VM prematurely exited ...>}
 * when the benchmark itself ended the VM ({@code System.exit}): the exit code is then appended to that failure.
 * A failed run's last lines go to a sink of their own when the run is over, so that a build log without JMH's output
 * still shows them. Not thread-safe: fed by one reader thread; only {@link #forkKilled} may be called from another.
 */
final class RunOutputMonitor implements Consumer<String> {
    static final String UNKNOWN_BENCHMARK = "(unknown benchmark)";

    private static final String BENCHMARK_PREFIX = "# Benchmark: ";
    private static final String PARAMETERS_PREFIX = "# Parameters: (";
    private static final String FORK_PREFIX = "# Fork: ";
    private static final Pattern FORK = Pattern.compile("# Fork: (\\d+) of (\\d+)");
    private static final String FAILURE_MARKER = "<failure>";
    private static final String FORK_EXIT_PREFIX = "<forked VM failed";
    private static final String PREMATURE_EXIT = "failure: VM prematurely exited";
    private static final Pattern ITERATION = Pattern.compile("(?:# Warmup )?Iteration\\s+\\d+:\\s*(.*)");
    private static final Pattern SCORE = Pattern.compile("[\\u2248~]?\\s*[-+]?(?:[0-9]|NaN|Infinity|\\u221e)");
    /** JMH's host-side messages for a fork that could not finish. */
    private static final List<String> FORK_FAILURE_PREFIXES = List.of("<forked VM failed", "<failed to invoke the VM",
            "<host VM has been interrupted", "<binary link had failed", "<failure:");

    private final Consumer<String> progressSink;
    private final Consumer<FailedForkOutput> failedRunSink;
    private final Optional<Integer> expectedRuns;
    private final List<BenchmarkFailure> failures = new ArrayList<>();
    /** The current run's output so far (bounded), for the excerpt handed on when it failed. */
    private final Deque<String> runOutput = new ArrayDeque<>();
    /** False once the current run failed and JMH went on to its next header: later lines are not the run's. */
    private boolean collecting = true;

    private String pendingBenchmark;
    private String currentBenchmark;
    private String currentParams = "";
    private boolean currentFailed;
    private boolean awaitingFailureText;
    private int runsStarted;
    /** The current run's progress line, until it is printed (at its first fork, or when the run ends without one). */
    private String pendingProgress;
    /** The current run's progress line without a fork number. */
    private String runProgress = "";
    /** Why allocgate killed the current fork, until the failure JMH then reports takes it as its reason. */
    private volatile String pendingKill;
    /** Non-score text the current run's last iteration line held, e.g. an error message; empty otherwise. */
    private String lastIterationText = "";

    /**
     * @param progressSink receives {@code [k/n] benchmark (params)} per run, with {@code , fork i of N} per fork when
     *                     JMH runs it in several
     * @param expectedRuns n, when known; {@code [k] benchmark} is printed without it or once k exceeds it
     */
    RunOutputMonitor(Consumer<String> progressSink, Optional<Integer> expectedRuns) {
        this(progressSink, failed -> { }, expectedRuns);
    }

    /**
     * @param failedRunSink receives the last lines of each failed run's output, once the run is over (when the next
     *                      run starts or at {@link #finish})
     */
    RunOutputMonitor(Consumer<String> progressSink, Consumer<FailedForkOutput> failedRunSink,
            Optional<Integer> expectedRuns) {
        this.progressSink = progressSink;
        this.failedRunSink = failedRunSink;
        this.expectedRuns = expectedRuns;
    }

    @Override
    public void accept(String line) {
        keep(line);
        if (line.startsWith(FORK_PREFIX)) { // "# Fork: 2 of 3", or "# Fork: N/A, test runs in the host VM"
            Matcher fork = FORK.matcher(line.strip());
            boolean numbered = fork.matches();
            forkStarted(numbered ? Integer.parseInt(fork.group(1)) : 1, numbered ? Integer.parseInt(fork.group(2)) : 1);
        }
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
            return;
        }
        // JMH prints these on a line of their own or after an iteration's "# Warmup Iteration   1: " prefix.
        int start = FORK_FAILURE_PREFIXES.stream().mapToInt(text::indexOf).filter(i -> i >= 0).min().orElse(-1);
        Matcher iteration = ITERATION.matcher(text);
        if (iteration.matches()) {
            String result = start >= 0 ? text.substring(iteration.start(1), start).strip() : iteration.group(1);
            // A score starts with a digit (or JMH's approximately-equal sign); anything else is what the fork
            // printed instead of a result.
            lastIterationText = result.isEmpty() || SCORE.matcher(result).lookingAt() ? "" : result;
        }
        if (start >= 0) {
            String marker = text.substring(start);
            String message = marker.endsWith(">") ? marker.substring(1, marker.length() - 1) : marker.substring(1);
            if (currentFailed && marker.startsWith(FORK_EXIT_PREFIX)) {
                amendFailure(message);
            } else {
                // E.g. an OutOfMemoryError that hit JMH's own threads: "Iteration 1: Java heap space", then exit 1.
                recordFailure(lastIterationText.isEmpty() ? message
                        : message + " (the iteration printed: " + lastIterationText + ")");
            }
        }
    }

    /**
     * The watchdog is killing the current run's fork because it hung: the failure JMH reports next gets
     * {@code reason} instead of JMH's guess ("explicit System.exit was called?"). Safe to call from any thread.
     */
    void forkKilled(String reason) {
        pendingKill = reason;
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
        endRun();
    }

    /** Runs whose header JMH printed so far. */
    int runsStarted() {
        return runsStarted;
    }

    /** Failed runs, one per run, in output order. */
    List<BenchmarkFailure> failures() {
        return List.copyOf(failures);
    }

    /** Adds a line to the current run's output, unless the run failed and JMH has gone on to its next header. */
    private void keep(String line) {
        if (currentFailed && collecting && line.startsWith("# ")) {
            collecting = false;
        }
        if (!collecting) {
            return;
        }
        if (runOutput.size() == FailedForkOutput.BUFFER_LINES) {
            runOutput.removeFirst();
        }
        runOutput.addLast(line);
    }

    /** One progress line per fork: {@code [k/n] benchmark (params), fork i of N} when the run has several. */
    private void forkStarted(int fork, int forks) {
        if (pendingProgress == null && fork == 1) {
            return; // printed already
        }
        pendingProgress = null;
        progressSink.accept(runProgress + (forks > 1 ? ", fork " + fork + " of " + forks : ""));
    }

    /** Hands on the excerpt of the run that is ending, if it failed. */
    private void endRun() {
        if (pendingProgress != null) {
            progressSink.accept(pendingProgress);
            pendingProgress = null;
        }
        if (currentFailed && currentBenchmark != null) {
            failedRunSink.accept(FailedForkOutput.of(currentBenchmark + (currentParams.isEmpty() ? "" : " (" + currentParams + ")"),
                    new ArrayList<>(runOutput)));
        }
        runOutput.clear();
        collecting = true;
        currentFailed = false;
    }

    private void startRun(String benchmark, String params) {
        endRun();
        currentBenchmark = benchmark;
        currentParams = params;
        currentFailed = false;
        awaitingFailureText = false;
        lastIterationText = "";
        runsStarted++;
        String counter = expectedRuns.filter(n -> runsStarted <= n).map(n -> runsStarted + "/" + n)
                .orElse(Integer.toString(runsStarted));
        runProgress = "[" + counter + "] " + benchmark + (params.isEmpty() ? "" : " (" + params + ")");
        pendingProgress = runProgress;
    }

    private void recordFailure(String firstErrorLine) {
        if (currentFailed) {
            return;
        }
        currentFailed = true;
        String killed = pendingKill;
        pendingKill = null;
        String reason = firstErrorLine;
        if (killed != null) {
            // JMH's guess for a fork that vanished ("explicit System.exit was called?") does not apply to a kill.
            reason = firstErrorLine.startsWith(PREMATURE_EXIT) ? killed : killed + "; " + firstErrorLine;
        }
        failures.add(new BenchmarkFailure(currentBenchmark == null ? UNKNOWN_BENCHMARK : currentBenchmark,
                currentParams, reason));
    }

    /** Adds JMH's exit-code line to the current run's failure (recorded just before), once. */
    private void amendFailure(String message) {
        BenchmarkFailure last = failures.get(failures.size() - 1);
        if (!last.firstErrorLine().contains(message)) {
            failures.set(failures.size() - 1,
                    new BenchmarkFailure(last.benchmark(), last.params(), last.firstErrorLine() + "; " + message));
        }
    }
}
