package dev.allocgate.core.workflow;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.env.EnvironmentProbe;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.git.BaseRevision;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.run.AdaptiveRunner;
import dev.allocgate.core.run.BenchmarkFailure;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.ForkResults;
import dev.allocgate.core.run.RunOutcome;
import dev.allocgate.core.run.RunSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A base-vs-PR check: the base revision's benchmarks (built elsewhere, given as a second class path) and this
 * revision's, measured in the same job by allocgate's adaptive engine, with no stored baseline.
 *
 * <p>It runs in rounds. Each round runs, for every benchmark still undecided, its forks on the base revision, then
 * the same number on this revision; between rounds {@link PairedForkDecisions} looks at both sides' forks so far and
 * asks for more of each, so both sides always hold as many forks, taken alternately in time: drift of the machine
 * over the job hits both. Forks within a round run side by side as in {@code check}. The final comparison is
 * {@code check}'s, with the base revision's forks as the baseline; a benchmark on one side only is NEW or MISSING,
 * and one whose forks failed on either side FAILED. A regressed benchmark gets a profiling fork on each side.
 */
final class BaseVsPr {
    /** Folder of the output directory with the base side's files (its JMH results, rounds and profiles). */
    static final String DIRECTORY = "against";
    /** The base side's JMH results, every round's forks merged, in {@link #DIRECTORY}. */
    static final String BASE_RESULT = "jmh-result-base.json";

    private final AdaptiveRunner runner;
    private final Consumer<String> progress;

    BaseVsPr(AdaptiveRunner runner, Consumer<String> progress) {
        this.runner = runner;
        this.progress = progress;
    }

    /** One side: its settings (counting included), the rounds' result files and the runs that failed. */
    private static final class Side {
        final String name;
        final RunSettings run;
        final RunSettings forks;
        final Path merged;
        final List<Path> rounds = new ArrayList<>();
        final Map<String, String> failed = new LinkedHashMap<>(); // "benchmark|params label" -> reason
        final List<String> warnings = new ArrayList<>();
        Map<BenchmarkKey, Measurement> measured = Map.of();

        Side(String name, RunSettings run, ObjectCounting counting, Path merged) {
            this.name = name;
            this.run = run;
            this.forks = counting == null ? run : counting.addTo(run);
            this.merged = merged;
        }
    }

    GateWorkflow.Result check(RunSettings current, RunSettings base, BaseRevision revision, ObjectCounting counting,
                              ForkPlan plan, GateSettings settings, Path outputDirectory)
            throws AllocgateException, IOException {
        GateWorkflow.removeStaleReports(outputDirectory);
        Path directory = outputDirectory.resolve(DIRECTORY);
        Files.createDirectories(directory);
        deleteOwn(directory);
        Side baseSide = new Side("base " + revision.ref() + " (" + revision.shortId() + ")", base, counting,
                directory.resolve(BASE_RESULT));
        Side prSide = new Side("this revision", current, counting, outputDirectory.resolve(GateWorkflow.JMH_RESULT));
        List<String> agentArgs = counting == null ? List.of() : counting.deferredAgentArgs();
        Environment environment = EnvironmentProbe.probeOnce(current.javaExecutable(), current.jvmArgs());
        Gate judging = new Gate(settings);

        Map<BenchmarkKey, Integer> request = null; // null: the first round, every listed run
        int first = PairedForkDecisions.agreeingForks(plan);
        for (int round = 1; ; round++) {
            for (Side side : List.of(baseSide, prSide)) {
                runRound(side, round, request, first, plan, agentArgs, directory);
            }
            Set<BenchmarkKey> both = new TreeSet<>(baseSide.measured.keySet());
            both.retainAll(prSide.measured.keySet());
            int familyBound = Math.max(1, both.size() * settings.gatedMetrics().size());
            PairedForkDecisions decisions = new PairedForkDecisions(judging, plan, familyBound);
            Map<BenchmarkKey, Integer> next = new TreeMap<>();
            for (BenchmarkKey key : both) {
                Measurement b = baseSide.measured.get(key);
                Measurement c = prSide.measured.get(key);
                AdaptiveRunner.Decision d = decisions.decide(b, c);
                int more = Math.min(d.moreForks(), plan.maxForks() - ForkDecisions.forks(c));
                if (more > 0) {
                    next.put(key, more);
                    progress.accept("allocgate: " + key + ": " + more + " more fork(s) on each side: " + d.reason());
                } else {
                    // ForkDecisions' default reason reads "agrees" also for a confirmed change: the table says which
                    progress.accept("allocgate: " + key + ": decided after " + ForkDecisions.forks(c) + " fork(s) on each"
                            + " side" + (d.reason().equals("agrees with the baseline") ? "" : ": " + d.reason()));
                }
            }
            if (next.isEmpty()) {
                break;
            }
            request = next;
        }

        List<FailedBenchmark> failures = new ArrayList<>();
        prSide.failed.forEach((id, reason) -> failures.add(failed(id, reason)));
        baseSide.failed.forEach((id, reason) -> {
            if (!prSide.failed.containsKey(id)) {
                failures.add(failed(id, "its forks on the base revision " + revision.ref() + " failed: " + reason));
            }
        });
        Set<String> failedIds = new TreeSet<>(prSide.failed.keySet());
        failedIds.addAll(baseSide.failed.keySet());
        Map<List<String>, Environment> probed = new HashMap<>();
        probed.put(current.jvmArgs(), environment);
        List<Measurement> currentMeasurements = GateWorkflow.probeEnvironments(current.javaExecutable(),
                without(prSide.measured.values(), failedIds), probed);
        Map<BenchmarkKey, Measurement> baseline = new TreeMap<>();
        GateWorkflow.probeEnvironments(base.javaExecutable(), without(baseSide.measured.values(), failedIds), probed)
                .forEach(m -> baseline.put(m.key(), m));
        List<String> warnings = new ArrayList<>(baseSide.warnings.stream().map(w -> "base revision " + revision.ref()
                + ": " + w).toList());
        warnings.addAll(prSide.warnings);

        BenchmarkFilter filter = GateWorkflow.filterOf(current);
        try (Workers workers = Workers.forProcessors()) {
            Gate gate = new Gate(settings, workers).sequential(ForkDecisions.looks(plan));
            GateReport report = gate.compare(currentMeasurements, baseline, filter, failures, revision.describe())
                    .withMeasuredBaseline(revision.describe());
            report = GateWorkflow.withWarnings(report, warnings);
            report = explain(report, baseSide, prSide, revision, counting, plan, outputDirectory, directory);
            return new GateWorkflow.Result(report, currentMeasurements,
                    GateWorkflow.writeReports(report, currentMeasurements, outputDirectory, workers));
        }
    }

    /** Runs one round of {@code side}: {@code request}'s forks, or {@code first} of every listed run in round 1. */
    private void runRound(Side side, int round, Map<BenchmarkKey, Integer> request, int first, ForkPlan plan,
                          List<String> agentArgs, Path directory) throws AllocgateException, IOException {
        RunSettings settings = side.forks;
        if (request != null) {
            Set<String> names = new TreeSet<>();
            request.keySet().forEach(k -> names.add(k.benchmark()));
            settings = GateWorkflow.only(settings, names);
        }
        progress.accept("allocgate: base-vs-PR round " + round + ", " + side.name);
        Path file = directory.resolve((side.merged.getFileName().toString().equals(BASE_RESULT) ? "base" : "current")
                + "-round-" + round + ".json");
        Map<BenchmarkKey, Integer> forks = request;
        RunOutcome outcome;
        try {
            outcome = runner.run(settings, plan, key -> forks == null ? first : forks.getOrDefault(key, 0),
                    (target, soFar) -> AdaptiveRunner.Decision.done("round " + round + " of " + side.name),
                    agentArgs, file);
        } catch (BenchmarkRunException e) {
            if (round == 1 || !e.getMessage().startsWith("No benchmark produced a result")) {
                throw new BenchmarkRunException(side.name + ": " + e.getMessage(), e);
            }
            // Every fork of this round failed: their benchmarks fail; the others were decided.
            forks.keySet().forEach(k -> side.failed.putIfAbsent(id(k.benchmark(), k.paramsLabel()), e.getMessage()));
            return;
        }
        for (BenchmarkFailure f : outcome.failures()) {
            side.failed.putIfAbsent(id(f.benchmark(), GateWorkflow.paramsLabel(f.params())), f.firstErrorLine());
        }
        side.warnings.addAll(outcome.warnings());
        side.rounds.add(file);
        ForkResults.merge(side.rounds, Map.of(), side.merged);
        Map<BenchmarkKey, Measurement> measured = new TreeMap<>();
        for (Measurement m : new JmhResultReader().read(side.merged)) {
            measured.put(m.key(), m);
        }
        side.measured = measured;
    }

    /** A profiling fork of each regressed benchmark on both sides, so that its explanation has a real baseline side. */
    private GateReport explain(GateReport report, Side base, Side current, BaseRevision revision, ObjectCounting counting,
                               ForkPlan plan, Path outputDirectory, Path directory) {
        List<BenchmarkKey> regressed = report.benchmarks().stream()
                .filter(b -> b.verdict() == Verdict.REGRESSED).map(BenchmarkComparison::key).toList();
        if (regressed.isEmpty()) {
            return report;
        }
        if (counting == null) {
            return report.withExplanations(regressed.stream().map(k -> Explanation.missing(k,
                    GateWorkflow.NOT_PROFILED_WITHOUT_AGENT)).toList());
        }
        ProfilingRun.Profiles before;
        ProfilingRun.Profiles after;
        try {
            before = ProfilingRun.profile(runner, base.run, counting, plan, regressed, directory, ProfilingRun.DEFAULT_DEPTH);
            after = ProfilingRun.profile(runner, current.run, counting, plan, regressed, outputDirectory,
                    ProfilingRun.DEFAULT_DEPTH);
        } catch (AllocgateException | IOException | RuntimeException e) {
            return report.withExplanations(regressed.stream().map(k -> Explanation.missing(k, "the profiling forks"
                    + " failed: " + e.getMessage() + "; the verdict stands on the measurement. "
                    + GateWorkflow.PROFILE_BY_HAND)).toList());
        }
        List<Explanation> explanations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (BenchmarkKey key : regressed) {
            AllocationProfile now = after.profiles().get(key);
            if (now == null) {
                explanations.add(Explanation.missing(key, after.missing().get(key) + "; the verdict stands on the"
                        + " measurement. " + GateWorkflow.PROFILE_BY_HAND));
                continue;
            }
            AllocationProfile then = before.profiles().get(key);
            if (then == null) {
                warnings.add(key + ": its profiling fork on the base revision " + revision.ref() + " produced no"
                        + " allocation profile (" + before.missing().get(key) + "); the explanation lists this"
                        + " revision's allocations only");
            }
            explanations.add(Explanation.of(key, Optional.ofNullable(then), now));
        }
        return GateWorkflow.withWarnings(report.withExplanations(explanations), warnings);
    }

    private static String id(String benchmark, String paramsLabel) {
        return benchmark + "|" + paramsLabel;
    }

    private static FailedBenchmark failed(String id, String reason) {
        int bar = id.indexOf('|');
        return new FailedBenchmark(id.substring(0, bar), id.substring(bar + 1), reason);
    }

    private static List<Measurement> without(java.util.Collection<Measurement> measurements, Set<String> failedIds) {
        return measurements.stream().filter(m -> !failedIds.contains(id(m.key().benchmark(), m.key().paramsLabel())))
                .toList();
    }

    /** Deletes the round files an earlier base-vs-PR check left in {@code directory} (only those allocgate writes). */
    private static void deleteOwn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.equals(BASE_RESULT)
                        || name.matches("(base|current)-round-\\d+\\.json"))) {
                    Files.delete(f);
                }
            }
        }
    }
}
