package dev.allocgate.core.jmh;

import static dev.allocgate.core.jmh.JmhFixtures.JMH_136;
import static dev.allocgate.core.jmh.JmhFixtures.JMH_137;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reads real JMH output (1.37 from the sample benchmarks, 1.36 with middle-dot metric names). */
class JmhResultReaderRealOutputTest {

    private final JmhResultReader reader = new JmhResultReader();

    private static Map<BenchmarkKey, Measurement> byKey(List<Measurement> measurements) {
        return measurements.stream().collect(Collectors.toMap(Measurement::key, Function.identity()));
    }

    @ParameterizedTest
    @ValueSource(strings = {JMH_137, JMH_136})
    void readsEveryEntryInFileOrderWithPerForkMeansOfTheRawData(String fixture) throws Exception {
        JsonNode json = JmhFixtures.tree(fixture);
        List<Measurement> measurements = reader.read(JmhFixtures.path(fixture));

        assertEquals(json.size(), measurements.size());
        for (int i = 0; i < json.size(); i++) {
            JsonNode entry = json.get(i);
            Measurement m = measurements.get(i);
            assertEquals(JmhFixtures.key(entry), m.key());
            int forks = entry.get("forks").asInt();
            assertEquals(forks, m.metrics().get(Metric.BYTES_PER_OP).size(), m.key() + " one value per fork");
            assertArrayEquals(JmhFixtures.expectedBytesPerOp(entry), m.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12,
                    m.key() + " bytes per op");
            assertArrayEquals(JmhFixtures.expectedAllocRate(entry), m.metrics().get(Metric.ALLOC_RATE).values(), 1e-9,
                    m.key() + " alloc rate");
        }
    }

    /** Object size rounded up to the 8-byte alignment. */
    private static double align(int bytes) {
        return (bytes + 7) / 8 * 8;
    }

    /** Expected sizes follow from the object layout on JDK 17 x64: 12-byte headers, 16-byte array headers, 8-byte alignment. */
    @Test
    void sampleBenchmarksAllocateWhatTheObjectLayoutPredicts() throws Exception {
        Map<String, Double> layout = Map.ofEntries(
                Map.entry("BasicAllocationBenchmarks.allocationFree", 0.0),
                Map.entry("BasicAllocationBenchmarks.newObject", 16.0),
                Map.entry("BasicAllocationBenchmarks.twoObjects", 2 * 16.0),
                Map.entry("BasicAllocationBenchmarks.byteArray1k", 16.0 + 1024),
                Map.entry("HiddenAllocationBenchmarks.boxedInteger", 16.0),
                Map.entry("HiddenAllocationBenchmarks.capturingLambda", 16.0),
                Map.entry("HiddenAllocationBenchmarks.varargs", align(16 + 3 * 4)),
                Map.entry("EscapeAnalysisBenchmarks.nonEscapingPoint", 0.0),
                // C2 fuses the StringBuilder chain: only the String (value, hash, coder, hashIsZero) and its bytes remain.
                Map.entry("StringBenchmarks.stringBuilder", align(12 + 4 + 4 + 1 + 1)
                        + align(16 + "id=4711, name=allocgate".length())),
                // ArrayList: modCount, size, elementData; backing arrays of capacity 10, 15, 22.
                Map.entry("CollectionBenchmarks.arrayListGrow", align(12 + 4 + 4 + 4)
                        + align(16 + 10 * 4) + align(16 + 15 * 4) + align(16 + 22 * 4)),
                // HashMap: 4 int/float fields and 4 references; Node: an int hash and 3 references.
                Map.entry("CollectionBenchmarks.hashMapPut", align(12 + 4 * 4 + 4 * 4)
                        + align(16 + 16 * 4) + 4 * align(12 + 4 + 4 + 4 + 4)));
        Map<BenchmarkKey, Measurement> results = byKey(reader.read(JmhFixtures.path(JMH_137)));
        assertEquals(13, results.size());

        List<String> checked = new ArrayList<>();
        for (Measurement m : results.values()) {
            String name = m.key().benchmark().substring("dev.allocgate.samples.".length());
            double expected = name.equals("ParamBenchmarks.intArray")
                    ? 16 + 4 * Integer.parseInt(m.key().params().get("size"))
                    : layout.get(name);
            for (double perFork : m.metrics().get(Metric.BYTES_PER_OP).values()) {
                // JMH's own per-iteration allocation adds well under 0.1 B/op at these op counts.
                assertEquals(expected, perFork, 0.1, m.key().toString());
            }
            checked.add(name + m.key().paramsLabel());
        }
        assertTrue(checked.containsAll(List.of("ParamBenchmarks.intArraysize=16", "ParamBenchmarks.intArraysize=256")),
                checked::toString);
    }

    @Test
    void environmentComesFromTheEntry() throws Exception {
        JsonNode first = JmhFixtures.tree(JMH_137).get(0);
        Environment env = reader.read(JmhFixtures.path(JMH_137)).get(0).environment();

        assertEquals("1.37", env.jmhVersion());
        assertEquals(first.get("jdkVersion").asText(), env.jdkVersion());
        assertTrue(env.jdkVersion().startsWith("17"), env.jdkVersion());
        assertEquals(first.get("vmName").asText(), env.vmName());
        assertEquals(first.get("vmVersion").asText(), env.vmVersion());
        List<String> jvmArgs = new ArrayList<>();
        first.get("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        assertEquals(jvmArgs, env.jvmArgs());
        // Not in JMH's JSON: left unknown.
        assertNull(env.javaVendor());
        assertNull(env.gc());
        assertNull(env.compressedOops());
        assertNull(env.compressedClassPointers());
        assertNull(env.compactObjectHeaders());
        assertNull(env.maxHeapBytes());
        assertNull(env.arch());

        assertEquals("1.36", reader.read(JmhFixtures.path(JMH_136)).get(0).environment().jmhVersion());
    }

    @Test
    void averageTimeOpsPerIterationIsIterationTimeOverTimePerOp() throws Exception {
        JsonNode json = JmhFixtures.tree(JMH_137);
        List<Measurement> measurements = reader.read(JmhFixtures.path(JMH_137));
        for (int i = 0; i < json.size(); i++) {
            JsonNode entry = json.get(i);
            assertEquals("200 ms", entry.get("measurementTime").asText());
            assertEquals("ns/op", entry.get("primaryMetric").get("scoreUnit").asText());
            double nanosPerOp = entry.get("primaryMetric").get("score").asDouble();
            assertEquals(200e6 / nanosPerOp, measurements.get(i).opsPerIteration(), 1e-6 * 200e6 / nanosPerOp);
        }
    }

    @Test
    void throughputOpsPerIterationIsScoreTimesIterationTime() throws Exception {
        JsonNode json = JmhFixtures.tree(JMH_136);
        List<Measurement> measurements = reader.read(JmhFixtures.path(JMH_136));
        for (int i = 0; i < json.size(); i++) {
            JsonNode entry = json.get(i);
            assertEquals("100 ms", entry.get("measurementTime").asText());
            assertEquals("ops/ms", entry.get("primaryMetric").get("scoreUnit").asText());
            double opsPerMs = entry.get("primaryMetric").get("score").asDouble();
            assertEquals(opsPerMs * 100, measurements.get(i).opsPerIteration(), 1e-9 * opsPerMs * 100);
        }
    }

    @Test
    void middleDotMetricNamesOfJmhBefore137AreRead() throws Exception {
        String text = Files.readString(JmhFixtures.path(JMH_136));
        assertTrue(text.contains("\"\u00b7gc.alloc.rate.norm\""), "fixture uses the old spelling");
        assertTrue(!text.contains("\"gc.alloc.rate.norm\""), "fixture has no new spelling");

        Map<BenchmarkKey, Measurement> results = byKey(reader.read(JmhFixtures.path(JMH_136)));
        Measurement longArray = results.get(BenchmarkKey.of("old.OldBenchmarks.longArray", "thrpt", Map.of("size", "8")));
        for (double v : longArray.metrics().get(Metric.BYTES_PER_OP).values()) {
            assertEquals(16 + 8 * 8, v, 0.01); // long[8]
        }
        Measurement free = results.get(BenchmarkKey.of("old.OldBenchmarks.allocationFree", "thrpt", Map.of("size", "8")));
        assertTrue(free.metrics().get(Metric.BYTES_PER_OP).max() < 0.01);
    }

    @Test
    void streamAndFileGiveTheSameMeasurements() throws Exception {
        List<Measurement> fromFile = reader.read(JmhFixtures.path(JMH_137));
        List<Measurement> fromStream;
        try (InputStream in = Files.newInputStream(JmhFixtures.path(JMH_137))) {
            fromStream = reader.read(in, JmhFixtures.path(JMH_137));
        }
        assertEquals(fromFile, fromStream);
    }
}
