package dev.allocgate.core.report;

import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reports built by the real gate from fixed samples, and golden-file comparison. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static final Environment JDK17_G1 = new Environment("17.0.15", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1", true, true, null, 4L << 30, "amd64", List.of("-Xmx4g"));
    static final Environment JDK17_NO_COOPS = new Environment("17.0.15", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1", false, true, null, 4L << 30, "amd64", List.of("-Xmx4g", "-XX:-UseCompressedOops"));

    static Measurement m(String name, Map<String, String> params, double... bytes) {
        return m(name, params, JDK17_G1, bytes);
    }

    static Measurement m(String name, Map<String, String> params, Environment env, double... bytes) {
        return new Measurement(BenchmarkKey.of(name, "avgt", params), Map.of(Metric.BYTES_PER_OP, new Sample(bytes)), 1e6, env);
    }

    /**
     * One benchmark of every kind: regressed (exact and by U test), improved, unchanged (with and
     * without params), inconclusive, new, missing, failed and environment mismatch.
     */
    static GateReport sampleReport() {
        List<Measurement> base = List.of(
                m("com.acme.bench.Alloc.object", Map.of(), 16, 16, 16, 16, 16),
                m("com.acme.bench.Alloc.noisy", Map.of(), 100, 102, 101, 103, 99),
                m("com.acme.bench.Alloc.shrunk", Map.of(), 64, 64, 64, 64, 64),
                m("com.acme.bench.Alloc.free", Map.of(), 0, 0, 0, 0, 0),
                m("com.acme.bench.Alloc.wobbly", Map.of(), 100, 140, 90, 130, 110),
                m("com.acme.bench.Alloc.gone", Map.of(), 24, 24, 24, 24, 24),
                m("com.acme.bench.Alloc.otherJvm", Map.of(), JDK17_NO_COOPS, 40, 40, 40, 40, 40),
                m("com.acme.bench.Sizes.array", Map.of("size", "16"), 80, 80, 80, 80, 80),
                m("com.acme.bench.Sizes.array", Map.of("size", "1024"), 1040, 1040, 1040, 1040, 1040));
        List<Measurement> current = List.of(
                m("com.acme.bench.Alloc.object", Map.of(), 32, 32, 32, 32, 32),
                m("com.acme.bench.Alloc.noisy", Map.of(), 150, 152, 149, 151, 153),
                m("com.acme.bench.Alloc.shrunk", Map.of(), 32, 32, 32, 32, 32),
                m("com.acme.bench.Alloc.free", Map.of(), 0.0004, 0.00027, 0.0003, 0.00041, 0.00035), // noise: reads 0
                m("com.acme.bench.Alloc.wobbly", Map.of(), 105, 150, 95, 120, 135),
                m("com.acme.bench.Alloc.added", Map.of(), 48, 48, 48, 48, 48),
                m("com.acme.bench.Alloc.otherJvm", Map.of(), 40, 40, 40, 40, 40),
                m("com.acme.bench.Sizes.array", Map.of("size", "16"), 80, 80, 80, 80, 80),
                m("com.acme.bench.Sizes.array", Map.of("size", "1024"), 1040, 1040, 1040, 1040, 1040));
        return compare(base, current, List.of(new FailedBenchmark("com.acme.bench.Alloc.crash", "",
                "java.lang.IllegalStateException: boom")));
    }

    /** Spelled out rather than the defaults, so golden files do not change when a default does. */
    static final GateSettings SETTINGS = new GateSettings(0.05,
            Map.of(Metric.BYTES_PER_OP, new Threshold(1.0, 4.0), Metric.OBJECTS_PER_OP, new Threshold(0.0, 0.5),
                    Metric.ALLOC_RATE, new Threshold(25.0, 100.0)),
            EnumSet.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP),
            Map.of(Metric.BYTES_PER_OP, 8192.0, Metric.OBJECTS_PER_OP, 16.0),
            EnvironmentPolicy.FAIL, true, true, false, false);

    static GateReport compare(List<Measurement> base, List<Measurement> current, List<FailedBenchmark> failed) {
        return compare(SETTINGS, base, current, failed);
    }

    static GateReport compare(GateSettings settings, List<Measurement> base, List<Measurement> current, List<FailedBenchmark> failed) {
        Map<BenchmarkKey, Measurement> baseline = new TreeMap<>();
        base.forEach(b -> baseline.put(b.key(), b));
        return new Gate(settings).compare(current, baseline, BenchmarkFilter.ALL, failed, "baselines/com.acme");
    }

    static Measurement withObjects(String name, double[] bytes, double[] objects) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, new Sample(bytes), Metric.OBJECTS_PER_OP, new Sample(objects)), 1e6, JDK17_G1);
    }

    /**
     * Objects per op next to bytes per op: one benchmark allocates one more object of the same
     * total size, one regresses on both, one is new, one has no object count at all, one allocates nothing (noise).
     */
    static GateReport objectsReport() {
        List<Measurement> base = List.of(
                withObjects("com.acme.bench.Parse.split", new double[] {64, 64, 64}, new double[] {2, 2, 2}),
                withObjects("com.acme.bench.Parse.join", new double[] {48, 48, 48}, new double[] {1, 1, 1}),
                m("com.acme.bench.Parse.legacy", Map.of(), 24, 24, 24),
                withObjects("com.acme.bench.Parse.cached", new double[] {0, 0, 0}, new double[] {0, 0, 0}));
        List<Measurement> current = List.of(
                // allocation-free: a few ten-thousandths of a byte and millionths of an object are noise, read as 0
                withObjects("com.acme.bench.Parse.cached", new double[] {0.0004, 0.00027, 0.0003},
                        new double[] {8.6e-6, 9.1e-6, 7.7e-6}),
                withObjects("com.acme.bench.Parse.split", new double[] {64, 64, 64}, new double[] {3, 3, 3}),
                withObjects("com.acme.bench.Parse.join", new double[] {96, 96, 96}, new double[] {2, 2, 2}),
                withObjects("com.acme.bench.Parse.fresh", new double[] {16, 16, 16}, new double[] {1, 1, 1}),
                m("com.acme.bench.Parse.legacy", Map.of(), 24, 24, 24));
        return compare(base, current, List.of());
    }

    /** {@code n} benchmarks with long names: a fifth regressed, the rest unchanged; for the size cap. */
    static GateReport bigReport(int n) {
        List<Measurement> base = new ArrayList<>();
        List<Measurement> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("com.acme.bench.Generated%03d.allocatesSomethingWithAFairlyLongMethodName%03d", i / 10, i);
            base.add(m(name, Map.of("size", String.valueOf(i)), 100, 100, 100));
            current.add(m(name, Map.of("size", String.valueOf(i)), i % 5 == 0 ? 200 : 100, i % 5 == 0 ? 200 : 100, i % 5 == 0 ? 200 : 100));
        }
        return compare(base, current, List.of());
    }

    /** Compares with src/test/resources/report/NAME; rewrites it when -Dallocgate.updateGolden=true. */
    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("allocgate.updateGolden")) {
            Path file = Path.of("src/test/resources/report", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = ReportFixtures.class.getResourceAsStream("/report/" + name)) {
            assertNotNull(in, "golden file report/" + name + " missing; actual output:\n" + actual);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "differs from golden file report/" + name);
        }
    }
}
