package dev.allocgate.core.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.parallel.DaemonThreads;
import dev.allocgate.profiler.ForkProtocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * allocgate's adaptive engine: starts one JVM per fork itself (running allocgate-profiler's {@code ForkMain}, which
 * runs JMH in-process for one benchmark, parameter combination and mode), several side by side, and asks a
 * {@link ForkDecider} after every fork whether the benchmark needs more. The forks' JSON results are merged into one
 * file in JMH's format, with every fork's raw data, so {@code compare} and other JMH tools can read it.
 *
 * <p>Faults stay per benchmark: a fork that throws, exits, crashes or hangs (no output for
 * {@link RunSettings#hangTimeout()}) makes its benchmark FAILED with the reason, and the others go on.
 */
public final class AdaptiveRunner {
    private static final JsonFactory JSON = new JsonFactory();

    /** What the decider says after a fork: how many more forks, and why (for the progress line). */
    public record Decision(int moreForks, String reason) {
        public static Decision done(String reason) {
            return new Decision(0, reason);
        }
    }

    /** Decides, from the forks measured so far (merged into one measurement), whether a benchmark needs more. */
    @FunctionalInterface
    public interface ForkDecider {
        Decision decide(ForkTarget target, Measurement soFar) throws AllocgateException;

        /** Whether the forks make baselines, which keep what the run could not measure (its warnings say more). */
        default boolean recording() {
            return false;
        }
    }

    private final Consumer<String> outputSink;
    private final Consumer<String> progressSink;
    private final Consumer<FailedForkOutput> failedForkSink;
    private volatile boolean classDataSharing = true;

    /**
     * @param outputSink   every line the benchmark JVMs print, prefixed with the fork it came from (called from
     *                     several threads, one at a time)
     * @param progressSink one line per finished fork and per decision
     */
    public AdaptiveRunner(Consumer<String> outputSink, Consumer<String> progressSink) {
        this(outputSink, progressSink, failed -> { });
    }

    /**
     * @param outputSink     every line the benchmark JVMs print, prefixed with the fork it came from (called from
     *                       several threads, one at a time)
     * @param progressSink   one line per finished fork and per decision
     * @param failedForkSink the last lines of each failed fork's output, right after its progress line
     */
    public AdaptiveRunner(Consumer<String> outputSink, Consumer<String> progressSink,
            Consumer<FailedForkOutput> failedForkSink) {
        Objects.requireNonNull(outputSink, "outputSink");
        Objects.requireNonNull(progressSink, "progressSink");
        Objects.requireNonNull(failedForkSink, "failedForkSink");
        this.failedForkSink = failedForkSink;
        this.outputSink = line -> {
            synchronized (this) {
                outputSink.accept(line);
            }
        };
        this.progressSink = line -> {
            synchronized (this) {
                progressSink.accept(line);
            }
        };
    }

    /**
     * The runs the settings select: every listed benchmark entry in each mode (the settings' {@code mode} when given)
     * and each combination of its {@code @Param} values, sorted.
     */
    public List<ForkTarget> list(RunSettings settings, Instant deadline) throws BenchmarkRunException {
        return listing(settings, deadline).targets();
    }

    /** The selected runs, and the name of the VM that listed them (it decides whether forks get compiler hints). */
    private record Listing(List<ForkTarget> targets, String vmName) {
    }

    private Listing listing(RunSettings settings, Instant deadline) throws BenchmarkRunException {
        JmhRunner.checkJava(settings.javaExecutable());
        JmhRunner.createDirectories(settings.tmpDirectory());
        List<String> lines = new ArrayList<>();
        Consumer<String> sink = line -> {
            outputSink.accept(line);
            lines.add(line);
        };
        ChildProcess.Completion completion = InProcessListing.applies(settings.javaExecutable())
                ? InProcessListing.run(settings.classpath(), ForkCommand.listArguments(settings), sink)
                : ChildProcess.run("the benchmark listing", ForkCommand.list(settings), deadline, sink);
        JmhRunner.checkListing(settings, completion, lines, completion.exitCode() == 0 && lines.contains(ForkProtocol.Kind.LISTED.line()),
                "are jmh-core and allocgate-profiler on the class path?");
        Map<String, ForkTarget> targets = new TreeMap<>();
        for (String line : lines) {
            Optional<String> entry = ForkProtocol.Kind.ENTRY.text(line);
            if (entry.isPresent()) {
                for (ForkTarget t : targets(entry.get(), settings.mode())) {
                    targets.putIfAbsent(t.key().toString(), t);
                }
            }
        }
        if (targets.isEmpty() && settings.includes().isEmpty() && settings.excludes().isEmpty()) {
            throw new NoBenchmarksException("No JMH benchmarks in this class path: META-INF/BenchmarkList lists none");
        }
        String vmName = lines.stream().map(ForkProtocol.Kind.VM::text).flatMap(Optional::stream).findFirst().orElse("");
        return new Listing(List.copyOf(targets.values()), vmName);
    }

    /**
     * Whether the forks share a class-data archive of the fork class path's jars ({@link ForkClassSharing}; default
     * on). Off, every fork loads its classes as a plain JVM does.
     */
    public void classDataSharing(boolean on) {
        this.classDataSharing = on;
    }

    /**
     * Lists, then runs every selected benchmark with as many forks as {@code decider} asks for (at least
     * {@code initialForks}), {@link ForkPlan#parallelForks()} at a time, and writes the merged results to
     * {@code resultFile} (a stale one is deleted first).
     *
     * @param agentArgs JVM arguments allocgate adds to every fork (the counting agent); forks of a HotSpot VM get
     *                  JMH's compiler hints
     * @throws BenchmarkRunException when the filter matches nothing, the run's timeout expires, or no fork of any
     *                               benchmark produced a result
     */
    public RunOutcome run(RunSettings settings, ForkPlan plan, int initialForks, ForkDecider decider,
            List<String> agentArgs, Path resultFile) throws AllocgateException, IOException {
        return run(settings, plan, key -> initialForks, key -> 0, decider, agentArgs, resultFile);
    }

    /**
     * As {@link #run(RunSettings, ForkPlan, int, ForkDecider, List, Path)}, with the forks each listed run starts with
     * given per run: a run given 0 forks is not run (a base-vs-PR check's later rounds run only the undecided ones).
     */
    public RunOutcome run(RunSettings settings, ForkPlan plan, ToIntFunction<BenchmarkKey> initialForks,
            ForkDecider decider, List<String> agentArgs, Path resultFile) throws AllocgateException, IOException {
        return run(settings, plan, initialForks, key -> 0, decider, agentArgs, resultFile);
    }

    /**
     * As {@link #run(RunSettings, ForkPlan, ToIntFunction, ForkDecider, List, Path)}, with the runs started in order of
     * {@code expectedSeconds}, the most first (a stable order: the listing's among equals), so that a costly
     * benchmark's forks do not come last and leave the other slots idle.
     */
    public RunOutcome run(RunSettings settings, ForkPlan plan, ToIntFunction<BenchmarkKey> initialForks,
            ToDoubleFunction<BenchmarkKey> expectedSeconds, ForkDecider decider, List<String> agentArgs,
            Path resultFile) throws AllocgateException, IOException {
        Instant start = Instant.now();
        Instant deadline = start.plus(settings.timeout());
        Listing listing = listing(settings, deadline);
        List<ForkTarget> targets = listing.targets();
        boolean hinted = ForkCommand.takesCompilerHints(listing.vmName());
        if (targets.isEmpty()) {
            throw JmhRunner.filterMatchedNothing(settings);
        }
        Path result = resultFile.toAbsolutePath();
        Files.deleteIfExists(result);
        // A directory of this run's own: two runs in one work directory (two builds of one checkout) never mix forks.
        Files.createDirectories(settings.workDirectory());
        Path forkDirectory = Files.createTempDirectory(settings.workDirectory(), "forks-");
        // Jackson's data binding, which reads the forks' results, costs a cold JVM about half a second to set up:
        // done while the first forks start rather than before.
        CompletableFuture<JmhResultReader> reader = CompletableFuture.supplyAsync(JmhResultReader::new,
                DaemonThreads.named("allocgate-result-reader"));

        ExecutorService pool = Executors.newFixedThreadPool(plan.parallelForks(), DaemonThreads.numbered("allocgate-fork-"));
        ForkClassSharing sharing = new ForkClassSharing(settings.javaExecutable(), settings.classpath(),
                settings.workDirectory(), hinted && classDataSharing, targets.size(), outputSink);
        Schedule schedule = new Schedule(settings, plan, agentArgs, hinted, forkDirectory, pool, reader, targets, sharing);
        try {
            List<ForkTarget> costliestFirst = targets.stream()
                    .sorted(Comparator.comparingDouble((ForkTarget t) -> expectedSeconds.applyAsDouble(t.key())).reversed())
                    .toList();
            for (ForkTarget target : costliestFirst) {
                int forks = initialForks.applyAsInt(target.key());
                if (forks > 0) {
                    schedule.submit(target, forks, false);
                }
            }
            while (schedule.pending > 0) {
                schedule.next(deadline, targets, decider);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkRunException("Interrupted while running the benchmarks; their JVMs were killed", e);
        } finally {
            sharing.close();
            pool.shutdownNow();
            awaitTermination(pool);
        }

        List<BenchmarkFailure> failures = new ArrayList<>();
        schedule.failed.forEach((target, reason) -> failures.add(new BenchmarkFailure(target.benchmark(),
                jmhParams(target), reason)));
        List<Path> forkFiles = new ArrayList<>();
        schedule.done.forEach((target, forks) -> {
            if (!schedule.failed.containsKey(target)) {
                forks.forEach(f -> forkFiles.add(f.resultFile));
            }
        });
        if (forkFiles.isEmpty()) {
            throw new BenchmarkRunException("No benchmark produced a result; failed: " + failures.stream()
                    .map(f -> f.benchmark() + ": " + f.firstErrorLine()).collect(Collectors.joining("; ")),
                    failures.stream().map(BenchmarkFailure::benchmark).distinct().toList());
        }
        Map<BenchmarkKey, List<String>> userArgs = new LinkedHashMap<>();
        targets.forEach(t -> userArgs.put(t.key(), t.userJvmArgs(settings.jvmArgs())));
        ForkResults.merge(forkFiles, userArgs, result);
        deleteForkResults(forkDirectory); // the merged file holds all of it; a failed run keeps them for a look
        List<String> warnings = new ArrayList<>();
        schedule.done.forEach((target, forks) -> {
            long unsettled = forks.stream().filter(f -> f.warmupEnd == ForkProtocol.WarmupEnd.CAPPED).count();
            if (unsettled > 0 && !schedule.failed.containsKey(target)) {
                warnings.add(target.key() + ": " + unsettled + " of " + forks.size() + " fork(s) reached the warmup"
                        + " cap (maxWarmup " + plan.maxWarmup().toMillis() + " ms of running, at most three times that"
                        + " on a loaded machine) before C2 had compiled the"
                        + " benchmark's code (JMH's loop or the benchmark method, for each method of a group) and the"
                        + " allocation had settled (or, compiled, had varied for 8 rounds without a trend), so they may"
                        + " have measured interpreted or C1 code; raise allocgate.maxWarmup if its value looks wrong");
            }
        });
        schedule.done.forEach((target, forks) -> {
            if (!schedule.failed.containsKey(target)) {
                warnings.addAll(unsteady(target.key(), forks));
                warnings.addAll(droppedMetrics(target.key(), forks));
                warnings.addAll(c2Unchecked(target.key(), forks));
                if (decider.recording()) { // a check's gross figure lasts one run; a baseline's, until recorded again
                    warnings.addAll(grossBytes(target.key(), forks));
                }
            }
        });
        Map<BenchmarkKey, Double> forkSeconds = new TreeMap<>();
        schedule.done.forEach((target, forks) -> {
            if (!schedule.failed.containsKey(target) && !forks.isEmpty()) {
                forkSeconds.put(target.key(), Sample.of(forks.stream().mapToDouble(f -> f.seconds).toArray()).median());
            }
        });
        return new RunOutcome(listed(targets), result, failures, Duration.between(start, Instant.now()), warnings,
                forkSeconds);
    }

    /** Settled forks whose measured iterations disagreed each time they measured. */
    static List<String> unsteady(BenchmarkKey key, List<ForkRun> forks) {
        // the cap has its own warning, and a fluctuating warmup's measurement is not run again
        long unsteady = forks.stream().filter(f -> f.warmupEnd == ForkProtocol.WarmupEnd.SETTLED && !f.steady).count();
        return unsteady == 0 ? List.of() : List.of(key + ": in " + unsteady + " of " + forks.size() + " fork(s) the"
                + " measured iterations still disagreed after " + (1 + ForkProtocol.MAX_REMEASUREMENTS) + " measurements:"
                + " their allocation changed while they were measured (a late recompilation of the benchmark's code, or"
                + " allocation that depends on scheduling, as under lock contention), so their figures average over"
                + " the change");
    }

    /**
     * Forks of a one-thread benchmark that could not take JMH's per-iteration share out of bytes/op (they printed a
     * {@link ForkProtocol.Kind#GROSS} line) while most of its forks did: the merge then keeps the share in every
     * fork's figure ({@link #merge}), and a change smaller than that share per operation cannot be told from it. A
     * benchmark most of whose forks could not is one whose allocation per operation varies a little (LogEncoding's
     * UTF-8 run is net in one fork of eight), which is no news. Said when recording only: a check's figures last one
     * run, and in a check of a loaded machine the warning would name a few benchmarks every time.
     */
    static List<String> grossBytes(BenchmarkKey key, List<ForkRun> forks) {
        long gross = forks.stream().filter(f -> f.gross).count();
        long net = forks.stream().filter(f -> f.measurement != null && f.measurement.netBytes()).count();
        double ops = forks.stream().filter(f -> f.measurement != null).mapToDouble(f -> f.measurement.opsPerIteration())
                .filter(Double::isFinite).min().orElse(Double.NaN);
        if (gross == 0 || 2 * net <= forks.size()) {
            return List.of();
        }
        String hidden = Double.isNaN(ops) ? "" : String.format(Locale.ROOT, ", up to %.2g B/op over %.0f operations"
                + " per iteration,", JmhResultReader.JMH_WORKER_BYTES_PER_ITERATION / ops, ops);
        return List.of(key + ": " + gross + " of " + forks.size() + " fork(s) could not tell JMH's own allocation per"
                + " iteration apart from the benchmark's, as the others did (the warmup did not settle, the measured"
                + " iterations disagreed, or the rounds and iterations did not lie on one line: a busy machine, or one"
                + " iteration that allocated more), so the benchmark's B/op keep it" + hidden + " and a smaller change"
                + " cannot be seen against this baseline; the forks' points are on the 'allocgate-fork gross' lines of"
                + " jmh-output.log. Record again on a quieter machine");
    }

    /** Forks whose JVM could not tell whether C2 had compiled the benchmark: their warmup ended on agreement alone. */
    static List<String> c2Unchecked(BenchmarkKey key, List<ForkRun> forks) {
        long unchecked = forks.stream().filter(f -> f.c2Unchecked).count();
        return unchecked == 0 ? List.of() : List.of(key + ": the benchmark JVM has no Compiler.codelist diagnostic"
                + " command (not HotSpot?), so " + unchecked + " of " + forks.size() + " fork(s) could not check that C2"
                + " had compiled the benchmark; their warmup ended when the allocation agreed across rounds. Run the"
                + " benchmarks on a HotSpot JVM (allocgate.jvm) for the C2 check");
    }

    /**
     * Metrics some forks of a benchmark measured and others did not: the merge keeps no misleading subset, so they
     * are dropped for the benchmark, which the user must hear of (a gated one the baseline has then fails it).
     */
    static List<String> droppedMetrics(BenchmarkKey key, List<ForkRun> forks) {
        List<String> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            long with = forks.stream().filter(f -> f.measurement.sample(metric).isPresent()).count();
            if (with > 0 && with < forks.size()) {
                out.add(key + ": " + metric.unit() + " was measured in " + with + " of " + forks.size() + " forks only,"
                        + " so it was dropped for this benchmark; the forks' output is in jmh-output.log");
            }
        }
        return out;
    }

    /**
     * The forks of one run: which are queued or running, which finished, and which benchmarks failed. Used from the
     * calling thread only; the forks themselves run on the pool.
     *
     * <p>Targets that are one measurement ({@link ForkTarget#runKey}: a method's AverageTime and SampleTime modes) share
     * their forks: a fork of the group's first target writes the result of each, and each target takes the group's
     * forks in the order they started, as many as it asked for, so that it sees what forks of its own would have
     * given. The group runs as many forks as its most demanding target.
     */
    private final class Schedule {
        private final RunSettings settings;
        private final ForkPlan plan;
        private final List<String> agentArgs;
        private final boolean hinted;
        private final Path forkDirectory;
        private final CompletableFuture<JmhResultReader> reader;
        private final ExecutorCompletionService<ForkRun> completions;
        private final Map<List<String>, Path> hintFiles = new LinkedHashMap<>();
        private final ForkClassSharing sharing;
        final Map<ForkTarget, List<ForkRun>> done = new LinkedHashMap<>();
        final Map<ForkTarget, String> failed = new LinkedHashMap<>();
        private final Map<ForkTarget, Integer> submittedFor = new LinkedHashMap<>();
        /** Each target's group, by the group's first target, whose forks run. */
        private final Map<ForkTarget, ForkTarget> groupOf = new LinkedHashMap<>();
        /** Each group's targets, the first first. */
        private final Map<ForkTarget, List<ForkTarget>> members = new LinkedHashMap<>();
        /** Forks queued or started per group. */
        private final Map<ForkTarget, Integer> launched = new LinkedHashMap<>();
        /** The numbers of each group's forks in the order they started. */
        private final Map<ForkTarget, List<Integer>> startOrder = new LinkedHashMap<>();
        /** Finished forks by number: a target takes them in its group's start order, whenever they end. */
        private final Map<Integer, ForkRun> finished = new LinkedHashMap<>();
        /** Groups one of whose forks failed: their queued forks are not started. */
        private final Set<ForkTarget> brokenGroups = new HashSet<>();
        /** Forks whose failure's output has been shown. */
        private final Set<Integer> failureShown = new HashSet<>();
        /**
         * Groups whose forks are queued but not yet started. A benchmark's further forks go first: they are what a
         * decision waits for, so with one at the back a run would end with that benchmark's forks one after another
         * while the other slots idle.
         */
        private final Deque<ForkTarget> waiting = new ArrayDeque<>();
        private int running;
        /** Forks started so far: a fork's number. */
        private int started;
        /** Forks queued so far. */
        private int submitted;
        /** Forks queued or running. */
        int pending;

        Schedule(RunSettings settings, ForkPlan plan, List<String> agentArgs, boolean hinted, Path forkDirectory,
                ExecutorService pool, CompletableFuture<JmhResultReader> reader, List<ForkTarget> targets,
                ForkClassSharing sharing) {
            this.sharing = sharing;
            this.settings = settings;
            this.plan = plan;
            this.agentArgs = agentArgs;
            this.hinted = hinted;
            this.forkDirectory = forkDirectory;
            this.reader = reader;
            this.completions = new ExecutorCompletionService<>(pool);
            Map<List<Object>, ForkTarget> firstByRunKey = new LinkedHashMap<>();
            for (ForkTarget target : targets) {
                ForkTarget first = firstByRunKey.computeIfAbsent(target.runKey(), k -> target);
                groupOf.put(target, first);
                members.computeIfAbsent(first, f -> new ArrayList<>()).add(target);
            }
        }

        /**
         * Queues forks so that {@code target} gets {@code count} more: a benchmark's first forks behind those already
         * waiting, its further forks ({@code further}) ahead of them. A target whose group has started or queued
         * enough forks for it takes those.
         */
        void submit(ForkTarget target, int count, boolean further) {
            done.computeIfAbsent(target, t -> new ArrayList<>());
            submittedFor.merge(target, count, Integer::sum);
            ForkTarget group = groupOf.get(target);
            int wanted = members.get(group).stream().filter(m -> !failed.containsKey(m))
                    .mapToInt(m -> submittedFor.getOrDefault(m, 0)).max().orElse(0);
            int more = wanted - launched.getOrDefault(group, 0);
            for (int i = 0; i < more; i++) {
                if (further) {
                    waiting.addFirst(group);
                } else {
                    waiting.addLast(group);
                }
            }
            if (more > 0) {
                launched.merge(group, more, Integer::sum);
                submitted += more;
                pending += more;
            }
            start();
        }

        /** Starts waiting forks, numbered as they start, while a slot is free; a failed group's are dropped. */
        private void start() {
            while (running < plan.parallelForks() && !waiting.isEmpty()) {
                ForkTarget group = waiting.removeFirst();
                if (brokenGroups.contains(group)) {
                    pending--;
                    continue;
                }
                List<String> userArgs = group.userJvmArgs(settings.jvmArgs());
                Path hintsFile = hinted ? hintFiles.computeIfAbsent(userArgs, args -> writeHints(settings, args)) : null;
                int number = ++started;
                startOrder.computeIfAbsent(group, g -> new ArrayList<>()).add(number);
                Path resultFile = forkDirectory.resolve("fork-" + number + ".json");
                // every twin's result, also of one not queued yet: a target takes the group's forks from the first
                Map<ForkTarget, Path> twinFiles = new LinkedHashMap<>();
                for (ForkTarget twin : members.get(group).subList(1, members.get(group).size())) {
                    twinFiles.put(twin, forkDirectory.resolve("fork-" + number + "-" + twin.mode() + ".json"));
                }
                List<String> plain = ForkCommand.run(settings, plan, group, userArgs, hintsFile, agentArgs, resultFile,
                        twinFiles);
                List<String> forkArgs = ForkCommand.jvmArgs(plain);
                ForkClassSharing.Launch launch = sharing.launch(userArgs, forkArgs);
                List<String> command = ForkCommand.withSharing(plain, launch);
                completions.submit(() -> {
                    ForkRun run = runFork(settings, group, number, command, resultFile, twinFiles, reader);
                    sharing.ended(launch, forkArgs, run.failure == null && !run.timedOut);
                    return run;
                });
                running++;
            }
        }

        /**
         * Takes the next finished fork to the targets of its group ({@link #deliver}): a failure fails each that
         * reaches it; a target's results, once all it asked for are in, go to the decider, which may queue more.
         */
        void next(Instant deadline, List<ForkTarget> targets, ForkDecider decider)
                throws AllocgateException, InterruptedException {
            long remaining = Duration.between(Instant.now(), deadline).toNanos();
            Future<ForkRun> next = completions.poll(Math.max(0, remaining) + TimeUnit.SECONDS.toNanos(10),
                    TimeUnit.NANOSECONDS);
            List<String> names = targets.stream().map(ForkTarget::benchmark).distinct().toList();
            if (next == null) {
                throw new BenchmarkRunException("The benchmark run did not finish within " + settings.timeout(), names);
            }
            pending--;
            running--;
            take(get(next), names, decider); // throws when the run must stop: then no more forks start
            start();
        }

        /** A finished fork to the targets of its group that take it; {@code names}: the run's benchmarks, for a timeout. */
        private void take(ForkRun fork, List<String> names, ForkDecider decider) throws AllocgateException {
            ForkTarget group = fork.target;
            if (fork.timedOut) {
                throw new BenchmarkRunException("The benchmark run did not finish within " + settings.timeout()
                        + " and was stopped in " + group.key() + "; last lines of output:" + System.lineSeparator()
                        + fork.tail, names);
            }
            finished.put(fork.number, fork);
            if (fork.failure != null) {
                brokenGroups.add(group);
            }
            for (ForkTarget member : members.get(group)) {
                if (done.containsKey(member)) {
                    deliver(member, decider);
                }
            }
        }

        /**
         * Gives {@code target} its group's finished forks in the order they started, up to the number it asked for;
         * once all are in, the decider says whether it needs more. A failed fork fails the target that reaches it.
         */
        private void deliver(ForkTarget target, ForkDecider decider) throws AllocgateException {
            List<ForkRun> forks = done.get(target);
            List<Integer> order = startOrder.getOrDefault(groupOf.get(target), List.of());
            while (!failed.containsKey(target) && forks.size() < submittedFor.get(target) && forks.size() < order.size()) {
                ForkRun fork = finished.get(order.get(forks.size()));
                if (fork == null) {
                    return; // the next fork in order is still running
                }
                String head = String.format(Locale.ROOT, "[%d/%d] %s fork %d", fork.number, submitted, target.key(),
                        forks.size() + 1);
                if (fork.failure != null) {
                    failed.put(target, fork.failure);
                    progressSink.accept(head + " FAILED: " + fork.failure);
                    if (failureShown.add(fork.number)) {
                        failedForkSink.accept(FailedForkOutput.of(target.key() + " fork " + (forks.size() + 1),
                                fork.output));
                    }
                    return;
                }
                ForkRun view = fork.views.get(target);
                forks.add(view);
                String shared = fork.views.size() > 1 && activeTwins(target) ? "; one JVM for "
                        + fork.views.keySet().stream().map(t -> "[" + t.mode() + "]").collect(Collectors.joining(" and "))
                        : "";
                String line = head + ": " + values(view.measurement) + " (" + view.warmup + shared + ")";
                if (submittedFor.get(target) > forks.size()) { // decide once its forks are all in
                    progressSink.accept(line);
                    continue;
                }
                Decision decision = decider.decide(target, merge(forks));
                int more = Math.min(decision.moreForks(), plan.maxForks() - forks.size());
                progressSink.accept(line + (more > 0 ? "; " + more + " more fork(s): " : "; done: ") + decision.reason());
                submit(target, more, true);
            }
        }

        /** Whether another target of {@code target}'s group is run in this run. */
        private boolean activeTwins(ForkTarget target) {
            return members.get(groupOf.get(target)).stream().anyMatch(m -> m != target && done.containsKey(m));
        }
    }

    private ForkRun runFork(RunSettings settings, ForkTarget target, int number, List<String> command,
            Path resultFile, Map<ForkTarget, Path> twinFiles, CompletableFuture<JmhResultReader> reader)
            throws BenchmarkRunException {
        String tag = "[fork " + number + " " + target.key() + "] ";
        String[] error = {null};
        String[] warmup = {"warmup not reported"};
        ForkProtocol.WarmupEnd[] warmupEnd = {ForkProtocol.WarmupEnd.SETTLED};
        boolean[] c2Unchecked = {false};
        boolean[] steady = {true};
        boolean[] gross = {false};
        String[] killed = {null};
        ArrayDeque<String> output = new ArrayDeque<>(); // for the excerpt of a failed fork
        HangWatchdog watchdog = new HangWatchdog(settings.hangTimeout(), reason -> killed[0] = reason);
        Instant deadline = Instant.now().plus(settings.timeout());
        long started = System.nanoTime();
        ChildProcess.Completion completion = ChildProcess.run("fork " + number + " of " + target.key(), command,
                deadline, line -> {
                    watchdog.activity();
                    outputSink.accept(tag + line);
                    synchronized (output) {
                        if (output.size() == FailedForkOutput.BUFFER_LINES) {
                            output.removeFirst();
                        }
                        output.addLast(line);
                    }
                    if (ForkProtocol.Kind.ERROR.matches(line)) {
                        error[0] = ForkProtocol.Kind.ERROR.text(line).orElseThrow();
                    } else if (ForkProtocol.Kind.GROSS.matches(line)) {
                        gross[0] = true;
                    } else if (ForkProtocol.Kind.DONE.matches(line)) {
                        String text = ForkProtocol.Kind.DONE.text(line).orElseThrow();
                        Optional<ForkProtocol.Done> done = ForkProtocol.Done.parse(text);
                        warmup[0] = done.map(AdaptiveRunner::describeWarmup).orElse(text);
                        warmupEnd[0] = done.map(ForkProtocol.Done::warmupEnd).orElse(ForkProtocol.WarmupEnd.SETTLED);
                        c2Unchecked[0] = done.map(ForkProtocol.Done::c2Unchecked).orElse(false);
                        steady[0] = done.map(ForkProtocol.Done::steady).orElse(true);
                    }
                }, process -> watchdog.checkFork(process.toHandle()));
        ForkRun run = new ForkRun(target, number, resultFile, warmup[0], warmupEnd[0], completion.tailText());
        run.seconds = (System.nanoTime() - started) / 1e9;
        run.c2Unchecked = c2Unchecked[0];
        run.steady = steady[0];
        run.gross = gross[0];
        if (completion.timedOut()) {
            run.timedOut = true;
        } else if (killed[0] != null) {
            run.failure = killed[0];
        } else if (error[0] != null) {
            run.failure = error[0].isBlank() ? "the benchmark JVM reported an error without a description (exit code "
                    + completion.exitCode() + "); its last output: " + lastLines(completion.tail()) : error[0];
        } else if (completion.exitCode() != 0) {
            run.failure = "benchmark JVM ended with exit code " + completion.exitCode() + " before writing its result"
                    + " (System.exit or a crash in the benchmark?); last output: " + lastLines(completion.tail());
        } else {
            run.views.put(target, run);
            twinFiles.forEach((twin, file) -> run.views.put(twin, run.view(twin, file)));
            for (ForkRun view : run.views.values()) {
                run.failure = run.failure != null ? run.failure : readResult(view, reader.join()); // no wait in practice
            }
        }
        if (run.failure != null) {
            synchronized (output) {
                run.output = List.copyOf(output);
            }
        }
        return run;
    }

    /** Reads the result a fork wrote for {@code view}'s target into it: null, or why it could not. */
    private static String readResult(ForkRun view, JmhResultReader reader) {
        if (!Files.isRegularFile(view.resultFile)) {
            return "benchmark JVM exited normally but wrote no result file " + view.resultFile;
        }
        try {
            List<Measurement> read = reader.read(view.resultFile);
            if (read.size() != 1) {
                return "expected one result in " + view.resultFile + ", found " + read.size();
            }
            view.measurement = read.get(0);
            if (view.measurement.netBytes()) { // for a merge with forks that could not take JMH's share out
                view.grossMeasurement = JmhResultReader.grossBytes().read(view.resultFile).get(0);
            }
            return null;
        } catch (AllocgateException e) {
            return e.getMessage();
        }
    }

    /** Number of output lines {@link #lastLines} gives. */
    static final int REASON_LINES = 5;

    /**
     * The last {@value #REASON_LINES} lines of a fork's output that are not blank, joined with {@code " | "}, for a
     * failure reason that must say something: {@code (no output)} when there are none.
     */
    static String lastLines(List<String> tail) {
        // A stack trace's frames say less than its exception lines ("Caused by: java.lang.OutOfMemoryError"): when
        // the output ends in one, its exception lines are the reason.
        List<String> exceptions = lastLines(tail, line -> !STACK_FRAME.matcher(line).find());
        List<String> last = lastLines(tail, line -> true);
        boolean endsInTrace = !last.isEmpty() && STACK_FRAME.matcher(last.get(last.size() - 1)).find();
        List<String> lines = endsInTrace && !exceptions.isEmpty() ? exceptions : last;
        return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
    }

    /** A stack trace's frame or its "... 12 more". */
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s*(at \\S|\\.\\.\\. \\d+ more)");

    private static List<String> lastLines(List<String> tail, Predicate<String> kept) {
        List<String> lines = new ArrayList<>();
        for (int i = tail.size() - 1; i >= 0 && lines.size() < REASON_LINES; i--) {
            if (!tail.get(i).isBlank() && kept.test(tail.get(i))) {
                lines.add(0, tail.get(i).strip());
            }
        }
        return lines;
    }

    /** A fork's {@link ForkProtocol.Done} line for the progress line. */
    static String describeWarmup(ForkProtocol.Done done) {
        return String.format(Locale.ROOT, "warmup %d rounds, %.1f s, %s; iterations of %d ms%s", done.warmupRounds(),
                done.warmupMillis() / 1000.0, switch (done.warmupEnd()) {
                    case SETTLED -> "settled";
                    case FLUCTUATING -> "compiled, varies by round";
                    case CAPPED -> "cap reached before settling";
                },
                done.iterationMillis(), done.remeasured() == 0 ? ""
                        : "; measured " + (done.remeasured() + 1) + " times, as the iterations disagreed"
                        + (done.steady() ? "" : " each time"));
    }

    private static String values(Measurement m) {
        StringBuilder b = new StringBuilder();
        for (Metric metric : Metric.exact()) {
            // below the metric's noise floor a value reads 0, as in the reports
            m.sample(metric).ifPresent(s -> b.append(b.length() == 0 ? "" : ", ")
                    .append(metric.readsZero(s.median()) ? "0" : String.format(Locale.ROOT, "%.4g", s.median()))
                    .append(' ').append(metric.unit()));
        }
        return b.toString();
    }

    /**
     * The forks of one target as one measurement: each metric's fork values together; bytes/op net of JMH's share only
     * when every fork's is, as the merged result file reads ({@link JmhResultReader}).
     */
    static Measurement merge(List<ForkRun> forks) {
        Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
        double ops = Double.POSITIVE_INFINITY;
        boolean benchmarkThreadBytes = true; // only when every fork's bytes/op leave JMH's other threads out
        boolean net = forks.stream().allMatch(fork -> fork.measurement.netBytes());
        for (ForkRun fork : forks) {
            Measurement measurement = net || fork.grossMeasurement == null ? fork.measurement : fork.grossMeasurement;
            benchmarkThreadBytes &= measurement.benchmarkThreadBytes();
            for (Map.Entry<Metric, Sample> e : measurement.metrics().entrySet()) {
                List<Double> list = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                for (double v : e.getValue().values()) {
                    list.add(v);
                }
            }
            if (Double.isFinite(fork.measurement.opsPerIteration())) {
                ops = Math.min(ops, fork.measurement.opsPerIteration());
            }
        }
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        values.forEach((metric, list) -> {
            if (list.size() == forks.size()) { // a metric some fork lacks is not comparable
                metrics.put(metric, Sample.of(list.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        });
        Measurement first = forks.get(0).measurement;
        return new Measurement(first.key(), metrics, Double.isFinite(ops) ? ops : Double.NaN, first.environment(),
                net ? Measurement.BytesCounted.BENCHMARK_THREADS_NET : benchmarkThreadBytes
                        ? Measurement.BytesCounted.BENCHMARK_THREADS : Measurement.BytesCounted.ALL_THREADS);
    }

    private static ForkRun get(Future<ForkRun> future) throws BenchmarkRunException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BenchmarkRunException b) {
                throw b;
            }
            throw new BenchmarkRunException("A benchmark fork could not be run: " + cause, cause);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path writeHints(RunSettings settings, List<String> userArgs) {
        try {
            return ForkCommand.writeHints(settings.tmpDirectory(), settings.classpath(), userArgs);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not write the compiler hints file in "
                    + settings.tmpDirectory() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteForkResults(Path forkDirectory) throws IOException {
        try (var files = Files.list(forkDirectory)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Files.deleteIfExists(it.next());
            }
        }
        Files.deleteIfExists(forkDirectory);
    }


    /** JMH prints parameters as {@code a = 1, b = x}. */
    private static String jmhParams(ForkTarget target) {
        return target.params().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static List<ListedBenchmark> listed(List<ForkTarget> targets) {
        Map<String, SortedMap<String, List<String>>> params = new TreeMap<>();
        for (ForkTarget t : targets) {
            SortedMap<String, List<String>> p = params.computeIfAbsent(t.benchmark(), b -> new TreeMap<>());
            t.params().forEach((name, value) -> {
                List<String> values = p.computeIfAbsent(name, n -> new ArrayList<>());
                if (!values.contains(value)) {
                    values.add(value);
                }
            });
        }
        List<ListedBenchmark> out = new ArrayList<>();
        params.forEach((benchmark, p) -> out.add(new ListedBenchmark(benchmark, p)));
        return out;
    }

    /**
     * One listing line's runs: each mode times each parameter combination. Read with Jackson's streaming parser:
     * the listing comes before the first fork can start, and Jackson's data binding costs a cold JVM about half a
     * second to initialise, which the run's other reading does later, off that path.
     */
    static List<ForkTarget> targets(String json, Optional<String> modeOverride) throws BenchmarkRunException {
        ListingEntry entry;
        try (JsonParser parser = JSON.createParser(json)) {
            entry = ListingEntry.read(parser);
        } catch (IOException | RuntimeException e) {
            throw new BenchmarkRunException("Unreadable benchmark listing line: " + json, e);
        }
        List<String> modes = JmhCommand.modes(modeOverride.orElse(entry.mode));
        List<SortedMap<String, String>> combinations = new ArrayList<>();
        combinations.add(new TreeMap<>());
        entry.params.forEach((name, values) -> {
            List<SortedMap<String, String>> next = new ArrayList<>();
            for (SortedMap<String, String> c : combinations) {
                for (String value : values) {
                    SortedMap<String, String> copy = new TreeMap<>(c);
                    copy.put(name, value);
                    next.add(copy);
                }
            }
            combinations.clear();
            combinations.addAll(next);
        });
        List<ForkTarget> out = new ArrayList<>();
        for (String mode : modes) {
            for (SortedMap<String, String> c : combinations) {
                out.add(new ForkTarget(entry.benchmark, mode, c, entry.arrays.getOrDefault("jvmArgsPrepend", List.of()),
                        entry.arrays.getOrDefault("jvmArgs", List.of()),
                        entry.arrays.getOrDefault("jvmArgsAppend", List.of())));
            }
        }
        return out;
    }

    /** A listing line, as ForkMain writes it: strings, an object of string arrays, and string arrays. */
    private static final class ListingEntry {
        String benchmark = "";
        String mode = "";
        final Map<String, List<String>> params = new LinkedHashMap<>();
        final Map<String, List<String>> arrays = new LinkedHashMap<>();

        static ListingEntry read(JsonParser parser) throws IOException {
            ListingEntry entry = new ListingEntry();
            expect(parser, JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "benchmark" -> entry.benchmark = parser.getValueAsString("");
                    case "mode" -> entry.mode = parser.getValueAsString("");
                    case "params" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw new IOException("\"params\" is not an object");
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String name = parser.currentName();
                            parser.nextToken();
                            entry.params.put(name, strings(parser));
                        }
                    }
                    default -> {
                        if (value == JsonToken.START_ARRAY) {
                            entry.arrays.put(field, strings(parser));
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            return entry;
        }

        /** The strings of the array the parser is at. */
        private static List<String> strings(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected an array of strings");
            }
            List<String> out = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                out.add(parser.getValueAsString(""));
            }
            return out;
        }

        private static void expect(JsonParser parser, JsonToken token) throws IOException {
            if (parser.nextToken() != token) {
                throw new IOException("expected " + token);
            }
        }
    }

    /** One fork: where it wrote, and what it measured or why it failed. */
    static final class ForkRun {
        final ForkTarget target;
        final int number;
        final Path resultFile;
        final String warmup;
        final String tail;
        boolean timedOut;
        /** True when the fork's JVM could not tell whether C2 had compiled the benchmark (no {@code Compiler.codelist}). */
        boolean c2Unchecked;
        /** How the fork's warmup ended: settled, fluctuating, or at its cap before either. */
        final ForkProtocol.WarmupEnd warmupEnd;
        /** False when the fork's measured iterations still disagreed after it measured again. */
        boolean steady = true;
        /** Whether the fork could have taken JMH's share out of B/op but did not ({@link ForkProtocol.Kind#GROSS}). */
        boolean gross;
        /** Wall time of the fork's JVM, start to exit. */
        double seconds;
        String failure;
        /** A failed fork's output (its last {@link FailedForkOutput#BUFFER_LINES} lines); empty otherwise. */
        List<String> output = List.of();
        Measurement measurement;
        /** The fork's figures with JMH's per-iteration share in bytes/op, when {@link #measurement}'s are net of it. */
        Measurement grossMeasurement;
        /** The fork as each target of its group has it (its own result file), this target's first; set once it ran. */
        final Map<ForkTarget, ForkRun> views = new LinkedHashMap<>();

        /** This fork as {@code twin} has it: the same run, with the result written for {@code twin}'s mode. */
        ForkRun view(ForkTarget twin, Path file) {
            ForkRun view = new ForkRun(twin, number, file, warmup, warmupEnd, tail);
            view.c2Unchecked = c2Unchecked;
            view.steady = steady;
            view.gross = gross;
            view.seconds = seconds;
            return view;
        }

        ForkRun(ForkTarget target, int number, Path resultFile, String warmup, ForkProtocol.WarmupEnd warmupEnd,
                String tail) {
            this.target = target;
            this.number = number;
            this.resultFile = resultFile;
            this.warmup = warmup;
            this.warmupEnd = warmupEnd;
            this.tail = tail;
        }
    }
}
