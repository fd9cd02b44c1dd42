package dev.allocgate.core.baseline;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measurements and texts shared by the baseline tests. */
final class BaselineFixtures {

    static final String FOO = "dev.allocgate.samples.Foo";

    private BaselineFixtures() {
    }

    static Measurement bytesOnly(String benchmark, String mode, double... bytesPerOp) {
        return new Measurement(BenchmarkKey.of(benchmark, mode, Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(bytesPerOp)), Double.NaN, Environment.UNKNOWN);
    }

    static Environment fullEnvironment() {
        return new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37", "G1GC",
                true, true, null, 1L << 30, "amd64", List.of("-Xmx1g", "-XX:+UseG1GC"));
    }

    /**
     * The four entries of {@code golden-foo.json}, in a deliberately unsorted order and with params
     * inserted in reverse order; values carry more decimals than the file keeps.
     */
    static List<Measurement> goldenFooEntries() {
        Map<String, String> size16 = new LinkedHashMap<>();
        size16.put("size", "16");
        size16.put("kind", "ascii");
        Map<String, String> size128 = new LinkedHashMap<>();
        size128.put("size", "128");
        size128.put("kind", "ascii");

        Map<Metric, Sample> concat16Metrics = new EnumMap<>(Metric.class);
        concat16Metrics.put(Metric.ALLOC_RATE, Sample.of(1234.56789, 1200.0, 1300.25));
        concat16Metrics.put(Metric.BYTES_PER_OP, Sample.of(16.0, 16.0, 16.00001));
        Measurement concat16 = new Measurement(BenchmarkKey.of(FOO + ".concat", "avgt", size16), concat16Metrics,
                123456.0, fullEnvironment());

        Measurement concat128 = new Measurement(BenchmarkKey.of(FOO + ".concat", "avgt", size128),
                Map.of(Metric.BYTES_PER_OP, Sample.of(40, 40, 40)), 1000.0,
                new Environment(null, null, null, null, null, "SerialGC", null, null, false, null, null, List.of()));

        Measurement boxThrpt = bytesOnly(FOO + ".box", "thrpt", 0.00001, 0.0, 0.00012);

        Map<Metric, Sample> boxAvgtMetrics = new EnumMap<>(Metric.class);
        boxAvgtMetrics.put(Metric.BYTES_PER_OP, Sample.of(24, 32, 24, 32));
        boxAvgtMetrics.put(Metric.ALLOC_RATE, Sample.of(2.00005, 2.00015));
        Measurement boxAvgt = new Measurement(BenchmarkKey.of(FOO + ".box", "avgt", Map.of()), boxAvgtMetrics,
                12345678.9, Environment.UNKNOWN);

        return List.of(concat16, boxThrpt, concat128, boxAvgt);
    }

    static byte[] resource(String name) {
        try (InputStream in = BaselineFixtures.class.getResourceAsStream("/baseline/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /baseline/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
