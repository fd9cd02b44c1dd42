package dev.allocgate.core.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.profiler.ForkProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes per operation from allocgate's worker-thread profiler ({@code allocgate.bytes.norm}), on real JMH 1.37
 * output of allocgate-profiler's WorkerBytesBenchmarks run with {@code -prof gc} and WorkerBytesProfiler
 * (1 fork, 3 x 200 ms iterations; slowObject runs about 75 µs per operation and returns one 16-byte object).
 */
class JmhResultReaderWorkerBytesTest {

    private static final String FIXTURE = "jmh-1.37-worker-bytes.json";
    private static final String WORKER = "allocgate.bytes.norm";
    private static final String GC_NORM = "gc.alloc.rate.norm";
    private static final String GC_RATE = "gc.alloc.rate";

    @TempDir
    Path dir;

    private final JmhResultReader reader = new JmhResultReader();

    /** Oracle: for each fork, the median of its allocgate.bytes.norm row (written for every iteration). */
    private static double[] workerMedians(JsonNode entry) {
        return JmhFixtures.rows(entry.path("secondaryMetrics").path(WORKER).path("rawData")).stream()
                .mapToDouble(row -> {
                    double[] sorted = row.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    int n = sorted.length;
                    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                })
                .toArray();
    }

    @Test
    void bytesPerOpComeFromTheWorkerThreadsWhenTheRunMeasuredThem() throws Exception {
        JsonNode root = JmhFixtures.tree(FIXTURE);
        List<Measurement> measurements = reader.read(JmhFixtures.path(FIXTURE));
        assertEquals(root.size(), measurements.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            Measurement m = measurements.get(i);
            assertEquals(JmhFixtures.key(entry), m.key());
            assertArrayEquals(workerMedians(entry), m.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12,
                    m.key().toString());
            assertArrayEquals(JmhFixtures.expectedAllocRate(entry), m.metrics().get(Metric.ALLOC_RATE).values(), 1e-12,
                    m.key() + ": the allocation rate still comes from the GC profiler");
        }
    }

    @Test
    void theSlowBenchmarkReadsBelowJmhsAllThreadsNorm() throws Exception {
        JsonNode root = JmhFixtures.tree(FIXTURE);
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (entry.get("benchmark").asText().endsWith(".slowObject")) {
                double bytes = reader.read(JmhFixtures.path(FIXTURE)).get(i).metrics().get(Metric.BYTES_PER_OP).values()[0];
                assertTrue(bytes < JmhFixtures.expectedBytesPerOp(entry)[0], bytes + " B/op");
                return;
            }
        }
        throw new AssertionError("fixture has no slowObject");
    }

    @Test
    void withoutTheWorkerMetricTheGcNormIsUsed() throws Exception {
        JsonNode entry = JmhFixtures.tree(FIXTURE).get(0);
        Path file = edited(e -> ((ObjectNode) e.get("secondaryMetrics")).remove(List.of(WORKER, "allocgate.bytes")));
        Measurement m = reader.read(file).get(0);
        assertArrayEquals(JmhFixtures.expectedBytesPerOp(entry), m.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);
    }

    @Test
    void theOlderMiddleDotSpellingIsReadToo() throws Exception {
        JsonNode entry = JmhFixtures.tree(FIXTURE).get(1);
        Path file = edited(1, e -> {
            ObjectNode secondary = (ObjectNode) e.get("secondaryMetrics");
            secondary.set("\u00b7" + WORKER, secondary.remove(WORKER));
        });
        assertArrayEquals(workerMedians(entry), reader.read(file).get(0).metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);
    }

    @Test
    void theGcProfilerIsStillRequired() throws Exception {
        Path file = edited(e -> ((ObjectNode) e.get("secondaryMetrics")).remove(List.of(GC_NORM, GC_RATE)));
        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("-prof gc"), e.getMessage());
    }

    @Test
    void anImpossibleWorkerValueIsAnErrorNamingTheMetric() throws Exception {
        Path file = edited(e -> ((ArrayNode) e.get("secondaryMetrics").get(WORKER).get("rawData").get(0)).set(1, -3.0));
        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains(WORKER) && e.getMessage().contains("impossible"), e.getMessage());
    }

    @Test
    void moreWorkerValuesThanIterationsIsAnError() throws Exception {
        Path file = edited(e -> ((ArrayNode) e.get("secondaryMetrics").get(WORKER).get("rawData").get(0)).add(16.0));
        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains(WORKER), e.getMessage());
    }

    /**
     * The net figures a fork writes where it told JMH's per-iteration share apart ({@code allocgate.bytes.net.norm}):
     * taken, each fork's median iteration, only when every fork has them; otherwise the gross figures, never a mix.
     */
    @Test
    void bytesNetOfJmhsShareAreTakenOnlyWhenEveryForkGivesThem() throws Exception {
        JsonNode entry = JmhFixtures.tree(FIXTURE).get(0);
        int forks = entry.path("primaryMetric").path("rawData").size();
        Consumer<ObjectNode> net = e -> {
            ArrayNode raw = ((ObjectNode) e.get("secondaryMetrics")).putObject(ForkProtocol.WORKER_BYTES_NET_NORM)
                    .put("score", 16.0).put("scoreUnit", "B/op").putArray("rawData");
            for (int fork = 0; fork < forks; fork++) {
                raw.addArray().add(16.0 + fork).add(15.9 + fork).add(16.2 + fork);
            }
        };
        Measurement m = reader.read(edited(net)).get(0);
        assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS_NET, m.bytesCounted());
        double[] medians = new double[forks];
        for (int fork = 0; fork < forks; fork++) {
            medians[fork] = 16.0 + fork;
        }
        assertArrayEquals(medians, m.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);

        Measurement gross = JmhResultReader.grossBytes().read(edited(net)).get(0);
        assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS, gross.bytesCounted());
        assertArrayEquals(workerMedians(entry), gross.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);

        // A merged file where one fork had no net figures: the merge drops the metric's rawData, or a row is empty.
        for (Consumer<ObjectNode> lacking : List.<Consumer<ObjectNode>>of(
                e -> ((ObjectNode) e.path("secondaryMetrics").get(ForkProtocol.WORKER_BYTES_NET_NORM)).remove("rawData"),
                e -> ((ArrayNode) e.path("secondaryMetrics").get(ForkProtocol.WORKER_BYTES_NET_NORM).get("rawData"))
                        .set(0, JmhFixtures.MAPPER.createArrayNode()))) {
            Measurement mixed = reader.read(edited(net.andThen(lacking))).get(0);
            assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS, mixed.bytesCounted());
            assertArrayEquals(workerMedians(entry), mixed.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);
        }
        Path negative = edited(net.andThen(e -> ((ArrayNode) e.path("secondaryMetrics")
                .get(ForkProtocol.WORKER_BYTES_NET_NORM).get("rawData").get(0)).set(1, -1.0)));
        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> reader.read(negative));
        assertTrue(e.getMessage().contains(ForkProtocol.WORKER_BYTES_NET_NORM), e.getMessage());
    }

    /**
     * Where every figure is a fork's median iteration (the benchmark threads' bytes/op, objects/op), JMH's share is
     * spread over the median iteration's operations, not the slowest iteration's; where bytes/op counts every thread (a
     * mean of iterations), over the harmonic mean at most.
     */
    @Test
    void jmhsShareIsSpreadOverAForksMedianIterationWhereEveryFigureIsAMedian() throws Exception {
        Consumer<ObjectNode> counted = e -> ((ObjectNode) e.get("secondaryMetrics")).putObject(ForkProtocol.OPS_PER_ITERATION)
                .put("score", 300.0).put("scoreUnit", "ops").putArray("rawData")
                .add(JsonNodeFactory.instance.arrayNode().add(117).add(400).add(410));
        assertTrue(reader.read(edited(counted)).get(0).benchmarkThreadBytes());
        assertEquals(400, reader.read(edited(counted)).get(0).opsPerIteration());
        Measurement allThreads = reader.read(edited(counted.andThen(
                e -> ((ObjectNode) e.get("secondaryMetrics")).remove(List.of(WORKER, "allocgate.bytes"))))).get(0);
        assertEquals(3 / (1 / 117.0 + 1 / 400.0 + 1 / 410.0), allThreads.opsPerIteration(), 1e-9);
    }

    private Path edited(Consumer<ObjectNode> edit) throws IOException {
        return edited(0, edit);
    }

    /** The fixture's entry {@code index}, edited and written as a one-entry file. */
    private Path edited(int index, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode entry = (ObjectNode) JmhFixtures.tree(FIXTURE).get(index).deepCopy();
        edit.accept(entry);
        ArrayNode root = JmhFixtures.MAPPER.createArrayNode().add(entry);
        return Files.writeString(dir.resolve("edited.json"),
                JmhFixtures.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
