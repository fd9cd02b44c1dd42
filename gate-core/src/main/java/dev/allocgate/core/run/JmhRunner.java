package dev.allocgate.core.run;

import dev.allocgate.core.BenchmarkRunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a module's JMH benchmarks in a child JVM ({@code java -cp <classpath> org.openjdk.jmh.Main}), because
 * JMH forks from the current JVM's class path and so cannot run inside Maven's JVM.
 *
 * <p>The host JVM gets a single option, {@code -Djava.io.tmpdir=<workDirectory>/tmp}, so that JMH's global lock
 * file ({@code java.io.tmpdir/jmh.lock}) is private to the work directory and concurrent runs of different
 * modules never collide. Forks inherit the host's JVM options, so this option also shows in each result's
 * {@code jvmArgs}. Extra JVM options for the benchmarks go to the forks only, through {@code -jvmArgsAppend}.
 *
 * <p>Faults of a single benchmark are reported per benchmark and do not stop the run (JMH 1.37 behaviour, verified
 * by the tests in {@code dev.allocgate.core.faults}): an exception, {@code OutOfMemoryError} included, is a
 * {@code <failure>} with the exception's first line; a fork that calls {@code System.exit(n)} is
 * {@code failure: VM prematurely exited ...; forked VM failed with exit code n}; a fork that prints nothing for
 * {@link RunSettings#hangTimeout()} is killed (by the package-private {@code HangWatchdog}). Forks orphaned by a
 * JMH host killed from outside are killed too.
 */
public final class JmhRunner {
    private static final String MISSING_BENCHMARK_LIST = "Unable to find the resource: /META-INF/BenchmarkList";

    private final Consumer<String> outputSink;
    private final Consumer<String> progressSink;
    private final Consumer<FailedForkOutput> failedRunSink;

    /**
     * @param outputSink   receives every line JMH prints (listing and run), e.g. for the Maven log
     * @param progressSink receives one {@code [k/n] benchmark (params)} line as each run starts
     */
    public JmhRunner(Consumer<String> outputSink, Consumer<String> progressSink) {
        this(outputSink, progressSink, failed -> { });
    }

    /**
     * @param outputSink    receives every line JMH prints (listing and run), e.g. for the Maven log
     * @param progressSink  receives one {@code [k/n] benchmark (params)} line as each run starts
     * @param failedRunSink receives the last lines of each run JMH reported as failed, once that run is over
     */
    public JmhRunner(Consumer<String> outputSink, Consumer<String> progressSink, Consumer<FailedForkOutput> failedRunSink) {
        this.outputSink = Objects.requireNonNull(outputSink, "outputSink");
        this.progressSink = Objects.requireNonNull(progressSink, "progressSink");
        this.failedRunSink = Objects.requireNonNull(failedRunSink, "failedRunSink");
    }

    /**
     * Lists the benchmarks that the settings' includes and excludes select ({@code -lp}), sorted by name, one
     * entry per benchmark method whatever its modes. A filter that matches nothing gives an empty list.
     *
     * @throws NoBenchmarksException  when the class path has no, or an empty, {@code META-INF/BenchmarkList}
     * @throws BenchmarkRunException  when JMH cannot be started, fails, or times out
     */
    public List<ListedBenchmark> list(RunSettings settings) throws BenchmarkRunException {
        return distinct(listEntries(settings, Instant.now().plus(settings.timeout())));
    }

    /**
     * Lists, then runs every selected benchmark in one JMH invocation with
     * {@code -prof gc -rf json -rff <resultFile> -foe false}, streaming JMH's output to the output sink.
     * A stale {@code resultFile} is deleted first. Runs that JMH reports as failed are returned in
     * {@link RunOutcome#failures()}; they are absent from the result file.
     *
     * @throws NoBenchmarksException when the class path holds no benchmarks
     * @throws BenchmarkRunException when the filter matches nothing, JMH exits non-zero, the timeout expires
     *                               (the process tree is killed), or the result file is missing or empty
     */
    public RunOutcome run(RunSettings settings, Path resultFile) throws BenchmarkRunException {
        Objects.requireNonNull(resultFile, "resultFile");
        Instant start = Instant.now();
        Instant deadline = start.plus(settings.timeout());
        List<ListedBenchmark> entries = listEntries(settings, deadline);
        if (entries.isEmpty()) {
            throw filterMatchedNothing(settings);
        }
        List<ListedBenchmark> listed = distinct(entries);

        Path result = resultFile.toAbsolutePath();
        prepare(settings, result);
        RunOutputMonitor monitor = new RunOutputMonitor(progressSink, failedRunSink, expectedRuns(entries, listed, settings));
        HangWatchdog watchdog = new HangWatchdog(settings.hangTimeout(), monitor::forkKilled);
        ChildProcess.Completion completion = ChildProcess.run("the JMH run", JmhCommand.run(settings, result), deadline,
                line -> {
                    watchdog.activity();
                    outputSink.accept(line);
                    monitor.accept(line);
                }, host -> watchdog.check(host.toHandle()));
        monitor.finish();
        List<BenchmarkFailure> failures = monitor.failures();
        List<String> failed = failures.stream().map(BenchmarkFailure::benchmark).distinct().toList();

        if (completion.timedOut()) {
            throw new BenchmarkRunException("The JMH run did not finish within " + settings.timeout()
                    + " and was killed after " + monitor.runsStarted() + " started run(s); last lines of output:"
                    + System.lineSeparator() + completion.tailText(), names(listed));
        }
        if (completion.exitCode() != 0) {
            throw new BenchmarkRunException("JMH exited with code " + completion.exitCode() + describe(failures)
                    + "; last lines of output:" + System.lineSeparator() + completion.tailText(),
                    failed.isEmpty() ? names(listed) : failed);
        }
        checkResultFile(result, failures, failed, completion);
        return new RunOutcome(listed, result, failures, Duration.between(start, Instant.now()));
    }

    private List<ListedBenchmark> listEntries(RunSettings settings, Instant deadline) throws BenchmarkRunException {
        checkJava(settings.javaExecutable());
        createDirectories(settings.tmpDirectory());
        List<String> lines = new ArrayList<>();
        ChildProcess.Completion completion = ChildProcess.run("the JMH listing", JmhCommand.list(settings), deadline,
                line -> {
                    outputSink.accept(line);
                    lines.add(line);
                });
        checkListing(settings, completion, lines, completion.exitCode() == 0, "is jmh-core on the class path?");
        List<ListedBenchmark> entries = JmhListingParser.parse(lines).orElseThrow(() -> new BenchmarkRunException(
                "JMH's listing had no 'Benchmarks:' header; last lines of output:" + System.lineSeparator()
                        + completion.tailText(), List.of()));
        if (entries.isEmpty() && settings.includes().isEmpty() && settings.excludes().isEmpty()) {
            throw new NoBenchmarksException("No JMH benchmarks in this class path: META-INF/BenchmarkList lists none");
        }
        return entries;
    }

    /**
     * Runs JMH will start: with {@code -bm}, each benchmark once per given mode; otherwise one per listed entry
     * (JMH lists a benchmark once per declared mode). Each is multiplied by its parameter combinations.
     * Not exact for {@code @BenchmarkMode(Mode.All)}, which the listing shows as one entry; progress then
     * switches to {@code [k]} past the estimate.
     */
    private static Optional<Integer> expectedRuns(List<ListedBenchmark> entries, List<ListedBenchmark> listed,
            RunSettings settings) {
        Optional<Integer> modes = JmhCommand.modeCount(settings.mode());
        if (modes.isPresent()) {
            return Optional.of(modes.get() * listed.stream().mapToInt(ListedBenchmark::runCount).sum());
        }
        return Optional.of(entries.stream().mapToInt(ListedBenchmark::runCount).sum());
    }

    private static List<ListedBenchmark> distinct(List<ListedBenchmark> entries) {
        Map<String, ListedBenchmark> byName = new TreeMap<>();
        for (ListedBenchmark entry : entries) {
            byName.putIfAbsent(entry.benchmark(), entry);
        }
        return List.copyOf(byName.values());
    }

    /** The error for a filter that selected no benchmark. */
    static BenchmarkRunException filterMatchedNothing(RunSettings settings) {
        return new BenchmarkRunException("The benchmark filter matched no benchmark (includes " + settings.includes()
                + ", excludes " + settings.excludes() + "); check the patterns, JMH matches them as regexes"
                + " against package.Class.method", List.of());
    }

    /**
     * Fails a listing that timed out or did not {@code succeed}: with {@link NoBenchmarksException} when the class
     * path has no {@code META-INF/BenchmarkList}, otherwise naming the exit code, {@code hint} and the last output.
     */
    static void checkListing(RunSettings settings, ChildProcess.Completion completion, List<String> lines,
            boolean succeeded, String hint) throws BenchmarkRunException {
        if (completion.timedOut()) {
            throw new BenchmarkRunException("Listing the JMH benchmarks did not finish within " + settings.timeout()
                    + "; last lines of output:" + System.lineSeparator() + completion.tailText(), List.of());
        }
        if (!succeeded) {
            if (lines.stream().anyMatch(line -> line.contains("main class " + JmhCommand.WATCHED_JMH_MAIN))) {
                throw new BenchmarkRunException("allocgate-profiler is not on the benchmark class path (its "
                        + JmhCommand.WATCHED_JMH_MAIN + " starts JMH); add it to the class path given to allocgate",
                        List.of());
            }
            if (lines.stream().anyMatch(line -> line.contains(MISSING_BENCHMARK_LIST))) {
                throw new NoBenchmarksException("No JMH benchmarks in this class path: META-INF/BenchmarkList was not"
                        + " found in any of its " + settings.classpath().size() + " entries (benchmarks are listed"
                        + " there by JMH's annotation processor, jmh-generator-annprocess, at compile time)");
            }
            throw new BenchmarkRunException("Listing the JMH benchmarks failed with exit code " + completion.exitCode()
                    + " (" + hint + "); last lines of output:" + System.lineSeparator() + completion.tailText(), List.of());
        }
    }

    static void checkJava(Path java) throws BenchmarkRunException {
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new BenchmarkRunException("Java executable " + java + " does not exist or is not executable",
                    List.of());
        }
    }

    private static void prepare(RunSettings settings, Path result) throws BenchmarkRunException {
        createDirectories(settings.tmpDirectory());
        Path parent = result.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            // JMH only writes the file at the very end: a leftover from an earlier run must not pass as this one.
            Files.deleteIfExists(result);
        } catch (IOException e) {
            throw new BenchmarkRunException("Could not delete the old JMH result file " + result + ": " + e, e);
        }
    }

    static void createDirectories(Path directory) throws BenchmarkRunException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BenchmarkRunException("Could not create directory " + directory + ": " + e, e);
        }
    }

    private static void checkResultFile(Path result, List<BenchmarkFailure> failures, List<String> failed,
            ChildProcess.Completion completion) throws BenchmarkRunException {
        String problem;
        if (!Files.isRegularFile(result)) {
            problem = "did not write the result file " + result;
        } else {
            String content;
            try {
                content = Files.readString(result, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BenchmarkRunException("Could not read the JMH result file " + result + ": " + e, e);
            }
            String compact = content.replaceAll("\\s", "");
            if (compact.isEmpty() || compact.equals("[]")) {
                problem = "wrote no results to " + result;
            } else {
                return;
            }
        }
        throw new BenchmarkRunException("JMH exited normally but " + problem + describe(failures)
                + "; last lines of output:" + System.lineSeparator() + completion.tailText(), failed);
    }

    private static String describe(List<BenchmarkFailure> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        return "; failed: " + failures.stream()
                .map(f -> f.benchmark() + (f.params().isEmpty() ? "" : " (" + f.params() + ")") + ": "
                        + f.firstErrorLine())
                .collect(Collectors.joining("; "));
    }

    private static List<String> names(List<ListedBenchmark> listed) {
        return listed.stream().map(ListedBenchmark::benchmark).toList();
    }
}
