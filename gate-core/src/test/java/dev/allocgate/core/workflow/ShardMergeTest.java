package dev.allocgate.core.workflow;

import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.profile.ProfileEntry;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.shard.MergedShards;
import dev.allocgate.core.shard.Shard;
import dev.allocgate.core.shard.ShardResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shards written from one set of measurements and merged give exactly the reports of the unsharded comparison. */
class ShardMergeTest {

    private static final Environment JDK17 = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1GC", true, true, null, 1L << 30, "amd64", List.of());

    @TempDir
    Path temp;

    private List<Measurement> current;
    private BaselineStore store;

    /** The sample results as this run; baselines from them with one benchmark grown, one shrunk and one removed since. */
    private void setUp() throws Exception {
        Path samples = Path.of(getClass().getResource("/jmh/jmh-1.37-samples.json").toURI());
        current = new JmhResultReader().read(samples).stream()
                .map(m -> new Measurement(m.key(), m.metrics(), m.opsPerIteration(), JDK17)).toList();
        List<Measurement> base = new ArrayList<>();
        for (Measurement m : current) {
            double factor = m.key().method().equals("stringBuilder") || m.key().method().equals("varargs") ? 0.5
                    : m.key().method().equals("hashMapPut") ? 2 : 1;
            Map<Metric, Sample> metrics = new EnumMap<>(m.metrics());
            double[] v = m.metrics().get(Metric.BYTES_PER_OP).values();
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
            metrics.put(Metric.BYTES_PER_OP, new Sample(v));
            base.add(new Measurement(m.key(), metrics, m.opsPerIteration(), JDK17));
        }
        Measurement removed = current.get(0);
        base.add(new Measurement(dev.allocgate.core.model.BenchmarkKey.of(removed.key().benchmarkClass() + ".removedSince",
                "avgt", Map.of()), removed.metrics(), removed.opsPerIteration(), JDK17));
        store = new BaselineStore(temp.resolve("baselines"));
        store.update(base, name -> true);
    }

    @Test
    void threeShardsMergedGiveTheUnshardedReportsExactly() throws Exception {
        setUp();
        GateSettings settings = GateSettings.defaults();
        BaselineSet baselines = store.load();
        List<FailedBenchmark> failures = List.of(new FailedBenchmark(current.get(1).key().benchmark(), "", "crashed"));
        List<Measurement> measured = current.stream().filter(m -> !m.key().equals(current.get(1).key())).toList();
        List<String> runWarnings = List.of("a fork of x reached the warmup cap");
        Path whole = temp.resolve("whole");
        List<Explanation> explanations = new ArrayList<>();
        try (Workers workers = Workers.forProcessors()) {
            GateReport report = GateWorkflow.judge(new Gate(settings, workers).sequential(3), measured, failures,
                    runWarnings, baselines, n -> true, store, settings);
            // As check explains them: the regressed benchmarks, one profiled against its baseline's profile, the
            // others not (their profiling fork failed).
            List<BenchmarkKey> regressed = report.benchmarks().stream().filter(b -> b.verdict() == Verdict.REGRESSED)
                    .map(b -> b.key()).toList();
            assertEquals(2, regressed.size(), "stringBuilder and varargs grew");
            AllocationSite grown = new AllocationSite("byte[]", List.of("java.util.Arrays.copyOf(Arrays.java:3537)",
                    "java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)",
                    "com.acme.Text.join(Text.java:12)"));
            explanations.add(Explanation.of(regressed.get(0),
                    Optional.of(new AllocationProfile(List.of(new ProfileEntry(grown, 1, 40.123456789)), 0.001, 0.1)),
                    new AllocationProfile(List.of(new ProfileEntry(grown, 2, 96.987654321)), 0.002, 0.3)));
            regressed.subList(1, regressed.size()).forEach(k -> explanations.add(Explanation.missing(k,
                    "its profiling fork failed: java.lang.OutOfMemoryError: Java heap space")));
            report = report.withExplanations(explanations);
            GateWorkflow.writeReports(report, measured, whole, workers);
            assertFalse(report.passed());
        }
        // A shard may explain a benchmark that the whole suite's correction does not find regressed: left out.
        Measurement improved = measured.stream().filter(m -> m.key().method().equals("hashMapPut")).findFirst().orElseThrow();
        List<Explanation> shardExplanations = new ArrayList<>(explanations);
        shardExplanations.add(Explanation.missing(improved.key(), "a reason the merged report must not show"));

        SortedSet<String> suite = new TreeSet<>();
        current.forEach(m -> suite.add(m.key().benchmark()));
        baselines.entries().keySet().forEach(k -> suite.add(k.benchmark()));
        Map<String, Double> costs = GateWorkflow.costs(baselines, settings);
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            SortedSet<String> share = shard.select(suite, costs);
            Path dir = temp.resolve("shard-" + i);
            new ShardResults(shard, suite, share, 3,
                    measured.stream().filter(m -> share.contains(m.key().benchmark())).toList(),
                    failures.stream().filter(f -> share.contains(f.benchmark())).toList(),
                    i == 2 ? runWarnings : List.of(), shardExplanations.stream()
                            .filter(e -> share.contains(e.key().benchmark())).toList()).write(dir);
            dirs.add(dir);
        }
        Path merged = temp.resolve("merged");
        GateWorkflow.Result result = new GateWorkflow(l -> { }, l -> { }).merge(MergedShards.read(List.of(dirs.get(2),
                dirs.get(0), dirs.get(1))), store, settings, merged);

        assertEquals(Verdict.REGRESSED, result.report().benchmarks().stream()
                .filter(b -> b.key().method().equals("stringBuilder")).findFirst().orElseThrow().verdict());
        for (String name : ReportFiles.NAMES) {
            assertEquals(Files.readString(whole.resolve(name)), Files.readString(merged.resolve(name)), name);
        }
        assertEquals(explanations.size(), result.report().explanations().size());
        assertTrue(Files.readString(merged.resolve("report.md")).contains("java.lang.OutOfMemoryError: Java heap space"));
        assertTrue(Files.readString(merged.resolve("report.md")).contains("(+56.9 B/op, 40.1 B \u2192 48.5 B each)"),
                Files.readString(merged.resolve("report.md")));
        assertFalse(Files.readString(merged.resolve("report.json")).contains("must not show"));
    }

    @Test
    void aBenchmarkRegressedOnlyInTheMergedVerdictSaysItsShardDidNotProfileIt() {
        BenchmarkKey key = BenchmarkKey.of("com.acme.B.x", "avgt", Map.of());
        GateReport merged = new GateReport(false, List.of(new dev.allocgate.core.gate.BenchmarkComparison(key,
                Verdict.REGRESSED, Map.of(), List.of(), "")), List.of(), GateSettings.defaults(), "b");
        List<Explanation> e = GateWorkflow.shardExplanations(merged, List.of());
        assertEquals(1, e.size());
        assertTrue(e.get(0).missing().contains("its shard did not find it regressed"), e.get(0).missing());
    }

    @Test
    void aShardFileKeepsWhoseBytesAMeasurementCountsAndWhetherItsMetricsShareForks() throws Exception {
        // Read back as every thread's bytes, a merged run allowed JMH's all-thread share (several KB per iteration).
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.BYTES_PER_OP, new Sample(new double[] {1376.1, 1440.1}));
        metrics.put(Metric.OBJECTS_PER_OP, new Sample(new double[] {11.003, 13.003}));
        List<Measurement> measured = new ArrayList<>();
        for (Measurement.BytesCounted counted : Measurement.BytesCounted.values()) {
            measured.add(new Measurement(BenchmarkKey.of("a.B." + counted.name().toLowerCase(), "avgt", Map.of()), metrics,
                    2094, Environment.UNKNOWN, counted));
        }
        measured.add(new Measurement(BenchmarkKey.of("a.B.fixed", "avgt", Map.of()), metrics, 2094, Environment.UNKNOWN,
                Measurement.BytesCounted.BENCHMARK_THREADS).withMetricsOfOtherForks(metrics));
        SortedSet<String> suite = new TreeSet<>();
        measured.forEach(m -> suite.add(m.key().benchmark()));
        Path dir = temp.resolve("one");
        new ShardResults(new Shard(1, 1), suite, suite, 3, measured, List.of(), List.of()).write(dir);
        List<Measurement> read = ShardResults.read(dir).measurements();
        assertEquals(measured.size(), read.size());
        for (int i = 0; i < measured.size(); i++) {
            assertEquals(measured.get(i).bytesCounted(), read.get(i).bytesCounted(), measured.get(i).key().toString());
            assertEquals(measured.get(i).sameForks(), read.get(i).sameForks(), measured.get(i).key().toString());
        }
        assertFalse(read.get(read.size() - 1).sameForks());
    }

    @Test
    void aMissingOrDuplicatedShardIsAClearError() throws Exception {
        SortedSet<String> suite = new TreeSet<>(List.of("a.B.x", "a.B.y", "a.B.z"));
        List<SortedSet<String>> split = Shard.split(suite, Map.of(), 3);
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path dir = temp.resolve("s" + i);
            new ShardResults(new Shard(i, 3), suite, split.get(i - 1), 3, List.of(), List.of(), List.of()).write(dir);
            dirs.add(dir);
        }
        String missing = assertThrows(IllegalArgumentException.class,
                () -> MergedShards.read(List.of(dirs.get(0), dirs.get(2)))).getMessage();
        assertTrue(missing.startsWith("shard 2/3 is missing from allocgate.shards"), missing);
        String twice = assertThrows(IllegalArgumentException.class,
                () -> MergedShards.read(List.of(dirs.get(0), dirs.get(1), dirs.get(0)))).getMessage();
        assertTrue(twice.contains("shard 1/3 is given twice: " + dirs.get(0) + " and " + dirs.get(0)), twice);
        String absent = assertThrows(dev.allocgate.core.InvalidResultsException.class,
                () -> MergedShards.read(List.of(temp.resolve("nowhere")))).getMessage();
        assertTrue(absent.contains("shard.json") && absent.contains("does not exist"), absent);

        Path other = temp.resolve("other");
        new ShardResults(new Shard(2, 2), suite, split.get(1), 3, List.of(), List.of(), List.of()).write(other);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MergedShards.read(List.of(dirs.get(0), other)))
                .getMessage().contains("disagree on their number"));
        assertEquals(suite, MergedShards.read(dirs).suite());
    }
}
