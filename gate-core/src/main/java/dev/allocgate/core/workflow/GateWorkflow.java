package dev.allocgate.core.workflow;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.Commands;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.baseline.ForkSeconds;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.env.EnvironmentProbe;
import dev.allocgate.core.env.JvmArgsFlags;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.run.AdaptiveRunner;
import dev.allocgate.core.run.BenchmarkFailure;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.FailedForkOutput;
import dev.allocgate.core.run.JmhRunner;
import dev.allocgate.core.run.ListedBenchmark;
import dev.allocgate.core.run.RunOutcome;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.shard.MergedShards;
import dev.allocgate.core.shard.Shard;
import dev.allocgate.core.shard.ShardResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The three things allocgate does, free of Maven: check (run, compare, report), record (run,
 * then update the baselines only if the whole run succeeded) and compare (existing JMH results
 * against baselines or a second results file).
 */
public final class GateWorkflow {

    /** File name of JMH's own JSON output in the output directory. */
    public static final String JMH_RESULT = "jmh-result.json";
    /** File name of the objects/op counting pass's JMH output. */
    public static final String JMH_OBJECTS_RESULT = "jmh-result-objects.json";

    private final JmhRunner runner;
    private final AdaptiveRunner adaptiveRunner;
    private final Consumer<String> progress;
    private boolean recordProfiles = true;

    /**
     * @param jmhOutput every line the benchmark JVM prints
     * @param progress  one {@code [k/n] benchmark} line per benchmark run
     */
    public GateWorkflow(Consumer<String> jmhOutput, Consumer<String> progress) {
        this(jmhOutput, progress, failed -> { });
    }

    /**
     * @param jmhOutput  every line the benchmark JVM prints
     * @param progress   one {@code [k/n] benchmark} line per benchmark run
     * @param failedFork the last lines of each failed fork (or, with JMH's own forks, failed run), for a log that
     *                   does not show {@code jmhOutput}
     */
    public GateWorkflow(Consumer<String> jmhOutput, Consumer<String> progress, Consumer<FailedForkOutput> failedFork) {
        this.runner = new JmhRunner(jmhOutput, progress, failedFork);
        this.adaptiveRunner = new AdaptiveRunner(jmhOutput, progress, failedFork);
        this.progress = progress;
    }

    /**
     * What a run produced: the verdicts, the measurements, where the reports went, and the JVM the
     * benchmarks ran on (the first measurement's; {@link Environment#UNKNOWN} without any).
     */
    public record Result(GateReport report, List<Measurement> measurements, List<Path> reportFiles) {
        public Environment environment() {
            return environmentOf(measurements);
        }
    }

    private static Environment environmentOf(List<Measurement> measurements) {
        return measurements.isEmpty() ? Environment.UNKNOWN : measurements.get(0).environment();
    }

    static List<Path> writeReports(GateReport report, List<Measurement> measurements, Path outputDirectory,
                                           Workers workers) throws IOException {
        List<Path> files = ReportFiles.write(report, outputDirectory, environmentOf(measurements), workers);
        OwnReports.remember(outputDirectory, files);
        return files;
    }

    /**
     * Adds to {@code report} why each regressed benchmark allocates more: a profiling fork of each
     * ({@link ProfilingRun}) against the profile stored with its baseline entry. Needs allocgate's own forks and the
     * counting agent; a regressed benchmark that could not be profiled gets an explanation that says why and what
     * would give one ({@link Explanation#missing}), never a changed verdict.
     */
    private GateReport explain(GateReport report, RunSettings run, ObjectCounting counting, ForkPlan plan,
                               BaselineSet baselines, Path outputDirectory) {
        List<BenchmarkKey> regressed = regressed(report);
        if (regressed.isEmpty()) {
            return report;
        }
        if (counting == null || plan == null) {
            return report.withExplanations(missing(regressed, NOT_PROFILED_WITHOUT_AGENT));
        }
        ProfilingRun.Profiles profiles;
        try {
            profiles = ProfilingRun.profile(adaptiveRunner, run, counting, plan, regressed, outputDirectory,
                    ProfilingRun.DEFAULT_DEPTH);
        } catch (AllocgateException | IOException | RuntimeException e) {
            return report.withExplanations(missing(regressed, "the profiling forks failed: " + e.getMessage()
                    + "; the verdict stands on the measurement. " + PROFILE_BY_HAND));
        }
        List<Explanation> explanations = new ArrayList<>();
        for (BenchmarkKey key : regressed) {
            AllocationProfile current = profiles.profiles().get(key);
            explanations.add(current != null
                    ? Explanation.of(key, Optional.ofNullable(baselines.profiles().get(key)), current)
                    : Explanation.missing(key, profiles.missing().get(key) + "; the verdict stands on the measurement. "
                            + PROFILE_BY_HAND));
        }
        return report.withExplanations(explanations);
    }

    /**
     * What profiles a benchmark by hand, for every explanation that is missing where benchmarks ran: only the Maven
     * plugin runs them (the CLI's merge joins the Maven plugin's shards).
     */
    static final String PROFILE_BY_HAND = profileByHand(Commands.MAVEN).orElseThrow();

    private static Optional<String> profileByHand(Commands commands) {
        return commands.profile().map(profile -> "`" + profile + "` shows where it allocates");
    }

    /** Why {@code check} without allocgate's forks or the agent profiles nothing. */
    static final String NOT_PROFILED_WITHOUT_AGENT = "not profiled, as the allocation profile needs allocgate's own forks"
            + " and the counting agent (allocgate.engine=adaptive, allocgate.objects=true, a platform with the agent),"
            + " which this run did not have";

    /**
     * Why {@code compare} explains nothing: it reads results and runs no benchmark. {@code check} runs them and profiles
     * each regressed one; {@code record} stores a profile with each baseline entry for it to compare with. A front end
     * that runs no benchmark (the CLI) has no such command to name.
     */
    public static String notProfiledInCompare(Commands commands) {
        String why = "not profiled, as compare reads JMH results files and runs no benchmark, so nothing records where"
                + " the allocation comes from";
        if (!commands.runsBenchmarks()) {
            return why;
        }
        return why + ". `" + commands.check().orElseThrow() + "` runs the benchmarks and profiles each regressed one,"
                + " against the profile `" + commands.record() + "` stores with each baseline entry (a baseline recorded"
                + " from a results file has none); " + profileByHand(commands).orElseThrow() + " now";
    }

    private static List<BenchmarkKey> regressed(GateReport report) {
        return report.benchmarks().stream().filter(b -> b.verdict() == Verdict.REGRESSED)
                .map(BenchmarkComparison::key).toList();
    }

    private static List<Explanation> missing(List<BenchmarkKey> keys, String why) {
        return keys.stream().map(k -> Explanation.missing(k, why)).toList();
    }

    /**
     * The allocation profiles {@code record} stores: one profiling fork for each entry written with new values, or
     * kept without a profile yet (an entry kept with its profile keeps it). None when {@link #recordProfiles} is off
     * or the run has no agent; a profiling fork that fails leaves its entry without a profile and says so.
     */
    private Map<BenchmarkKey, AllocationProfile> recordProfiles(RunSettings run, ObjectCounting counting, ForkPlan plan,
            BaselineSet baselines, List<Measurement> toStore, Path outputDirectory) {
        if (!recordProfiles || counting == null || plan == null) {
            return Map.of();
        }
        List<BenchmarkKey> needed = toStore.stream()
                .filter(m -> m != baselines.entries().get(m.key()) || !baselines.profiles().containsKey(m.key()))
                .map(Measurement::key).toList();
        if (needed.isEmpty()) {
            return Map.of();
        }
        progress.accept("allocgate: profiling allocation sites of " + needed.size() + " benchmark(s) for the baselines"
                + " (allocgate.recordProfiles=false skips this)");
        try {
            ProfilingRun.Profiles profiles = ProfilingRun.profile(adaptiveRunner, run, counting, plan,
                    needed, outputDirectory, ProfilingRun.DEFAULT_DEPTH);
            profiles.missing().forEach((k, why) -> progress.accept("allocgate: " + k + ": " + why
                    + "; its baseline entry is stored without an allocation profile"));
            return profiles.profiles();
        } catch (AllocgateException | IOException | RuntimeException e) {
            progress.accept("allocgate: the baselines are stored without allocation profiles: the profiling forks"
                    + " failed: " + e.getMessage());
            return Map.of();
        }
    }

    /**
     * Whether {@code record} stores an allocation profile with each entry (default on): one more fork per benchmark
     * recorded. Returns this workflow.
     */
    public GateWorkflow recordProfiles(boolean on) {
        this.recordProfiles = on;
        return this;
    }

    /**
     * Whether allocgate's own forks share a class-data archive of the fork class path's jars (default on; see
     * {@link AdaptiveRunner#classDataSharing}). Returns this workflow.
     */
    public GateWorkflow classDataSharing(boolean on) {
        adaptiveRunner.classDataSharing(on);
        return this;
    }

    /**
     * {@code profile}: one profiling fork for each selected benchmark, nothing measured or compared; writes each
     * benchmark's collapsed stacks ({@link CollapsedStacks}) into {@code outputDirectory} and returns the profiles.
     */
    public Map<BenchmarkKey, AllocationProfile> profile(RunSettings run, ObjectCounting counting, ForkPlan plan,
                                                        Path outputDirectory, int depth)
            throws AllocgateException, IOException {
        if (counting == null || plan == null) {
            throw new BenchmarkRunException("profiling needs allocgate's own forks and the counting agent"
                    + " (allocgate.engine=adaptive, allocgate.objects=true, a platform with the agent)", List.of());
        }
        Map<BenchmarkKey, AllocationProfile> profiles = ProfilingRun.profileSelected(adaptiveRunner, run, run.includes(),
                run.excludes(), counting, plan, outputDirectory, depth);
        CollapsedStacks.write(profiles, outputDirectory.resolve(CollapsedStacks.FILE));
        return profiles;
    }

    /** Runs the selected benchmarks, compares them with the baselines and writes the reports. */
    public Result check(RunSettings run, BaselineStore store, GateSettings settings, Path outputDirectory)
            throws AllocgateException, IOException {
        return check(run, null, store, settings, outputDirectory);
    }

    /** As {@link #check(RunSettings, BaselineStore, GateSettings, Path)}, counting objects/op too when {@code counting} is given. */
    public Result check(RunSettings run, ObjectCounting counting, BaselineStore store, GateSettings settings,
                        Path outputDirectory) throws AllocgateException, IOException {
        return check(run, counting, null, store, settings, outputDirectory);
    }

    /**
     * As {@link #check(RunSettings, ObjectCounting, BaselineStore, GateSettings, Path)}; with a {@code plan}, the
     * adaptive engine measures (forks as the statistics need them, bytes and objects in the same forks), without
     * one, JMH's own forks with the run's fixed fork count.
     */
    public Result check(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineStore store,
                        GateSettings settings, Path outputDirectory) throws AllocgateException, IOException {
        return check(run, counting, plan, store, settings, outputDirectory, null);
    }

    /**
     * As {@link #check(RunSettings, ObjectCounting, ForkPlan, BaselineStore, GateSettings, Path)}, running only
     * {@code shard}'s share of the selected benchmarks when it is given (see {@link Shard}) and writing
     * {@link ShardResults#FILE} beside the reports, from which {@link #merge} judges the whole suite. The suite is
     * every selected benchmark JMH lists and every selected benchmark in the baselines (so a removed one is MISSING in
     * its shard's share); the adaptive engine's stopping rule uses the whole suite's Holm family.
     */
    public Result check(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineStore store,
                        GateSettings settings, Path outputDirectory, Shard shard) throws AllocgateException, IOException {
        removeStaleReports(outputDirectory);
        Files.deleteIfExists(outputDirectory.resolve(ShardResults.FILE));
        BaselineSet baselines = store.load(); // fail on a corrupt baseline before spending time on a run
        BenchmarkFilter suiteFilter = filterOf(run);
        Predicate<String> selected = suiteFilter;
        SortedSet<String> suite = null;
        SortedSet<String> share = null;
        Measured measured;
        if (shard == null) {
            measured = measure(run, counting, plan, baselines, settings, false, outputDirectory, suiteFilter);
        } else {
            SortedMap<String, Integer> runs = suite(run, plan, baselines, suiteFilter);
            suite = new TreeSet<>(runs.keySet());
            share = shard.select(suite, costs(baselines, settings, runs));
            selected = share::contains;
            measured = share.isEmpty() ? new Measured(List.of(), List.of())
                    : measure(only(run, share), counting, plan, baselines, settings, false, outputDirectory, suiteFilter);
        }
        try (Workers workers = Workers.forProcessors()) {
            // The adaptive engine stops benchmarks at any of its looks: its U tests' p-values are corrected for them.
            Gate gate = plan == null ? new Gate(settings, workers) : new Gate(settings, workers).sequential(ForkDecisions.looks(plan));
            GateReport report = judge(gate, measured, baselines, selected, store, settings);
            report = explain(report, run, counting, plan, baselines, outputDirectory);
            if (shard != null) {
                new ShardResults(shard, suite, share, gate.looks(), measured.measurements, measured.failures,
                        measured.warnings, report.explanations()).write(outputDirectory);
            }
            return new Result(report, measured.measurements,
                    writeReports(report, measured.measurements, outputDirectory, workers));
        }
    }

    /**
     * A base-vs-PR check: {@code base} (the base revision's benchmarks, built in its own worktree, with the same JVM,
     * filters and iteration settings as {@code run}) and {@code run} measured in this job, in alternating rounds, by
     * the adaptive engine, and compared as {@code check} compares with baselines (see {@link BaseVsPr}). No baseline
     * file is read or written; the reports name {@code revision} as the baseline side.
     *
     * @throws BenchmarkRunException without a {@code plan}: JMH's own forks cannot alternate two class paths
     */
    public Result checkAgainst(RunSettings run, RunSettings base, dev.allocgate.core.git.BaseRevision revision,
                               ObjectCounting counting, ForkPlan plan, GateSettings settings, Path outputDirectory)
            throws AllocgateException, IOException {
        if (plan == null) {
            throw new BenchmarkRunException("a base-vs-PR check (allocgate.against) needs allocgate's own forks:"
                    + " remove allocgate.engine=fixed", List.of());
        }
        Files.deleteIfExists(outputDirectory.resolve(ShardResults.FILE));
        Files.deleteIfExists(outputDirectory.resolve(JMH_OBJECTS_RESULT));
        return new BaseVsPr(adaptiveRunner, progress).check(run, base, revision, counting, plan, settings, outputDirectory);
    }

    /**
     * Judges the whole suite from its shards' results as {@code check} without shards would: one comparison, so Holm's
     * correction runs over every benchmark; reports into {@code outputDirectory}, with JMH's results of every shard
     * joined into {@link #JMH_RESULT}.
     */
    public Result merge(MergedShards shards, BaselineStore store, GateSettings settings, Path outputDirectory)
            throws AllocgateException, IOException {
        removeStaleReports(outputDirectory);
        BaselineSet baselines = store.load();
        Measured measured = new Measured(shards.measurements(), shards.failures(), shards.warnings());
        try (Workers workers = Workers.forProcessors()) {
            Gate gate = new Gate(settings, workers).sequential(shards.looks());
            GateReport report = judge(gate, measured, baselines, shards.suite()::contains, store, settings);
            report = report.withExplanations(shardExplanations(report, shards.explanations()));
            ShardJmhResults.join(shards.directories(), outputDirectory.resolve(JMH_RESULT));
            return new Result(report, measured.measurements, writeReports(report, measured.measurements, outputDirectory, workers));
        }
    }

    /**
     * The shards' explanations of the benchmarks the merged verdict finds regressed, as {@code check} without shards
     * would have them. A benchmark regressed in the merged verdict that its shard did not find regressed (its shard's
     * Holm correction ran over fewer benchmarks) was not profiled there, and says so.
     */
    static List<Explanation> shardExplanations(GateReport merged, List<Explanation> fromShards) {
        Map<BenchmarkKey, Explanation> byKey = new HashMap<>();
        fromShards.forEach(e -> byKey.put(e.key(), e));
        return regressed(merged).stream().map(key -> byKey.getOrDefault(key, Explanation.missing(key, "not profiled,"
                + " as its shard did not find it regressed (a shard judges only its own benchmarks), so it ran no"
                + " profiling fork for it; " + PROFILE_BY_HAND))).toList();
    }

    private static GateReport judge(Gate gate, Measured measured, BaselineSet baselines, Predicate<String> selected,
                                    BaselineStore store, GateSettings settings) {
        return judge(gate, measured.measurements, measured.failures, measured.warnings, baselines, selected, store, settings);
    }

    /** The comparison of a run with its baselines and every warning {@code check} reports. */
    static GateReport judge(Gate gate, List<Measurement> measurements, List<FailedBenchmark> failures,
                            List<String> runWarnings, BaselineSet baselines, Predicate<String> selected,
                            BaselineStore store, GateSettings settings) {
        GateReport report = withWarnings(withWarnings(withBaselineWarnings(gate.compare(measurements, baselines.entries(),
                selected, failures, describe(store, baselines)), store, baselines), runWarnings),
                probeEnvironmentWarnings(measurements, baselines, settings));
        return withWarnings(report, ratchetHint(report));
    }

    /**
     * Every selected benchmark name JMH lists, with its number of runs (modes and {@code @Param} combinations), and
     * every selected one in the baselines (0 runs when JMH no longer lists it).
     */
    private SortedMap<String, Integer> suite(RunSettings run, ForkPlan plan, BaselineSet baselines, BenchmarkFilter filter)
            throws AllocgateException {
        SortedMap<String, Integer> runs = new TreeMap<>();
        if (plan != null) {
            adaptiveRunner.list(run, java.time.Instant.now().plus(run.timeout()))
                    .forEach(t -> runs.merge(t.benchmark(), 1, Integer::sum));
        } else {
            runner.list(run).forEach(l -> runs.merge(l.benchmark(), l.runCount(), Integer::sum));
        }
        baselines.entries().keySet().stream().map(BenchmarkKey::benchmark).filter(filter)
                .forEach(name -> runs.putIfAbsent(name, 0));
        return runs;
    }

    /** As {@link #costs(BaselineSet, GateSettings, Map)} with one listed run for each benchmark without baselines. */
    static Map<String, Double> costs(BaselineSet baselines, GateSettings settings) {
        return costs(baselines, settings, Map.of());
    }

    /**
     * What each benchmark is expected to cost in {@code check}, in seconds of forks, by which {@link Shard} balances a
     * sharded suite: per baseline entry, the forks its baseline lets expect (1 for an entry constant on every gated
     * metric, which is decided at its first fork that agrees; else as many as it holds, as the adaptive engine adds forks
     * while varying data cannot decide) times the wall seconds one of its forks took when recorded
     * ({@link ForkSeconds}). An entry recorded without that time, and each listed run of a benchmark the baselines do
     * not know (one fork each), count a typical fork: the median recorded time, or 1 when none is recorded, which
     * balances a suite without recorded times by expected forks alone.
     *
     * @param runs listed runs per benchmark name (a benchmark missing here, or with 0, counts one)
     */
    static Map<String, Double> costs(BaselineSet baselines, GateSettings settings, Map<String, Integer> runs) {
        double typical = typicalForkSeconds(baselines);
        Map<String, Double> costs = new TreeMap<>();
        entryCosts(baselines, settings, typical).forEach((key, cost) -> costs.merge(key.benchmark(), cost, Double::sum));
        runs.forEach((name, count) -> costs.putIfAbsent(name, Math.max(1, count) * typical));
        return costs;
    }

    /** What each baseline entry is expected to cost in {@code check}, seconds of forks, as {@link #costs} says. */
    static Map<BenchmarkKey, Double> entryCosts(BaselineSet baselines, GateSettings settings) {
        return entryCosts(baselines, settings, typicalForkSeconds(baselines));
    }

    private static Map<BenchmarkKey, Double> entryCosts(BaselineSet baselines, GateSettings settings, double typical) {
        Gate gate = new Gate(settings);
        Map<BenchmarkKey, Double> costs = new TreeMap<>();
        for (Measurement m : baselines.entries().values()) {
            double forks = 1;
            for (Metric metric : settings.gatedMetrics()) {
                if (m.sample(metric).isPresent() && !gate.isConstant(metric, m)) {
                    forks = Math.max(forks, m.sample(metric).get().size());
                }
            }
            costs.put(m.key(), forks * baselines.forkSeconds().getOrDefault(m.key(), typical));
        }
        return costs;
    }

    /** The median recorded fork time of {@code baselines}, or 1 s when none is recorded. */
    private static double typicalForkSeconds(BaselineSet baselines) {
        double[] recorded = baselines.forkSeconds().values().stream().mapToDouble(Double::doubleValue).toArray();
        return recorded.length == 0 ? 1 : Sample.of(recorded).median();
    }

    /** {@code run} selecting exactly the benchmarks named. */
    static RunSettings only(RunSettings run, Set<String> names) {
        List<String> includes = names.stream().map(n -> "^" + Pattern.quote(n) + "$").toList();
        return new RunSettings(run.javaExecutable(), run.classpath(), includes, List.of(), run.forks(),
                run.warmupIterations(), run.warmupTime(), run.measurementIterations(), run.measurementTime(),
                run.jvmArgs(), run.mode(), run.workDirectory(), run.timeout(), run.profilers(), run.hangTimeout());
    }

    /** What record did: the comparison with the old baselines, and the files it changed. */
    public record Recorded(Result result, UpdateSummary update) {
    }

    /**
     * Runs the selected benchmarks and, only if every one of them produced a result, replaces their
     * baseline entries. Entries of benchmarks outside the filter are kept. Unless
     * {@code refreshUnchanged}, an entry judged UNCHANGED on the same JVM keeps its recorded values,
     * so the baseline diff a reviewer sees holds only real changes.
     */
    public Recorded record(RunSettings run, BaselineStore store, GateSettings settings, Path outputDirectory,
                           boolean refreshUnchanged) throws AllocgateException, IOException {
        return record(run, null, store, settings, outputDirectory, refreshUnchanged);
    }

    /** As {@link #record(RunSettings, BaselineStore, GateSettings, Path, boolean)}, counting objects/op too when {@code counting} is given. */
    public Recorded record(RunSettings run, ObjectCounting counting, BaselineStore store, GateSettings settings,
                           Path outputDirectory, boolean refreshUnchanged) throws AllocgateException, IOException {
        return record(run, counting, null, store, settings, outputDirectory, refreshUnchanged);
    }

    /** As {@link #record(RunSettings, ObjectCounting, BaselineStore, GateSettings, Path, boolean)}, adaptively with a {@code plan}. */
    public Recorded record(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineStore store,
                           GateSettings settings, Path outputDirectory, boolean refreshUnchanged)
            throws AllocgateException, IOException {
        return record(run, counting, plan, store, settings, outputDirectory, refreshUnchanged, false);
    }

    /**
     * As {@link #record(RunSettings, ObjectCounting, ForkPlan, BaselineStore, GateSettings, Path, boolean)}; with
     * {@code ratchet}, only the entries whose benchmark IMPROVED beyond its threshold on the same JVM are replaced:
     * nothing is added or removed, and every other entry stays as it is, byte for byte, so baselines only get tighter.
     */
    public Recorded record(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineStore store,
                           GateSettings settings, Path outputDirectory, boolean refreshUnchanged, boolean ratchet)
            throws AllocgateException, IOException {
        removeStaleReports(outputDirectory);
        BaselineSet baselines = store.load();
        store.requireWritable(); // before minutes of benchmarks, not after
        Measured measured = measure(run, counting, plan, baselines, settings, true, outputDirectory);
        return recordMeasured(measured, new Profiling(run, counting, plan), probeEnvironmentWarnings(measured.measurements,
                baselines, settings), baselines, store, filterOf(run), settings, outputDirectory, refreshUnchanged, ratchet);
    }

    /**
     * Records an existing JMH results file (of any JMH run with {@code -prof gc -rf json}: Gradle's, sbt's, plain
     * JMH's) as the new baselines of the benchmarks {@code filter} selects, as {@link #record(RunSettings,
     * ObjectCounting, ForkPlan, BaselineStore, GateSettings, Path, boolean, boolean)} does for a run (with
     * {@code ratchet}, only the improved entries); no benchmark is run.
     */
    public Recorded recordResults(Path results, BaselineStore store, BenchmarkFilter filter, GateSettings settings,
                                  Path outputDirectory, boolean refreshUnchanged, boolean ratchet)
            throws AllocgateException, IOException {
        removeStaleReports(outputDirectory);
        Inputs inputs;
        try (Workers workers = Workers.forProcessors()) {
            inputs = readInputs(results, filter, store, workers);
        }
        store.requireWritable();
        List<Measurement> current = withFlagsFromJvmArgs(inputs.current());
        List<String> warnings = new ArrayList<>(jsonEnvironmentWarnings(results, current, inputs.baselines().entries(),
                settings.commands()));
        warnings.add(recordedWithoutProfiles(settings.commands()));
        return recordMeasured(new Measured(current, List.of()), null, warnings, inputs.baselines(), store, filter,
                settings, outputDirectory, refreshUnchanged, ratchet);
    }

    /** What {@code record} from a results file says about the profiles it cannot store. */
    public static String recordedWithoutProfiles(Commands commands) {
        String why = "the baselines are stored without allocation profiles: recording from a JMH results file runs no"
                + " benchmark, so nothing records where each one allocates, and a later check that finds a regression"
                + " can show the sites now but not which of them changed";
        return !commands.runsBenchmarks() ? why
                : why + ". `" + commands.record() + "` without a results file runs the benchmarks and stores a profile"
                + " with each entry";
    }

    /** How {@code record} runs its profiling forks: the run's settings, counting and plan. */
    private record Profiling(RunSettings run, ObjectCounting counting, ForkPlan plan) {
    }

    /** @param profiling how to profile the recorded benchmarks; null when nothing was run here (no profiles stored) */
    private Recorded recordMeasured(Measured measured, Profiling profiling, List<String> environmentWarnings,
                                    BaselineSet baselines,
                                    BaselineStore store, BenchmarkFilter filter, GateSettings settings,
                                    Path outputDirectory, boolean refreshUnchanged, boolean ratchet)
            throws AllocgateException, IOException {
        GateReport report;
        List<Path> files;
        try (Workers workers = Workers.forProcessors()) {
            report = withWarnings(withWarnings(new Gate(settings, workers).compare(measured.measurements, baselines.entries(),
                    filter, measured.failures, describe(store, baselines)), measured.warnings), environmentWarnings);
            files = writeReports(report, measured.measurements, outputDirectory, workers);
        }
        if (!measured.failures.isEmpty()) {
            throw new BenchmarkRunException("baselines not written: " + measured.failures.size()
                    + " benchmark(s) produced no result: " + measured.failures.stream()
                    .map(f -> f.benchmark() + (f.paramsLabel().isEmpty() ? "" : " (" + f.paramsLabel() + ")") + ": "
                            + (f.reason().isBlank() ? "no reason was reported; see the benchmark JVM's output" : f.reason()))
                    .collect(Collectors.joining("; ")),
                    measured.failures.stream().map(FailedBenchmark::benchmark).toList());
        }
        if (ratchet) {
            List<Measurement> improved = ratcheted(report, measured.measurements);
            UpdateSummary update = store.update(baselines, improved, name -> false); // removes nothing
            return new Recorded(new Result(report, measured.measurements, files), update);
        }
        List<Measurement> toStore = new ArrayList<>(measured.measurements.size());
        Map<BenchmarkKey, BenchmarkComparison> comparisons = new HashMap<>();
        // Whether an entry changed is a question for the baseline, not the budget: a benchmark over its budget whose
        // allocation did not change keeps its recorded entry too.
        GateReport changes = settings.policy().budgets().isEmpty() ? report
                : new Gate(settings.withPolicy(settings.policy().withoutBudgets())).compare(measured.measurements,
                        baselines.entries(), filter, measured.failures, "");
        changes.benchmarks().forEach(b -> comparisons.put(b.key(), b.environmentDifferences().isEmpty() ? b : null));
        Gate gate = new Gate(settings);
        for (Measurement m : measured.measurements) {
            Measurement old = baselines.entries().get(m.key());
            toStore.add(!refreshUnchanged && keepsRecorded(gate, old, m, comparisons.get(m.key())) ? old : m);
        }
        Map<BenchmarkKey, AllocationProfile> profiles = profiling == null ? Map.of() : recordProfiles(profiling.run(),
                profiling.counting(), profiling.plan(), baselines, toStore, outputDirectory);
        Map<BenchmarkKey, Double> forkSeconds = ForkSeconds.toRecord(baselines.forkSeconds(), measured.forkSeconds,
                refreshUnchanged);
        Result result = new Result(report, measured.measurements, files);
        try {
            // Against the set loaded before the run: an entry another record changed meanwhile is a conflict.
            return new Recorded(result, store.update(baselines, toStore, profiles, forkSeconds, filter));
        } catch (IOException e) {
            throw new BaselinesNotWrittenException(store.directory(), result, e);
        }
    }

    /** The measurements whose benchmark IMPROVED against a baseline of the same JVM: what a ratchet locks in. */
    static List<Measurement> ratcheted(GateReport report, List<Measurement> measurements) {
        Set<BenchmarkKey> improved = report.benchmarks().stream()
                .filter(b -> b.verdict() == Verdict.IMPROVED && b.environmentDifferences().isEmpty())
                .map(BenchmarkComparison::key).collect(Collectors.toSet());
        return measurements.stream().filter(m -> improved.contains(m.key())).toList();
    }

    /** A hint for each run with improvements: which benchmarks, and the command that tightens only their entries. */
    static List<String> ratchetHint(GateReport report) {
        List<String> improved = report.benchmarks().stream().filter(b -> b.verdict() == Verdict.IMPROVED
                && b.environmentDifferences().isEmpty()).map(b -> b.key().toString()).toList();
        if (improved.isEmpty()) {
            return List.of();
        }
        return List.of(improved.size() + (improved.size() == 1 ? " benchmark allocates" : " benchmarks allocate")
                + " less than its baseline beyond the threshold (" + String.join(", ", improved.subList(0,
                Math.min(5, improved.size()))) + (improved.size() > 5 ? ", ..." : "") + "): lock the gain in with `"
                + report.settings().commands().ratchet() + "`, which rewrites only the improved entries, and commit them");
    }

    /**
     * Whether {@code record} keeps the recorded entry {@code old} rather than writing {@code recorded} (without
     * {@code refreshUnchanged}): when the two compared UNCHANGED on the same JVM, so that the baseline diff holds only
     * real changes (unless the old forks were constant and the new ones vary: the new entry shows levels the old one
     * missed), and when the recorded entry's forks varied and the new ones all sit at one value the recorded
     * forks spanned, so that a benchmark whose forks settle at several levels does not turn "constant" again because
     * its new forks all happened to hit one. A newly measured metric is always recorded, and so is bytes/op net of
     * JMH's per-iteration share where the recorded entry holds the share ({@link Measurement#netBytes()}).
     *
     * @param comparison the comparison of the two, null when they were recorded on different JVMs
     */
    static boolean keepsRecorded(Gate gate, Measurement old, Measurement recorded, BenchmarkComparison comparison) {
        if (old == null || comparison == null || !old.metrics().keySet().containsAll(recorded.metrics().keySet())
                || recorded.netBytes() && !old.netBytes()) {
            return false;
        }
        for (Metric metric : Metric.exact()) {
            if (old.sample(metric).isPresent() && gate.isConstant(metric, old) && recorded.sample(metric).isPresent()
                    && !gate.isConstant(metric, recorded)) {
                return false; // the new forks show levels the old ones missed: a constant baseline would mislead checks
            }
        }
        if (comparison.verdict() == Verdict.UNCHANGED) {
            return true;
        }
        boolean anyVaried = false;
        for (Metric metric : Metric.values()) {
            MetricComparison c = comparison.metric(metric);
            Sample before = old.sample(metric).orElse(null);
            Sample now = recorded.sample(metric).orElse(null);
            if (c == null || !c.gated() || before == null || now == null || c.verdict() == Verdict.UNCHANGED) {
                continue;
            }
            // A changed gated metric keeps the old entry only when its old forks varied and the new ones all sit at
            // one value within their range.
            if (gate.isConstant(metric, old) || !gate.isConstant(metric, recorded)
                    || now.median() < before.min() || now.median() > before.max()) {
                return false;
            }
            anyVaried = true;
        }
        return anyVaried;
    }

    /**
     * Compares an existing JMH results file with the baselines, or with a second JMH results file
     * when {@code against} is given. No benchmark is run.
     */
    public Result compare(Path results, Path against, BaselineStore store, BenchmarkFilter filter, GateSettings settings,
                          Path outputDirectory) throws AllocgateException, IOException {
        removeStaleReports(outputDirectory);
        try (Workers workers = Workers.forProcessors()) {
            Gate gate = new Gate(settings, workers);
            if (against == null) {
                Inputs inputs = readInputs(results, filter, store, workers);
                BaselineSet baselines = inputs.baselines();
                List<Measurement> current = withFlagsFromJvmArgs(inputs.current());
                GateReport report = withWarnings(withBaselineWarnings(gate.compare(current, baselines.entries(), filter,
                        List.of(), describe(store, baselines)), store, baselines),
                        jsonEnvironmentWarnings(results, current, baselines.entries(), settings.commands()));
                report = withWarnings(report, ratchetHint(report));
                report = report.withExplanations(missing(regressed(report), notProfiledInCompare(settings.commands())));
                return new Result(report, current, writeReports(report, current, outputDirectory, workers));
            }
            Workers.Stage<List<Measurement>, InvalidResultsException> readingAgainst =
                    workers.start("read " + against, () -> new JmhResultReader().read(against));
            List<Measurement> current = withFlagsFromJvmArgs(selected(results, new JmhResultReader().read(results, workers),
                    filter));
            Map<BenchmarkKey, Measurement> baseline = new TreeMap<>();
            for (Measurement m : withFlagsFromJvmArgs(readingAgainst.join())) {
                if (filter.test(m.key().benchmark())) {
                    baseline.put(m.key(), m);
                }
            }
            if (baseline.isEmpty()) {
                throw new InvalidResultsException(against, "no benchmark in it matches " + filter
                        + ": comparing against it would report every benchmark NEW");
            }
            GateReport report = withWarnings(gate.compare(current, baseline, filter, List.of(), against.toString()),
                    UncomparedEnvironment.warnings(current, baseline, results.getFileName() + " and " + against.getFileName()
                            + " are JMH's JSON, which carries only jdkVersion, vmName and jvmArgs, and their jvmArgs do not"
                            + " set them", "select them in both runs' benchmark JVM arguments (for example -XX:+UseG1GC"
                            + " -XX:+UseCompressedOops -XX:+UseCompressedClassPointers)"));
            report = report.withExplanations(missing(regressed(report), notProfiledInCompare(settings.commands())));
            return new Result(report, current, writeReports(report, current, outputDirectory, workers));
        }
    }

    /** Warnings for baselines whose JVM settings a JMH JSON file cannot show (see {@link UncomparedEnvironment}). */
    static List<String> jsonEnvironmentWarnings(Path results, List<Measurement> current,
                                                Map<BenchmarkKey, Measurement> baselines, Commands commands) {
        return UncomparedEnvironment.warnings(current, baselines, results.getFileName() + " is JMH's JSON, which carries"
                + " only jdkVersion, vmName and jvmArgs, and its jvmArgs do not set them", "select them in the benchmark"
                + " JVM's arguments (for example -XX:+UseG1GC -XX:+UseCompressedOops -XX:+UseCompressedClassPointers, as"
                + " the baselines were recorded)" + commands.check().map(check -> ", or measure with allocgate's own run"
                + " (`" + check + "`), which probes them").orElse(""));
    }

    /** JMH's JSON has no GC or layout fields: take those its {@code jvmArgs} set explicitly. */
    private static List<Measurement> withFlagsFromJvmArgs(List<Measurement> measurements) {
        return measurements.stream().map(m -> m.withEnvironment(JvmArgsFlags.complete(m.environment()))).toList();
    }

    /**
     * Reads a JMH results file while the baselines load on one of {@code workers} (a large file is
     * read in parts, on the calling thread and the other workers), and keeps the benchmarks
     * {@code filter} selects. Called by the thread that owns {@code workers}. The errors come in the order
     * of reading one after the other: the results' own, then that nothing in them matches the
     * filter, then the baselines'.
     *
     * @throws InvalidResultsException  if the results cannot be read or no benchmark in them is selected
     * @throws InvalidBaselineException if the baselines cannot be loaded
     */
    public static Inputs readInputs(Path results, BenchmarkFilter filter, BaselineStore store, Workers workers)
            throws InvalidResultsException, InvalidBaselineException {
        Workers.Stage<BaselineSet, InvalidBaselineException> loading = workers.start("load " + store.directory(), store::load);
        List<Measurement> current = selected(results, new JmhResultReader().read(results, workers), filter);
        return new Inputs(current, loading.join());
    }

    /** A run's JMH results and the baselines they are compared with. */
    public record Inputs(List<Measurement> current, BaselineSet baselines) {
    }

    /** The measurements {@code filter} selects; at least one. */
    private static List<Measurement> selected(Path results, List<Measurement> measurements, BenchmarkFilter filter)
            throws InvalidResultsException {
        List<Measurement> selected = measurements.stream().filter(m -> filter.test(m.key().benchmark())).toList();
        if (selected.isEmpty()) {
            throw new InvalidResultsException(results, "no benchmark in it matches " + filter);
        }
        return selected;
    }

    /** Fields the environment probe (or the baselines) could not tell, so they were not compared. */
    private static List<String> probeEnvironmentWarnings(List<Measurement> measurements, BaselineSet baselines,
                                                         GateSettings settings) {
        return UncomparedEnvironment.warnings(measurements, baselines.entries(), "the environment probe of this run, or"
                + " the one that recorded the baselines, could not read them from the benchmark JVM", "check that the"
                + " benchmark JVM is a HotSpot JVM with the jdk.management module, or record the baselines again with"
                + " `" + settings.commands().record() + "` if they lack these fields");
    }

    /**
     * Measurements of one run, with the benchmarks that produced none, the run's warnings, and the median wall seconds
     * of a fork per measured entry (empty unless allocgate's engine ran the forks).
     */
    private record Measured(List<Measurement> measurements, List<FailedBenchmark> failures, List<String> warnings,
                            Map<BenchmarkKey, Double> forkSeconds) {
        Measured(List<Measurement> measurements, List<FailedBenchmark> failures, List<String> warnings) {
            this(measurements, failures, warnings, Map.of());
        }

        Measured(List<Measurement> measurements, List<FailedBenchmark> failures) {
            this(measurements, failures, List.of());
        }
    }

    private Measured measure(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineSet baselines,
                             GateSettings settings, boolean recording, Path outputDirectory)
            throws AllocgateException, IOException {
        return measure(run, counting, plan, baselines, settings, recording, outputDirectory, filterOf(run));
    }

    /** As above; {@code suite} selects the baselines of the Holm family the adaptive engine's stopping rule assumes. */
    private Measured measure(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineSet baselines,
                             GateSettings settings, boolean recording, Path outputDirectory, Predicate<String> suite)
            throws AllocgateException, IOException {
        if (plan != null) {
            return measureAdaptively(run, counting, plan, baselines, settings, recording, outputDirectory, suite);
        }
        Measured bytes = measureOnce(run, outputDirectory.resolve(JMH_RESULT));
        if (counting == null) {
            return bytes;
        }
        Measured objects = measureOnce(counting.apply(run), outputDirectory.resolve(JMH_OBJECTS_RESULT));
        Map<BenchmarkKey, Measurement> counted = new HashMap<>();
        objects.measurements.forEach(m -> counted.put(m.key(), m));
        List<Measurement> merged = new ArrayList<>(bytes.measurements.size());
        List<FailedBenchmark> failures = new ArrayList<>(bytes.failures);
        for (Measurement m : bytes.measurements) {
            Measurement c = counted.get(m.key());
            if (c == null || c.sample(Metric.OBJECTS_PER_OP).isEmpty()) {
                failures.add(new FailedBenchmark(m.key().benchmark(), m.key().paramsLabel(),
                        "no objects/op result in " + JMH_OBJECTS_RESULT + " (the counting pass failed for it)"));
                merged.add(m);
                continue;
            }
            Map<Metric, Sample> metrics = new EnumMap<>(m.metrics());
            metrics.put(Metric.OBJECTS_PER_OP, c.sample(Metric.OBJECTS_PER_OP).orElseThrow());
            merged.add(m.withMetricsOfOtherForks(metrics));
        }
        for (FailedBenchmark f : objects.failures) {
            if (failures.stream().noneMatch(g -> g.benchmark().equals(f.benchmark()) && g.paramsLabel().equals(f.paramsLabel()))) {
                failures.add(new FailedBenchmark(f.benchmark(), f.paramsLabel(), "objects/op pass: " + f.reason()));
            }
        }
        return new Measured(merged, failures);
    }

    /** Bytes and objects in the same forks of allocgate's own, as many as {@link ForkDecisions} asks for. */
    private Measured measureAdaptively(RunSettings run, ObjectCounting counting, ForkPlan plan, BaselineSet baselines,
                                       GateSettings settings, boolean recording, Path outputDirectory,
                                       Predicate<String> suite) throws AllocgateException, IOException {
        // The layout probe (a JVM start) runs while the benchmarks do; only the results need it.
        EnvironmentProbe.probeInBackground(run.javaExecutable(), run.jvmArgs());
        RunSettings forks = counting == null ? run : counting.addTo(run);
        List<String> agentArgs = counting == null ? List.of() : counting.deferredAgentArgs();
        // Holm's family in the final comparison: at most one U test per gated metric of each selected baseline entry.
        long withBaseline = baselines.entries().keySet().stream().filter(k -> suite.test(k.benchmark())).count();
        int familyBound = (int) Math.min(Integer.MAX_VALUE, Math.max(1, withBaseline * settings.gatedMetrics().size()));
        ForkDecisions decisions = new ForkDecisions(new Gate(settings), baselines.entries(), plan, recording, familyBound);
        Path resultFile = outputDirectory.resolve(JMH_RESULT);
        Files.deleteIfExists(outputDirectory.resolve(JMH_OBJECTS_RESULT)); // an older run's, from JMH's own forks
        // The costliest benchmarks start first, so that the run does not end with one of them alone on the machine.
        Map<BenchmarkKey, Double> expected = entryCosts(baselines, settings);
        int first = recording ? plan.recordForks() : plan.minForks();
        RunOutcome outcome = adaptiveRunner.run(forks, plan, key -> first, key -> expected.getOrDefault(key, 0.0),
                decisions, agentArgs, resultFile);
        Map<List<String>, Environment> probed = new HashMap<>();
        probed.put(run.jvmArgs(), EnvironmentProbe.probeOnce(run.javaExecutable(), run.jvmArgs()));
        return collect(run, outcome, resultFile, probed);
    }

    private Measured measureOnce(RunSettings run, Path resultFile) throws AllocgateException, IOException {
        return collect(run, runner.run(run, resultFile), resultFile, new HashMap<>());
    }

    private Measured collect(RunSettings run, RunOutcome outcome, Path resultFile, Map<List<String>, Environment> probed)
            throws AllocgateException, IOException {
        List<Measurement> measurements = probeEnvironments(run.javaExecutable(), new JmhResultReader().read(resultFile), probed);
        List<FailedBenchmark> failures = new ArrayList<>();
        for (BenchmarkFailure f : outcome.failures()) {
            failures.add(new FailedBenchmark(f.benchmark(), paramsLabel(f.params()), f.firstErrorLine()));
        }
        Set<String> measuredNames = measurements.stream().map(m -> m.key().benchmark()).collect(Collectors.toSet());
        Set<String> failedNames = failures.stream().map(FailedBenchmark::benchmark).collect(Collectors.toSet());
        for (ListedBenchmark listed : outcome.listed()) {
            if (!measuredNames.contains(listed.benchmark()) && !failedNames.contains(listed.benchmark())) {
                failures.add(new FailedBenchmark(listed.benchmark(), "",
                        "listed by JMH but missing from " + resultFile.getFileName() + " (its fork crashed or was dropped)"));
            }
        }
        return new Measured(measurements, failures, outcome.warnings(), outcome.forkSeconds());
    }

    /**
     * JMH's JSON lacks the GC and object layout; probe them by starting the same java with the
     * same JVM arguments as the forks, once per distinct argument list. The run's private
     * {@code java.io.tmpdir} is dropped from the recorded arguments: it is a path on this machine.
     */
    static List<Measurement> probeEnvironments(Path java, List<Measurement> measurements,
            Map<List<String>, Environment> probed) throws BenchmarkRunException {
        List<Measurement> out = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            List<String> args = m.environment().jvmArgs() == null ? List.of() : m.environment().jvmArgs();
            Environment env = probed.get(args);
            if (env == null) {
                env = EnvironmentProbe.probe(java, args);
                probed.put(args, env);
            }
            Environment merged = EnvironmentProbe.merge(m.environment(), env);
            out.add(m.withEnvironment(withoutMachinePaths(merged)));
        }
        return out;
    }

    private static Environment withoutMachinePaths(Environment e) {
        List<String> args = e.jvmArgs() == null ? null
                : e.jvmArgs().stream().filter(a -> !a.startsWith("-Djava.io.tmpdir=")).toList();
        return new Environment(e.jdkVersion(), e.javaVendor(), e.vmName(), e.vmVersion(), e.jmhVersion(), e.gc(),
                e.compressedOops(), e.compressedClassPointers(), e.compactObjectHeaders(), e.maxHeapBytes(), e.arch(), args);
    }

    /** JMH prints parameters as {@code a = 1, b = x}; reports use {@code a=1,b=x}. */
    static String paramsLabel(String jmhParams) {
        return jmhParams == null || jmhParams.isBlank() ? ""
                : java.util.Arrays.stream(jmhParams.split(",\\s*")).map(p -> p.replaceFirst("\\s*=\\s*", "="))
                .collect(Collectors.joining(","));
    }

    /**
     * A failed run must not leave an earlier run's reports behind for a CI step to pick up; only files an
     * earlier run wrote, unchanged since, are deleted (see {@link OwnReports}).
     */
    static void removeStaleReports(Path outputDirectory) throws IOException {
        OwnReports.removeStale(outputDirectory);
    }

    static BenchmarkFilter filterOf(RunSettings run) {
        return new BenchmarkFilter(run.includes(), run.excludes());
    }

    private static String describe(BaselineStore store, BaselineSet baselines) {
        return store.directory() + (baselines.directoryExists() ? "" : " (does not exist yet)");
    }

    private static GateReport withBaselineWarnings(GateReport report, BaselineStore store, BaselineSet baselines) {
        if (baselines.directoryExists() && !baselines.entries().isEmpty()) {
            return report;
        }
        return withWarnings(report, List.of("no baselines in " + store.directory() + ": every benchmark is NEW. Run"
                + " `" + report.settings().commands().record() + "` and commit " + store.directory() + " to start gating."));
    }

    /** {@code report} with {@code more} warnings after its own. */
    static GateReport withWarnings(GateReport report, List<String> more) {
        if (more.isEmpty()) {
            return report;
        }
        List<String> warnings = new ArrayList<>(report.warnings());
        warnings.addAll(more);
        return new GateReport(report.passed(), report.benchmarks(), warnings, report.settings(), report.baselineSource(),
                report.explanations(), report.baselineMeasured());
    }
}
