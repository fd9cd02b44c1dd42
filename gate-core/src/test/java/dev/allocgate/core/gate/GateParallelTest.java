package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.parallel.Workers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gate comparing on several workers reaches the same report as one comparing on one thread. */
class GateParallelTest {

    private static final Environment JDK17 = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1GC", true, true, false, 1L << 30, "amd64", List.of());

    @Test
    void parallelComparisonGivesTheSameReportAsSequential() {
        Random random = new Random(42);
        List<Measurement> current = new ArrayList<>();
        Map<BenchmarkKey, Measurement> baseline = new TreeMap<>();
        List<FailedBenchmark> failed = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String name = String.format("com.acme.bench.Generated%02d.operation%03d", i / 300, i % 300);
            Map<String, String> params = Map.of("size", String.valueOf(i % 7));
            int kind = random.nextInt(10);
            double[] base = sample(random, 64, kind < 4 ? 0 : 0.05, 5);
            double[] now = sample(random, kind == 0 ? 80 : kind == 1 ? 48 : 64, kind < 4 ? 0 : 0.05, 5);
            if (kind != 8) {
                baseline.put(BenchmarkKey.of(name, "avgt", params), measurement(name, params, base));
            }
            if (kind != 9) {
                current.add(measurement(name, params, now));
            } else if (random.nextBoolean()) {
                failed.add(new FailedBenchmark(name, "size=" + (i % 7), "fork crashed"));
            }
        }
        failed.add(new FailedBenchmark("com.acme.bench.Unknown.gone", "", "never listed"));
        Collections.shuffle(current, random); // the gate orders by key, not by input position

        GateReport sequential = new Gate(GateSettings.defaults()).compare(current, baseline, BenchmarkFilter.ALL, failed, "b");
        GateReport parallel;
        try (Workers workers = Workers.of(4)) {
            parallel = new Gate(GateSettings.defaults(), workers).compare(current, baseline, BenchmarkFilter.ALL, failed, "b");
        }

        assertEquals(sequential, parallel);
        assertTrue(sequential.benchmarks().stream().anyMatch(b -> b.verdict() == Verdict.REGRESSED));
        assertTrue(sequential.benchmarks().stream().anyMatch(b -> b.verdict() == Verdict.FAILED));
        assertTrue(sequential.benchmarks().stream().anyMatch(b -> b.metric(Metric.BYTES_PER_OP) != null
                && b.metric(Metric.BYTES_PER_OP).method() == MetricComparison.Method.U_TEST), "U tests, Holm-corrected");
        List<BenchmarkKey> keys = parallel.benchmarks().stream().map(BenchmarkComparison::key).toList();
        List<BenchmarkKey> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        assertEquals(sorted, keys, "reported in key order");
    }

    @Test
    void theLastOfTwoMeasurementsWithOneKeyCounts() {
        Map<String, String> none = Map.of();
        Measurement first = measurement("a.B.c", none, new double[] {16, 16, 16});
        Measurement second = measurement("a.B.c", none, new double[] {32, 32, 32});
        Map<BenchmarkKey, Measurement> baseline = Map.of(first.key(), first);
        GateReport report = new Gate(GateSettings.defaults()).compare(List.of(first, second), baseline, BenchmarkFilter.ALL,
                List.of(), "b");
        assertEquals(1, report.benchmarks().size());
        assertEquals(Verdict.REGRESSED, report.benchmarks().get(0).verdict());
    }

    private static double[] sample(Random random, double center, double relativeNoise, int forks) {
        double[] values = new double[forks];
        for (int f = 0; f < forks; f++) {
            values[f] = Math.max(0, center * (1 + relativeNoise * random.nextGaussian()));
        }
        return values;
    }

    private static Measurement measurement(String name, Map<String, String> params, double[] bytes) {
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.BYTES_PER_OP, new Sample(bytes));
        return new Measurement(BenchmarkKey.of(name, "avgt", params), metrics, 5_000_000, JDK17);
    }
}
