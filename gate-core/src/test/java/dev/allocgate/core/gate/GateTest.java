package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    private static final Environment JDK17 = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1", true, true, null, 6L << 30, "amd64", List.of());
    private static final double FAST = 5_000_000; // ops per iteration: JMH's own allocation is negligible

    static Measurement m(String name, double ops, Environment env, double... bytes) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()), Map.of(Metric.BYTES_PER_OP, new Sample(bytes)), ops, env);
    }

    static Measurement m(String name, double... bytes) {
        return m(name, FAST, JDK17, bytes);
    }

    static Map<BenchmarkKey, Measurement> index(Measurement... ms) {
        Map<BenchmarkKey, Measurement> map = new TreeMap<>();
        for (Measurement x : ms) {
            map.put(x.key(), x);
        }
        return map;
    }

    static GateReport compare(GateSettings settings, List<Measurement> current, Map<BenchmarkKey, Measurement> baseline) {
        return new Gate(settings).compare(current, baseline, BenchmarkFilter.ALL, List.of(), "test");
    }

    static BenchmarkComparison only(GateReport r) {
        assertEquals(1, r.benchmarks().size(), r.benchmarks().toString());
        return r.benchmarks().get(0);
    }

    @Test
    void constantEqualSamplesAreUnchangedByExactComparison() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 16, 16.001, 16)), index(m("a.B.x", 16, 16, 16.002)));
        BenchmarkComparison b = only(r);
        assertEquals(Verdict.UNCHANGED, b.verdict());
        assertEquals(MetricComparison.Method.EXACT, b.metric(Metric.BYTES_PER_OP).method());
        assertTrue(r.passed());
    }

    @Test
    void oneMoreObjectIsARegressionWithoutPValue() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 32, 32, 32)), index(m("a.B.x", 16, 16, 16)));
        BenchmarkComparison b = only(r);
        assertEquals(Verdict.REGRESSED, b.verdict());
        MetricComparison mc = b.metric(Metric.BYTES_PER_OP);
        assertEquals(16.0, mc.delta(), 1e-9);
        assertEquals(100.0, mc.deltaPercent(), 1e-9);
        assertTrue(Double.isNaN(mc.pValue()));
        assertFalse(r.passed());
        assertEquals(List.of(b), r.failing());
    }

    @Test
    void fewerBytesIsAnImprovementThatPasses() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 16, 16, 16)), index(m("a.B.x", 32, 32, 32)));
        assertEquals(Verdict.IMPROVED, only(r).verdict());
        assertTrue(r.passed());
    }

    @Test
    void changesWithinTheAbsoluteOrRelativeThresholdAreUnchanged() {
        // +3 B is below the default absolute 4 B; +50 B on 10 kB is below 1 %.
        GateReport r = compare(GateSettings.defaults(),
                List.of(m("a.B.small", 19, 19, 19), m("a.B.large", 10050, 10050, 10050)),
                index(m("a.B.small", 16, 16, 16), m("a.B.large", 10000, 10000, 10000)));
        r.benchmarks().forEach(b -> assertEquals(Verdict.UNCHANGED, b.verdict(), b.key().toString()));
        GateReport beyond = compare(GateSettings.defaults(), List.of(m("a.B.large", 10200, 10200, 10200)),
                index(m("a.B.large", 10000, 10000, 10000)));
        assertEquals(Verdict.REGRESSED, only(beyond).verdict());
    }

    @Test
    void allocationFreeBaselineThatStartsAllocatingRegresses() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 16, 16, 16)), index(m("a.B.x", 0.0001, 0, 0.0002)));
        BenchmarkComparison b = only(r);
        assertEquals(Verdict.REGRESSED, b.verdict());
        assertTrue(Double.isNaN(b.metric(Metric.BYTES_PER_OP).deltaPercent()), "no ratio against zero");
        assertFalse(b.metric(Metric.BYTES_PER_OP).note().isEmpty());
    }

    @Test
    void allocationFreeBaselineAndNoisyCurrentStillRegresses() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 40, 48, 56)), index(m("a.B.x", 0, 0, 0)));
        assertEquals(Verdict.REGRESSED, only(r).verdict());
    }

    @Test
    void newMissingAndUnselectedBaselines() {
        Gate gate = new Gate(GateSettings.defaults());
        GateReport r = gate.compare(List.of(m("a.B.added", 16, 16, 16)),
                index(m("a.B.removed", 16, 16, 16), m("a.C.notSelected", 16, 16, 16)),
                new BenchmarkFilter(List.of("a\\.B\\."), List.of()), List.of(), "test");
        assertEquals(2, r.benchmarks().size());
        assertEquals(Verdict.NEW, r.benchmarks().get(0).verdict());
        assertEquals("a.B.added", r.benchmarks().get(0).key().benchmark());
        assertEquals(Verdict.MISSING, r.benchmarks().get(1).verdict());
        assertFalse(r.passed(), "a selected benchmark that disappeared fails by default");
    }

    @Test
    void newPassesUnlessConfigured() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 16, 16, 16)), Map.of());
        assertEquals(Verdict.NEW, only(r).verdict());
        assertTrue(r.passed());
        GateSettings strict = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP), Map.of(),
                EnvironmentPolicy.FAIL, true, true, true, false);
        assertFalse(compare(strict, List.of(m("a.B.x", 16, 16, 16)), Map.of()).passed());
    }

    @Test
    void crashedBenchmarkFailsEvenWithoutBaseline() {
        Gate gate = new Gate(GateSettings.defaults());
        GateReport r = gate.compare(List.of(m("a.B.ok", 16, 16, 16)), index(m("a.B.ok", 16, 16, 16), m("a.B.crash", 16, 16, 16)),
                BenchmarkFilter.ALL, List.of(new FailedBenchmark("a.B.crash", "", "java.lang.OutOfMemoryError"),
                        new FailedBenchmark("a.B.unknown", "size=3", "exit 1")), "test");
        assertEquals(3, r.benchmarks().size());
        BenchmarkComparison crash = r.benchmarks().stream().filter(b -> b.key().benchmark().equals("a.B.crash")).findFirst().orElseThrow();
        assertEquals(Verdict.FAILED, crash.verdict());
        assertTrue(crash.note().contains("OutOfMemoryError"));
        BenchmarkComparison unknown = r.benchmarks().stream().filter(b -> b.key().benchmark().equals("a.B.unknown")).findFirst().orElseThrow();
        assertEquals(Verdict.FAILED, unknown.verdict());
        assertEquals("3", unknown.key().params().get("size"));
        assertFalse(r.passed());
    }

    @Test
    void aGcOrVendorDifferenceIsInformationNotAMismatch() {
        Environment otherGcAndVendor = new Environment("17.0.9", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "17.0.9+9",
                "1.37", "ParallelGC", true, true, null, 6L << 30, "aarch64", List.of("-XX:+UseParallelGC"));
        GateReport report = compare(GateSettings.defaults(), List.of(m("a.B.x", FAST, otherGcAndVendor, 16, 16, 16)),
                index(m("a.B.x", 16, 16, 16)));
        assertEquals(Verdict.UNCHANGED, only(report).verdict());
        assertTrue(only(report).environmentDifferences().isEmpty());
        assertEquals(List.of("information: the baselines' JVM differs from this run's only in what does not change"
                + " bytes/op or objects/op, so it was not compared: arch: amd64 -> aarch64; gc: G1 -> ParallelGC;"
                + " javaVendor: Debian -> Eclipse Adoptium; jdkVersion: 17.0.15 -> 17.0.9 (see README, \"Which JVM"
                + " differences matter\")"), report.warnings());
        assertTrue(report.passed());
    }

    @Test
    void environmentMismatchIsNeverComparedSilently() {
        Environment parallel = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
                "1.37", "ZGC", false, true, null, 6L << 30, "amd64", List.of());
        List<Measurement> current = List.of(m("a.B.x", FAST, parallel, 32, 32, 32));
        Map<BenchmarkKey, Measurement> base = index(m("a.B.x", 16, 16, 16));

        GateReport failing = compare(GateSettings.defaults(), current, base);
        assertEquals(Verdict.ENVIRONMENT_MISMATCH, only(failing).verdict());
        assertEquals("compressedOops", only(failing).environmentDifferences().get(0).field());
        assertFalse(failing.passed());

        GateReport skipped = compare(withPolicy(EnvironmentPolicy.SKIP), current, base);
        assertEquals(Verdict.ENVIRONMENT_MISMATCH, only(skipped).verdict());
        assertTrue(skipped.passed());

        GateReport compared = compare(withPolicy(EnvironmentPolicy.COMPARE), current, base);
        assertEquals(Verdict.REGRESSED, only(compared).verdict());
        assertEquals(1, compared.warnings().stream().filter(w -> w.contains("compared across different JVMs")).count());
    }

    @Test
    void jdkUpdateReleaseIsNotAMismatchButFeatureReleaseIs() {
        Environment update = new Environment("17.0.16", "Debian", "OpenJDK 64-Bit Server VM", "17.0.16+1",
                "1.37", "G1", true, true, null, 6L << 30, "amd64", List.of());
        Environment jdk21 = new Environment("21.0.5", "Debian", "OpenJDK 64-Bit Server VM", "21.0.5+1",
                "1.37", "G1", true, true, null, 6L << 30, "amd64", List.of());
        Map<BenchmarkKey, Measurement> base = index(m("a.B.x", 16, 16, 16));
        assertEquals(Verdict.UNCHANGED, only(compare(GateSettings.defaults(), List.of(m("a.B.x", FAST, update, 16, 16, 16)), base)).verdict());
        assertEquals(Verdict.ENVIRONMENT_MISMATCH, only(compare(GateSettings.defaults(), List.of(m("a.B.x", FAST, jdk21, 16, 16, 16)), base)).verdict());
    }

    @Test
    void noisySamplesUseTheUTest() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 150, 151, 152, 153, 154)),
                index(m("a.B.x", 100, 101, 102, 103, 104)));
        MetricComparison mc = only(r).metric(Metric.BYTES_PER_OP);
        assertEquals(MetricComparison.Method.U_TEST, mc.method());
        assertEquals(1.0 / 252, mc.pRaw(), 1e-12); // complete separation, 5 vs 5: 1 / C(10, 5)
        assertEquals(50.0, mc.shift().estimate(), 1e-9);
        assertEquals(Verdict.REGRESSED, only(r).verdict());
    }

    @Test
    void holmCorrectsAcrossTheRunAndTooFewForksAreInconclusive() {
        List<Measurement> current = new ArrayList<>();
        Map<BenchmarkKey, Measurement> base = new TreeMap<>();
        for (int i = 0; i < 4; i++) {
            current.add(m("a.B.x" + i, 150, 152, 154));
            Measurement b = m("a.B.x" + i, 100, 102, 104);
            base.put(b.key(), b);
        }
        GateReport r = compare(GateSettings.defaults(), current, base);
        for (BenchmarkComparison b : r.benchmarks()) {
            MetricComparison mc = b.metric(Metric.BYTES_PER_OP);
            assertEquals(0.05, mc.pRaw(), 1e-12); // 3 vs 3, complete separation: 1 / C(6, 3)
            assertEquals(0.2, mc.pValue(), 1e-12); // Holm over 4 equal p-values: 4 * 0.05
            assertEquals(Verdict.INCONCLUSIVE, b.verdict());
            assertTrue(mc.note().contains("forks"), mc.note());
        }
        assertTrue(r.passed(), "inconclusive does not fail by default");
    }

    @Test
    void noisyButClearlyEquivalentIsUnchanged() {
        GateReport r = compare(GateSettings.defaults(), List.of(m("a.B.x", 100.5, 101.0, 100.2)),
                index(m("a.B.x", 100.2, 100.9, 100.6)));
        assertEquals(Verdict.UNCHANGED, only(r).verdict());
    }

    @Test
    void jmhOwnAllocationWidensTheThresholdForSlowBenchmarks() {
        // 1000 ops per iteration: JMH's ~8 KB per iteration can add up to ~8 B/op.
        GateReport slow = compare(GateSettings.defaults(), List.of(m("a.B.x", 1000, JDK17, 24, 24, 24)),
                index(m("a.B.x", 1000, JDK17, 16, 16, 16)));
        assertEquals(Verdict.UNCHANGED, only(slow).verdict());
        assertTrue(only(slow).metric(Metric.BYTES_PER_OP).allowedChange() > 8);
        GateReport fast = compare(GateSettings.defaults(), List.of(m("a.B.x", 24, 24, 24)), index(m("a.B.x", 16, 16, 16)));
        assertEquals(Verdict.REGRESSED, only(fast).verdict());
    }

    @Test
    void benchmarkThreadBytesGetJmhsWorkerAllowanceSoEightBytesShowAtAFewHundredOps() {
        // 512 ops per iteration, +8 B/op with a 0 % threshold (4 B absolute): JMH's all-thread 8 KB per iteration
        // would allow 16 B/op, its worker-thread share (at most 1 KB per iteration) 2 B/op.
        GateSettings settings = new GateSettings(GateSettings.DEFAULT_ALPHA,
                Map.of(Metric.BYTES_PER_OP, new Threshold(0, 4)), EnumSet.of(Metric.BYTES_PER_OP), Map.of(),
                EnvironmentPolicy.FAIL, true, true, false, false);
        BenchmarkKey key = BenchmarkKey.of("a.B.x", "avgt", Map.of());
        for (boolean workers : new boolean[] {true, false}) {
            Measurement.BytesCounted counted = workers ? Measurement.BytesCounted.BENCHMARK_THREADS
                    : Measurement.BytesCounted.ALL_THREADS;
            Measurement base = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(100, 100, 100)), 512, JDK17, counted);
            Measurement cur = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(108, 108, 108)), 512, JDK17, counted);
            BenchmarkComparison b = only(compare(settings, List.of(cur), index(base)));
            assertEquals(workers ? Verdict.REGRESSED : Verdict.UNCHANGED, b.verdict(), "benchmark threads only: " + workers);
            assertEquals(4 + (workers ? 1024 : 8192) / 512.0, b.metric(Metric.BYTES_PER_OP).allowedChange(), 1e-9);
        }
    }

    @Test
    void bytesNetOfJmhsShareOnBothSidesNeedOnlyTheLineFitsToleranceSoEightBytesShowAtAHundredOps() {
        // SortBenchmarks: 105 KB per operation, 100 to 250 operations per 2 s iteration. JMH's worker share bound
        // (1 KB per iteration) allows 4 + 10 B/op at 100 ops and hides +8 B; net of the share, the forks' line fit
        // leaves at most 256 B per iteration: 6.56 B/op.
        GateSettings settings = new GateSettings(GateSettings.DEFAULT_ALPHA,
                Map.of(Metric.BYTES_PER_OP, new Threshold(0, 4)), EnumSet.of(Metric.BYTES_PER_OP), Map.of(),
                EnvironmentPolicy.FAIL, true, true, false, false);
        BenchmarkKey key = BenchmarkKey.of("a.B.sort", "avgt", Map.of());
        Measurement.BytesCounted net = Measurement.BytesCounted.BENCHMARK_THREADS_NET;
        Measurement base = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(105312, 105312, 105312)), 100, JDK17, net);
        Measurement cur = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(105320, 105320, 105320)), 250, JDK17, net);
        BenchmarkComparison b = only(compare(settings, List.of(cur), index(base)));
        assertEquals(Verdict.REGRESSED, b.verdict(), b.toString());
        assertEquals(4 + 256 / 100.0, b.metric(Metric.BYTES_PER_OP).allowedChange(), 1e-9);

        // A baseline recorded with JMH's share in it (an earlier version, or forks that could not take it out): the
        // gross side's bound applies, as the two sides' shares may differ by that much.
        Measurement gross = new Measurement(key, base.metrics(), 100, JDK17, Measurement.BytesCounted.BENCHMARK_THREADS);
        BenchmarkComparison mixed = only(compare(settings, List.of(cur), index(gross)));
        assertEquals(Verdict.UNCHANGED, mixed.verdict(), mixed.toString());
        assertEquals(4 + 1024 / 100.0, mixed.metric(Metric.BYTES_PER_OP).allowedChange(), 1e-9);
    }

    @Test
    void singleShotIterationsOfOneBatchCarryTheSameShareOfJmhsOwnAllocationOnBothSides() {
        // CsvBenchmarks (JDK 17): one operation per single-shot iteration, so JMH's own 456 B and 14 objects per
        // iteration on the worker are in every fork's value (295,952 B and 10,016 objects), the same in all.
        // +1 object and +16 B with 0 % thresholds: seen, where a bound of JMH's share over one operation would hide it.
        GateSettings settings = new GateSettings(GateSettings.DEFAULT_ALPHA,
                Map.of(Metric.BYTES_PER_OP, new Threshold(0, 4), Metric.OBJECTS_PER_OP, new Threshold(0, 0.5)),
                EnumSet.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP), Map.of(), EnvironmentPolicy.FAIL, true, true,
                false, false);
        for (String mode : List.of("ss", "avgt")) {
            BenchmarkKey key = BenchmarkKey.of("a.B.x", mode, Map.of());
            Measurement base = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(295952, 295952, 295952),
                    Metric.OBJECTS_PER_OP, Sample.of(10016, 10016, 10016)), 1, JDK17, Measurement.BytesCounted.BENCHMARK_THREADS);
            Measurement cur = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(295968, 295968, 295968),
                    Metric.OBJECTS_PER_OP, Sample.of(10017, 10017, 10017)), 1, JDK17, Measurement.BytesCounted.BENCHMARK_THREADS);
            BenchmarkComparison b = only(compare(settings, List.of(cur), index(base)));
            assertEquals(mode.equals("ss") ? Verdict.REGRESSED : Verdict.UNCHANGED, b.metric(Metric.OBJECTS_PER_OP).verdict(),
                    mode + ": " + b);
            assertEquals(mode.equals("ss") ? Verdict.REGRESSED : Verdict.UNCHANGED, b.metric(Metric.BYTES_PER_OP).verdict(),
                    mode + ": " + b);
            // Another batch (operations per iteration) on one side: JMH's share differs, and its bound applies.
            Measurement otherBatch = new Measurement(key, cur.metrics(), 2, JDK17, Measurement.BytesCounted.BENCHMARK_THREADS);
            assertEquals(Verdict.UNCHANGED, only(compare(settings, List.of(otherBatch), index(base)))
                    .metric(Metric.OBJECTS_PER_OP).verdict(), mode);
        }
    }

    @Test
    void allocationRateIsInformationalByDefault() {
        BenchmarkKey key = BenchmarkKey.of("a.B.x", "avgt", Map.of());
        Measurement base = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16), Metric.ALLOC_RATE, Sample.of(1000, 1000, 1000)), FAST, JDK17);
        Measurement cur = new Measurement(key, Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16), Metric.ALLOC_RATE, Sample.of(3000, 3000, 3000)), FAST, JDK17);
        GateReport r = compare(GateSettings.defaults(), List.of(cur), index(base));
        assertEquals(Verdict.UNCHANGED, only(r).verdict());
        MetricComparison rate = only(r).metric(Metric.ALLOC_RATE);
        assertFalse(rate.gated());
        assertEquals(Verdict.REGRESSED, rate.verdict());
        GateSettings gateRate = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP, Metric.ALLOC_RATE), Map.of(),
                EnvironmentPolicy.FAIL, true, true, false, false);
        assertEquals(Verdict.REGRESSED, only(compare(gateRate, List.of(cur), index(base))).verdict());
    }

    @Test
    void forksWarningSaysWhenAlphaIsUnreachable() {
        assertFalse(Gate.forksWarning(2, 0.05).isEmpty());
        assertTrue(Gate.forksWarning(2, 0.05).contains("at least 3"), Gate.forksWarning(2, 0.05));
        assertTrue(Gate.forksWarning(3, 0.05).isEmpty());
        assertTrue(Gate.forksWarning(3, 0.01).contains("at least 5"));
    }

    private static GateSettings withPolicy(EnvironmentPolicy policy) {
        return new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP), Map.of(), policy, true, true, false, false);
    }

    static Measurement withObjects(String name, double bytes, double... objects) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(bytes, bytes, bytes), Metric.OBJECTS_PER_OP, new Sample(objects)), FAST, JDK17);
    }

    @Test
    void oneMoreObjectPerOpFailsEvenWhenBytesStayWithinThreshold() {
        // Bytes +3 (within 4 B) but 12 -> 13 objects per op.
        Measurement base = withObjects("a.B.x", 400, 12, 12, 12);
        Measurement cur = new Measurement(base.key(), Map.of(Metric.BYTES_PER_OP, Sample.of(403, 403, 403),
                Metric.OBJECTS_PER_OP, Sample.of(13, 13, 13)), FAST, JDK17);
        GateReport r = compare(GateSettings.defaults(), List.of(cur), index(base));
        assertEquals(Verdict.UNCHANGED, only(r).metric(Metric.BYTES_PER_OP).verdict());
        assertEquals(Verdict.REGRESSED, only(r).metric(Metric.OBJECTS_PER_OP).verdict());
        assertEquals(Verdict.REGRESSED, only(r).verdict());
        assertFalse(r.passed());
    }

    @Test
    void aGatedMetricTheBaselineHasAndTheRunLostFailsTheBenchmark() {
        Measurement base = withObjects("a.B.x", 16, 1, 1, 1);
        GateReport lost = compare(GateSettings.defaults(), List.of(m("a.B.x", 16, 16, 16)), index(base));
        assertEquals(Verdict.FAILED, only(lost).verdict());
        assertFalse(lost.passed());
        assertTrue(only(lost).note().startsWith("objects/op is gated and in the baseline, but this run did not measure"
                + " it"), only(lost).note());
        assertTrue(only(lost).note().contains("-Dallocgate.objects=false"), only(lost).note());
        MetricComparison objects = only(lost).metric(Metric.OBJECTS_PER_OP);
        assertTrue(objects.gated());
        assertEquals(Verdict.MISSING, objects.verdict());
        assertEquals(Verdict.UNCHANGED, only(lost).metric(Metric.BYTES_PER_OP).verdict());
    }

    @Test
    void objectsCountedOnOneSideOnlyDoNotDecideTheVerdictWhenNotGated() {
        Measurement base = withObjects("a.B.x", 16, 1, 1, 1);
        GateSettings bytesOnly = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP), Map.of(),
                EnvironmentPolicy.FAIL, true, true, false, false, List.of());
        GateReport notCounted = compare(bytesOnly, List.of(m("a.B.x", 16, 16, 16)), index(base));
        assertEquals(Verdict.UNCHANGED, only(notCounted).verdict());
        MetricComparison objects = only(notCounted).metric(Metric.OBJECTS_PER_OP);
        assertFalse(objects.gated());
        assertEquals("not measured in this run", objects.note());

        GateReport olderBaseline = compare(GateSettings.defaults(), List.of(withObjects("a.B.x", 16, 1, 1, 1)),
                index(m("a.B.x", 16, 16, 16)));
        assertEquals(Verdict.UNCHANGED, only(olderBaseline).verdict());
        assertEquals(Verdict.NEW, only(olderBaseline).metric(Metric.OBJECTS_PER_OP).verdict());
    }

    @Test
    void benchmarksRemovedOnPurposeDoNotFail() {
        GateSettings settings = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP), Map.of(),
                EnvironmentPolicy.FAIL, true, true, false, false, List.of("\\.B\\.gone$"));
        GateReport r = compare(settings, List.of(m("a.B.kept", 16, 16, 16)),
                index(m("a.B.kept", 16, 16, 16), m("a.B.gone", 8, 8, 8), m("a.B.goneToo", 8, 8, 8)));
        Map<String, Verdict> verdicts = new TreeMap<>();
        r.benchmarks().forEach(b -> verdicts.put(b.key().method(), b.verdict()));
        assertEquals(Map.of("gone", Verdict.REMOVED, "goneToo", Verdict.MISSING, "kept", Verdict.UNCHANGED), verdicts);
        assertEquals(List.of("goneToo"), r.failing().stream().map(b -> b.key().method()).toList());
    }
}
