package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes of the benchmark threads are used only when the other threads' share is JMH's own. */
class JmhResultReaderOtherThreadsTest {
    private static final Path FIXTURE = Path.of("jmh-1.37-worker-bytes.json");

    private static JsonNode fixture() throws Exception {
        try (InputStream in = JmhResultReaderOtherThreadsTest.class.getResourceAsStream("/jmh/" + FIXTURE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Measurement slowObject(JsonNode results) throws Exception {
        byte[] json = new ObjectMapper().writeValueAsBytes(results);
        List<Measurement> read = new JmhResultReader().read(new ByteArrayInputStream(json), FIXTURE);
        return read.stream().filter(m -> m.key().benchmark().endsWith(".slowObject")).findFirst().orElseThrow();
    }

    /**
     * Median over forks of each fork's value: the mean of its iterations for JMH's metrics, their median for
     * allocgate's worker bytes (which reports every iteration).
     */
    private static double median(JsonNode metric, boolean iterationMedian) {
        double[] perFork = new double[metric.get("rawData").size()];
        for (int f = 0; f < perFork.length; f++) {
            double[] row = new double[metric.get("rawData").get(f).size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = metric.get("rawData").get(f).get(i).asDouble();
            }
            perFork[f] = iterationMedian ? middle(row) : java.util.Arrays.stream(row).average().orElseThrow();
        }
        return middle(perFork);
    }

    private static double middle(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void slowBenchmarkReadsTheBenchmarkThreadsOnly() throws Exception {
        JsonNode results = fixture();
        JsonNode entry = find(results);
        double worker = median(entry.get("secondaryMetrics").get("allocgate.bytes.norm"), true);
        assertEquals(worker, slowObject(results).sample(Metric.BYTES_PER_OP).orElseThrow().median(), 1e-9);
    }

    @Test
    void allocationOnOtherThreadsIsNeverDropped() throws Exception {
        JsonNode results = fixture();
        ObjectNode norm = (ObjectNode) find(results).get("secondaryMetrics").get("gc.alloc.rate.norm");
        // As if the benchmark handed 100 B/op of work to a thread pool: every thread's total grows.
        for (JsonNode row : norm.get("rawData")) {
            ArrayNode values = (ArrayNode) row;
            for (int i = 0; i < values.size(); i++) {
                values.set(i, values.get(i).asDouble() + 100);
            }
        }
        assertEquals(median(norm, false), slowObject(results).sample(Metric.BYTES_PER_OP).orElseThrow().median(), 1e-9);
    }

    private static JsonNode find(JsonNode results) {
        for (JsonNode entry : results) {
            if (entry.get("benchmark").asText().endsWith(".slowObject")) {
                return entry;
            }
        }
        throw new AssertionError("fixture has no slowObject");
    }
}
