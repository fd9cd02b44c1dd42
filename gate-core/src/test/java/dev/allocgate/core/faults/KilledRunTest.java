package dev.allocgate.core.faults;

import static dev.allocgate.core.faults.FaultFixtures.HEALTHY;
import static dev.allocgate.core.faults.FaultFixtures.HEALTHY_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.workflow.GateWorkflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMH host JVM killed from outside in the middle of a run, and a {@code META-INF/BenchmarkList} that still
 * names a benchmark whose class is gone: real JMH runs through {@code GateWorkflow.check}.
 */
class KilledRunTest {
    private static final String REMOVED = FaultFixtures.PACKAGE + "RemovedBenchmark.newArray";

    @TempDir
    Path temp;

    @Test
    void killedJmhHostIsARunFailureWithNoResultsNoReportsAndNoSurvivingFork() throws Exception {
        Path baselines = temp.resolve("baselines");
        BaselineStore store = new BaselineStore(baselines);
        store.update(List.of(new Measurement(BenchmarkKey.of(HEALTHY, "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(80, 80)), Double.NaN, Environment.UNKNOWN)), HEALTHY::equals);
        Map<String, String> baselinesBefore = FaultFixtures.snapshot(baselines);
        Path output = temp.resolve("out");
        Files.createDirectories(output);
        for (String name : ReportFiles.NAMES) {
            Files.writeString(output.resolve(name), "stale report of an earlier, passing run");
        }
        // As an earlier run writes them: listed as allocgate's own, so the next run may delete them.
        dev.allocgate.core.workflow.OwnReports.remember(output, ReportFiles.NAMES.stream().map(output::resolve).toList());
        Path work = temp.resolve("work");
        // One measured iteration of 30 s: the fork is surely still running when the host is killed.
        RunSettings run = new RunSettings(FaultFixtures.javaExecutable(), FaultFixtures.testClassPath(),
                List.of(HEALTHY_ONLY), List.of(), 1, 1, Duration.ofMillis(50), 1, Duration.ofSeconds(30), List.of(),
                Optional.empty(), work, Duration.ofSeconds(90));
        String marker = FaultFixtures.tmpdirMarker(work);

        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Long> killedHost = CompletableFuture.supplyAsync(() -> killHostOnceItsForkRuns(marker, stop));
        BenchmarkRunException e;
        try {
            e = assertThrows(BenchmarkRunException.class, () -> new GateWorkflow(line -> { }, line -> { })
                    .check(run, store, GateSettings.defaults(), output));
        } finally {
            stop.set(true);
        }

        assertTrue(killedHost.get(10, TimeUnit.SECONDS) > 0, "the test killed the JMH host");
        assertTrue(e.getMessage().contains("JMH exited with code 137"), e.getMessage());
        assertEquals(List.of(HEALTHY), e.benchmarks());
        Path jmhResult = output.resolve(GateWorkflow.JMH_RESULT);
        // JMH creates the result file empty when it starts and fills it only at the end.
        assertTrue(!Files.exists(jmhResult) || Files.readString(jmhResult, StandardCharsets.UTF_8).isBlank(),
                "no results from a killed run");
        assertTrue(ReportFiles.NAMES.stream().noneMatch(name -> Files.exists(output.resolve(name))),
                "no report, not even an old one: nothing can read as '0 regressions'");
        assertEquals(baselinesBefore, FaultFixtures.snapshot(baselines));
        assertEquals(List.of(), FaultFixtures.survivorsWith(marker), "the orphaned fork was killed too");
    }

    /** Polls for the run's forked JVM, then SIGKILLs its parent, the JMH host; returns the host's pid. */
    private static long killHostOnceItsForkRuns(String marker, AtomicBoolean stop) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stop.get() && System.nanoTime() < deadline) {
            for (ProcessHandle fork : FaultFixtures.processesWith(marker)) {
                if (fork.info().commandLine().orElse("").contains("org.openjdk.jmh.runner.ForkedMain")) {
                    ProcessHandle host = fork.parent().orElseThrow();
                    host.destroyForcibly();
                    return host.pid();
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    @Test
    void staleBenchmarkListFailsTheVanishedBenchmarkAndStillJudgesTheOthers() throws Exception {
        // A second BenchmarkList on the class path (JMH merges them all) naming a class that no longer exists, as
        // stale compiler output would after the benchmark was deleted.
        List<String> healthyLines = Files.readAllLines(FaultFixtures.testClassPath().stream()
                .map(p -> p.resolve("META-INF/BenchmarkList")).filter(Files::isRegularFile).findFirst().orElseThrow())
                .stream().filter(line -> line.contains(FaultFixtures.HEALTHY_CLASS + " ")).toList();
        assertEquals(1, healthyLines.size(), healthyLines.toString());
        String staleLine = healthyLines.get(0).replace("HealthyBenchmark", "RemovedBenchmark");
        Path staleClasses = temp.resolve("stale-classes");
        Files.createDirectories(staleClasses.resolve("META-INF"));
        Files.writeString(staleClasses.resolve("META-INF/BenchmarkList"), staleLine + "\n");
        List<Path> classpath = new ArrayList<>(FaultFixtures.testClassPath());
        classpath.add(0, staleClasses);
        Path baselines = temp.resolve("baselines");

        GateWorkflow.Result result = new GateWorkflow(line -> { }, line -> { }).check(
                FaultFixtures.settings(classpath, "^dev\\.allocgate\\.core\\.faults\\.(Healthy|Removed)Benchmark\\.",
                        List.of(), temp.resolve("work"), Duration.ofSeconds(60)),
                new BaselineStore(baselines), GateSettings.defaults(), temp.resolve("out"));

        Map<String, BenchmarkComparison> byName = result.report().benchmarks().stream()
                .collect(Collectors.toMap(b -> b.key().benchmark(), b -> b));
        assertEquals(Verdict.NEW, byName.get(HEALTHY).verdict(), "the benchmark that exists is measured");
        assertEquals(Verdict.FAILED, byName.get(REMOVED).verdict());
        System.out.println("KilledRunTest: stale BenchmarkList entry reported as: " + byName.get(REMOVED).note());
        // JMH 1.37's fork cannot load the generated class named in the list and says so in its own words.
        assertTrue(byName.get(REMOVED).note().contains("Benchmark does not match a class"), byName.get(REMOVED).note());
        assertFalse(result.report().passed());
        assertFalse(Files.exists(baselines), "check never creates baselines");
    }
}
