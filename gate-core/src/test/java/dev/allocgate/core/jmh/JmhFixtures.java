package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.model.BenchmarkKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test fixtures under {@code src/test/resources/jmh/} and a plain reading of their raw data, used as the oracle. */
final class JmhFixtures {

    /** Real JMH 1.37 output of the jmh-benchmarks module: avgt, 2 forks, 3 x 200 ms iterations. */
    static final String JMH_137 = "jmh-1.37-samples.json";
    /** Real JMH 1.36 output (metric names with a middle dot): thrpt, 2 forks, 3 x 100 ms iterations. */
    static final String JMH_136 = "jmh-1.36-middle-dot.json";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(JmhFixtures.class.getResource("/jmh/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    static JsonNode tree(String name) throws IOException {
        return MAPPER.readTree(path(name).toFile());
    }

    static BenchmarkKey key(JsonNode entry) {
        Map<String, String> params = new TreeMap<>();
        JsonNode p = entry.path("params");
        for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            params.put(name, p.get(name).asText());
        }
        return BenchmarkKey.of(entry.get("benchmark").asText(), entry.get("mode").asText(), params);
    }

    /** A secondary metric under either spelling, or a missing node. */
    static JsonNode secondary(JsonNode entry, String name) {
        JsonNode metrics = entry.path("secondaryMetrics");
        return metrics.has(name) ? metrics.get(name) : metrics.path("\u00b7" + name);
    }

    static List<List<Double>> rows(JsonNode rawData) {
        List<List<Double>> rows = new ArrayList<>();
        for (JsonNode row : rawData) {
            List<Double> values = new ArrayList<>();
            row.forEach(v -> values.add(v.asDouble()));
            rows.add(values);
        }
        return rows;
    }

    /**
     * Oracle for bytes per op: for each fork of the primary metric, the sum of that fork's norm
     * values divided by its number of primary iterations (missing norm values and rows are zero).
     */
    static double[] expectedBytesPerOp(JsonNode entry) {
        List<List<Double>> primary = rows(entry.path("primaryMetric").path("rawData"));
        List<List<Double>> norm = rows(secondary(entry, "gc.alloc.rate.norm").path("rawData"));
        double[] expected = new double[primary.size()];
        for (int fork = 0; fork < primary.size(); fork++) {
            double sum = 0;
            if (fork < norm.size()) {
                for (double v : norm.get(fork)) {
                    sum += v;
                }
            }
            expected[fork] = sum / primary.get(fork).size();
        }
        return expected;
    }

    /** Oracle for the allocation rate: plain mean of each fork's row. */
    static double[] expectedAllocRate(JsonNode entry) {
        List<List<Double>> rate = rows(secondary(entry, "gc.alloc.rate").path("rawData"));
        return rate.stream().mapToDouble(r -> r.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
    }
}
