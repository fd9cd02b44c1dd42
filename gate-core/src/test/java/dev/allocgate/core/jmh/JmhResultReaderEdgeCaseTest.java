package dev.allocgate.core.jmh;

import static dev.allocgate.core.jmh.JmhFixtures.JMH_136;
import static dev.allocgate.core.jmh.JmhFixtures.JMH_137;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.profiler.ForkProtocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files, JMH's omissions and the fail-closed rules, on small fixtures derived from real output. */
class JmhResultReaderEdgeCaseTest {

    private static final String NORM_OLD = "\u00b7gc.alloc.rate.norm";
    private static final String RATE_OLD = "\u00b7gc.alloc.rate";

    @TempDir
    Path dir;

    private final JmhResultReader reader = new JmhResultReader();

    private InvalidResultsException failure(Path file) {
        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> reader.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** The 1.36 fixture's longArray entry (2 forks x 3 iterations), edited and written as a one-entry file. */
    private Path editedLongArray(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode entry = (ObjectNode) JmhFixtures.tree(JMH_136).get(1).deepCopy();
        edit.accept(entry);
        ArrayNode root = JmhFixtures.MAPPER.createArrayNode().add(entry);
        return write("edited.json", JmhFixtures.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static ObjectNode norm(ObjectNode entry) {
        return (ObjectNode) entry.get("secondaryMetrics").get(NORM_OLD);
    }

    private static double[] bytesPerOp(Measurement m) {
        return m.metrics().get(Metric.BYTES_PER_OP).values();
    }

    private static Measurement only(List<Measurement> measurements) {
        assertEquals(1, measurements.size());
        return measurements.get(0);
    }

    // ---- the file as a whole ----

    @Test
    void missingFileIsAnError() {
        Path file = dir.resolve("absent.json");
        assertTrue(failure(file).getMessage().contains("does not exist"));
    }

    @Test
    void directoryIsAnError() {
        assertTrue(failure(dir).getMessage().contains("directory"));
    }

    @Test
    void emptyAndBlankFilesAreErrors() throws IOException {
        assertTrue(failure(write("empty.json", "")).getMessage().contains("is empty"));
        assertTrue(failure(write("blank.json", " \n\t\n")).getMessage().contains("is empty"));
    }

    @Test
    void textThatIsNotJsonIsAnError() throws IOException {
        Path file = write("log.json", "# Run progress: 0.00% complete, ETA 00:00:20\n");
        assertTrue(failure(file).getMessage().contains("not valid JSON"));
    }

    @Test
    void truncatedFileIsAnErrorWithItsPosition() throws IOException {
        String full = Files.readString(JmhFixtures.path(JMH_137));
        Path file = write("truncated.json", full.substring(0, full.length() / 2));
        String message = failure(file).getMessage();
        assertTrue(message.contains("not valid JSON") && message.contains("line"), message);
    }

    @Test
    void trailingJunkAfterTheArrayIsAnError() throws IOException {
        String full = Files.readString(JmhFixtures.path(JMH_136));
        assertTrue(failure(write("junk.json", full + "\n]\n")).getMessage().contains("not valid JSON"));
    }

    @Test
    void duplicateFieldInAnEntryIsAnError() throws IOException {
        String full = Files.readString(JmhFixtures.path(JMH_136));
        String doubled = full.replaceFirst("\"mode\" : \"thrpt\",", "\"mode\" : \"thrpt\", \"mode\" : \"avgt\",");
        assertTrue(failure(write("dup-field.json", doubled)).getMessage().contains("not valid JSON"));
    }

    @Test
    void nonUtf8BytesAreAnError() throws IOException {
        byte[] bytes = Files.readAllBytes(JmhFixtures.path(JMH_136));
        bytes[40] = (byte) 0xC3; // lead byte of a two-byte sequence followed by ASCII
        bytes[41] = (byte) 0x28;
        assertTrue(failure(write("latin.json", bytes)).getMessage().contains("not UTF-8"));
    }

    @Test
    void byteOrderMarkIsTolerated() throws Exception {
        byte[] json = Files.readAllBytes(JmhFixtures.path(JMH_136));
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertEquals(reader.read(JmhFixtures.path(JMH_136)), reader.read(write("bom.json", withBom)));
    }

    @Test
    void topLevelMustBeAnArray() throws IOException {
        String entry = JmhFixtures.tree(JMH_136).get(0).toString();
        String message = failure(write("object.json", entry)).getMessage();
        assertTrue(message.contains("top level is an object"), message);
    }

    @Test
    void emptyArrayHasNoResults() throws IOException {
        assertTrue(failure(write("none.json", "[\n]\n")).getMessage().endsWith("contains no benchmark results"));
    }

    @Test
    void entryThatIsNotAnObjectIsAnError() throws IOException {
        assertTrue(failure(write("numbers.json", "[1, 2]")).getMessage().contains("result #1 is a number"));
    }

    @Test
    void streamErrorsNameTheGivenSource() {
        Path source = Path.of("from-stream.json");
        InvalidResultsException e = assertThrows(InvalidResultsException.class,
                () -> reader.read(new ByteArrayInputStream(new byte[0]), source));
        assertEquals(source, e.file());
    }

    // ---- identity of entries ----

    @Test
    void benchmarkAndModeAreRequired() throws IOException {
        String noName = failure(editedLongArray(e -> e.remove("benchmark"))).getMessage();
        assertTrue(noName.contains("\"benchmark\""), noName);
        String noMode = failure(editedLongArray(e -> e.remove("mode"))).getMessage();
        assertTrue(noMode.contains("old.OldBenchmarks.longArray") && noMode.contains("\"mode\""), noMode);
    }

    @Test
    void sameKeyTwiceIsAnErrorNamingIt() throws IOException {
        JsonNode entry = JmhFixtures.tree(JMH_136).get(1);
        ArrayNode root = JmhFixtures.MAPPER.createArrayNode().add(entry).add(entry);
        String message = failure(write("twice.json", root.toString())).getMessage();
        assertTrue(message.contains("old.OldBenchmarks.longArray [thrpt, size=8] appears more than once"), message);
    }

    @Test
    void sameNameWithOtherParamsOrModeIsNotADuplicate() throws Exception {
        JsonNode entry = JmhFixtures.tree(JMH_136).get(1);
        ObjectNode otherParam = entry.deepCopy();
        ((ObjectNode) otherParam.get("params")).put("size", "9");
        ObjectNode otherMode = entry.deepCopy();
        otherMode.put("mode", "avgt");
        ArrayNode root = JmhFixtures.MAPPER.createArrayNode().add(entry).add(otherParam).add(otherMode);
        assertEquals(3, reader.read(write("distinct.json", root.toString())).size());
    }

    @Test
    void missingParamsMeanNoParams() throws Exception {
        Measurement free = reader.read(JmhFixtures.path("zero-allocation-iterations.json")).get(2);
        assertEquals(BenchmarkKey.of("old.OldBenchmarks.allocationFree", "thrpt", Map.of()), free.key());
    }

    @Test
    void paramsMustBeAnObjectOfScalars() throws IOException {
        assertTrue(failure(editedLongArray(e -> e.putArray("params"))).getMessage().contains("\"params\""));
        String message = failure(editedLongArray(e -> ((ObjectNode) e.get("params")).putObject("size"))).getMessage();
        assertTrue(message.contains("@Param \"size\""), message);
    }

    @Test
    void unescapedBenchmarkNameReadsBackVerbatim() throws Exception {
        String raw = Files.readString(JmhFixtures.path("unescaped-name.json"));
        assertTrue(raw.contains("\"benchmark\" : \"old.OldBenchmarks.say\"hi\"\\now\","),
                "fixture is unescaped, as JMH writes it");
        Measurement m = only(reader.read(JmhFixtures.path("unescaped-name.json")));
        assertEquals("old.OldBenchmarks.say\"hi\"\\now", m.key().benchmark());
        assertEquals(Map.of("size", "8"), m.key().params());
    }

    @Test
    void properlyEscapedNamesAreLeftAlone() {
        String text = "[{\n\"benchmark\" : \"a.B.c\",\n\"params\" : {\"p\" : \"x\\\"y\"}\n}]";
        assertEquals(text, JmhResultReader.repairBenchmarkNames(text));
    }

    // ---- GC profiler data ----

    @Test
    void iterationsAndForksLeftOutOfTheNormCountAsZero() throws Exception {
        Path fixture = JmhFixtures.path("zero-allocation-iterations.json");
        JsonNode json = JmhFixtures.tree("zero-allocation-iterations.json");
        List<Measurement> measurements = reader.read(fixture);

        // Fork 1 has one norm value for three iterations, fork 2 an empty row.
        double firstValue = json.get(0).get("secondaryMetrics").get(NORM_OLD).get("rawData").get(0).get(0).asDouble();
        assertArrayEquals(new double[] {firstValue / 3, 0}, bytesPerOp(measurements.get(0)), 1e-12);
        assertArrayEquals(JmhFixtures.expectedBytesPerOp(json.get(0)), bytesPerOp(measurements.get(0)), 1e-12);

        // Only one fork row for two forks of the primary metric: the second fork allocated nothing.
        assertEquals(1, json.get(1).get("secondaryMetrics").get(NORM_OLD).get("rawData").size());
        double[] secondEntry = bytesPerOp(measurements.get(1));
        assertEquals(2, secondEntry.length);
        assertEquals(0.0, secondEntry[1]);
        assertArrayEquals(JmhFixtures.expectedBytesPerOp(json.get(1)), secondEntry, 1e-12);

        // No norm at all, but the rate is there: zero bytes per op in every fork.
        assertFalse(json.get(2).get("secondaryMetrics").has(NORM_OLD));
        assertEquals(Sample.of(0, 0), measurements.get(2).metrics().get(Metric.BYTES_PER_OP));
        assertArrayEquals(JmhFixtures.expectedAllocRate(json.get(2)),
                measurements.get(2).metrics().get(Metric.ALLOC_RATE).values(), 1e-12);
    }

    @Test
    void aMissingNormWithANonZeroRateIsUnknownNotZero() throws IOException {
        // A 1040 B/op benchmark whose norm was cut out: its rate still shows allocation, so 0 B/op would pass a regression.
        String message = failure(editedLongArray(e -> ((ObjectNode) e.get("secondaryMetrics")).remove(NORM_OLD))).getMessage();
        assertTrue(message.contains("has no gc.alloc.rate.norm for 3 of the 3 measurement iterations of fork 1"), message);
        assertTrue(message.contains("unknown, not 0"), message);
        assertFalse(message.contains("-prof gc?"), message);
    }

    @Test
    void anEmptyNormRowWithANonZeroRateIsUnknownNotZero() throws IOException {
        String message = failure(editedLongArray(e -> ((ArrayNode) norm(e).get("rawData").get(1)).removeAll())).getMessage();
        assertTrue(message.contains("iterations of fork 2"), message);
        String emptied = failure(editedLongArray(e -> ((ArrayNode) norm(e).get("rawData")).removeAll())).getMessage();
        assertTrue(emptied.contains("iterations of fork 1"), emptied);
    }

    @Test
    void aNormWithoutAnyRateMayNotLeaveIterationsOut() throws IOException {
        String message = failure(editedLongArray(e -> {
            ((ObjectNode) e.get("secondaryMetrics")).remove(RATE_OLD);
            ((ArrayNode) norm(e).get("rawData").get(0)).remove(0);
        })).getMessage();
        assertTrue(message.contains("has no gc.alloc.rate.norm for 1 of the 3 measurement iterations of fork 1"), message);
        assertTrue(message.contains("no gc.alloc.rate values"), message);
    }

    @Test
    void aTruncatedFileIsDescribedWithoutParserInternals() throws Exception {
        String whole = Files.readString(JmhFixtures.path(JMH_137));
        String cut = whole.substring(0, 2500); // inside an object of rawData: the parser names where it opened
        String message = failure(write("cut.json", cut)).getMessage();
        assertTrue(message.contains("is not valid JSON (truncated or corrupt?) at line "), message);
        assertFalse(message.contains("[Source") || message.contains("StreamReadFeature") || message.contains("REDACTED"),
                message);
    }

    @Test
    void aFileThatIsNotJsonIsNotQuoted() throws Exception {
        String message = failure(write("notes.json", "root:x:0:0:secret\n")).getMessage();
        assertFalse(message.contains("root") || message.contains("secret"), message);
        assertTrue(message.contains("line 1, column"), message);
    }

    @Test
    void raggedRowsUseEachForksOwnIterationCount() throws Exception {
        JsonNode entry = JmhFixtures.tree("ragged-rows.json").get(0);
        assertEquals(3, entry.get("primaryMetric").get("rawData").get(0).size());
        assertEquals(2, entry.get("primaryMetric").get("rawData").get(1).size());
        Measurement m = only(reader.read(JmhFixtures.path("ragged-rows.json")));

        JsonNode norm = entry.get("secondaryMetrics").get(NORM_OLD).get("rawData");
        double fork1 = (norm.get(0).get(0).asDouble() + norm.get(0).get(1).asDouble() + norm.get(0).get(2).asDouble()) / 3;
        double fork2 = norm.get(1).get(0).asDouble() / 2; // one value for two iterations
        assertArrayEquals(new double[] {fork1, fork2}, m.metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);

        JsonNode rate = entry.get("secondaryMetrics").get(RATE_OLD).get("rawData");
        double rate2 = (rate.get(1).get(0).asDouble() + rate.get(1).get(1).asDouble()) / 2;
        assertEquals(rate2, m.metrics().get(Metric.ALLOC_RATE).values()[1], 1e-9);
    }

    @Test
    void unknownFieldsAndMetricsAreIgnored() throws Exception {
        JsonNode entry = JmhFixtures.tree("ragged-rows.json").get(0);
        assertTrue(entry.has("futureField") && entry.get("secondaryMetrics").has("\u00b7gc.churn.G1_Eden_Space"));
        Measurement m = only(reader.read(JmhFixtures.path("ragged-rows.json")));
        assertEquals(java.util.Set.of(Metric.BYTES_PER_OP, Metric.ALLOC_RATE), m.metrics().keySet());
    }

    @Test
    void nanAndInfinityStringsOutsideTheDataAreAccepted() throws Exception {
        JsonNode entry = JmhFixtures.tree("nan-strings.json").get(0);
        assertEquals("NaN", entry.get("primaryMetric").get("scoreError").asText());
        Measurement m = only(reader.read(JmhFixtures.path("nan-strings.json")));
        double norm = entry.get("secondaryMetrics").get(NORM_OLD).get("rawData").get(0).get(0).asDouble();
        assertEquals(Sample.of(norm), m.metrics().get(Metric.BYTES_PER_OP));
        assertEquals(entry.get("primaryMetric").get("score").asDouble() * 100, m.opsPerIteration(), 1e-6);
    }

    @Test
    void numbersWrittenAsStringsAreRead() throws Exception {
        Path file = editedLongArray(e -> {
            ArrayNode row = (ArrayNode) norm(e).get("rawData").get(0);
            row.set(0, row.get(0).asText()); // "80.0003..." as a string
        });
        JsonNode entry = JmhFixtures.tree(JMH_136).get(1);
        assertArrayEquals(JmhFixtures.expectedBytesPerOp(entry),
                only(reader.read(file)).metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);
    }

    @Test
    void noGcProfilerDataIsAnErrorNamingTheBenchmark() {
        Path file = JmhFixtures.path("no-gc-data.json");
        String message = failure(file).getMessage();
        assertTrue(message.contains("old.OldBenchmarks.allocationFree [thrpt, size=8]"), message);
        assertTrue(message.contains("no GC profiler data (was JMH run with -prof gc?)"), message);
    }

    @Test
    void secondaryMetricsMissingEntirelyIsTheSameError() throws IOException {
        assertTrue(failure(editedLongArray(e -> e.remove("secondaryMetrics"))).getMessage().contains("-prof gc"));
    }

    @Test
    void nanAllocationRateMeansProfilingWasUnavailable() {
        String message = failure(JmhFixtures.path("alloc-profiling-unavailable.json")).getMessage();
        assertTrue(message.contains("old.OldBenchmarks.allocationFree [thrpt, size=8]"), message);
        assertTrue(message.contains("NaN") && message.contains("unavailable"), message);
    }

    @Test
    void nanRateIsAnErrorEvenWhenANormIsPresent() throws IOException {
        Path file = editedLongArray(e ->
                ((ArrayNode) e.get("secondaryMetrics").get(RATE_OLD).get("rawData").get(1)).set(2, "NaN"));
        assertTrue(failure(file).getMessage().contains("unavailable"));
    }

    @Test
    void negativeOrNonFiniteNormIsAnErrorNamingTheBenchmark() throws IOException {
        for (String bad : List.of("-1.5", "NaN", "+INF", "-INF", "Infinity")) {
            Path file = editedLongArray(e -> {
                ArrayNode row = (ArrayNode) norm(e).get("rawData").get(1);
                if (bad.equals("-1.5")) {
                    row.set(1, -1.5);
                } else {
                    row.set(1, bad);
                }
            });
            String message = failure(file).getMessage();
            assertTrue(message.contains("old.OldBenchmarks.longArray [thrpt, size=8]"), message);
            assertTrue(message.contains("impossible"), message);
        }
    }

    @Test
    void nonNumericValueIsAnError() throws IOException {
        Path file = editedLongArray(e -> ((ArrayNode) norm(e).get("rawData").get(0)).set(0, "eighty"));
        String message = failure(file).getMessage();
        assertTrue(message.contains("non-numeric") && message.contains("rawData[0][0]"), message);
    }

    @Test
    void moreNormValuesThanIterationsIsAnError() throws IOException {
        Path file = editedLongArray(e -> ((ArrayNode) norm(e).get("rawData").get(0)).add(80.0));
        assertTrue(failure(file).getMessage().contains("but only 3 measurement iterations"));
        Path extraFork = editedLongArray(e -> ((ArrayNode) norm(e).get("rawData")).addArray().add(80.0));
        assertTrue(failure(extraFork).getMessage().contains("3 forks of gc.alloc.rate.norm but only 2"));
    }

    @Test
    void bothSpellingsAtOnceAreAnError() throws IOException {
        Path file = editedLongArray(e -> ((ObjectNode) e.get("secondaryMetrics")).set("gc.alloc.rate.norm", norm(e).deepCopy()));
        assertTrue(failure(file).getMessage().contains("both"));
    }

    @Test
    void flatRawDataIsAnError() throws IOException {
        Path file = editedLongArray(e -> norm(e).putArray("rawData").add(80.0).add(80.0));
        assertTrue(failure(file).getMessage().contains("expected an array of iterations"));
    }

    @Test
    void missingPrimaryMetricIsAnError() throws IOException {
        assertTrue(failure(editedLongArray(e -> e.remove("primaryMetric"))).getMessage().contains("primaryMetric"));
    }

    @Test
    void iterationsComeFromTheRateWhenJmhOmittedPrimaryRawData() throws Exception {
        // -Djmh.json.rawData=false writes "rawData" : [] for the primary metric only.
        Path file = editedLongArray(e -> ((ObjectNode) e.get("primaryMetric")).putArray("rawData"));
        JsonNode entry = JmhFixtures.tree(JMH_136).get(1);
        assertArrayEquals(JmhFixtures.expectedBytesPerOp(entry),
                only(reader.read(file)).metrics().get(Metric.BYTES_PER_OP).values(), 1e-12);
    }

    // ---- operations per iteration ----

    @Test
    void sampleModeCountsIterationsFromTheHistogram() throws Exception {
        Path file = editedLongArray(e -> {
            e.put("mode", "sample");
            ObjectNode primary = (ObjectNode) e.get("primaryMetric");
            primary.remove("rawData");
            primary.put("score", 250.0).put("scoreUnit", "ns/op");
            ArrayNode histogram = primary.putArray("rawDataHistogram");
            for (int fork = 0; fork < 2; fork++) {
                ArrayNode iterations = histogram.addArray();
                for (int it = 0; it < 3; it++) {
                    iterations.addArray().addArray().add(250.0).add(7);
                }
            }
            ((ArrayNode) norm(e).get("rawData").get(1)).remove(2); // third iteration of fork 2 allocated nothing
            ((ArrayNode) e.get("secondaryMetrics").get(RATE_OLD).get("rawData").get(1)).set(2, 0.0); // as its rate says
        });
        Measurement m = only(reader.read(file));
        JsonNode norm = JmhFixtures.tree(JMH_136).get(1).get("secondaryMetrics").get(NORM_OLD).get("rawData");
        double fork2 = (norm.get(1).get(0).asDouble() + norm.get(1).get(1).asDouble()) / 3;
        assertEquals(fork2, m.metrics().get(Metric.BYTES_PER_OP).values()[1], 1e-12);
        assertEquals(100e6 / 250.0, m.opsPerIteration(), 1e-6); // 100 ms at 250 ns/op
    }

    @Test
    void singleShotOpsPerIterationIsTheBatchSizePerThread() throws IOException, InvalidResultsException {
        // JMH's own share comes per benchmark thread, so operations are counted per thread: 2 threads x batch 50.
        Path file = editedLongArray(e -> {
            e.put("mode", "ss").put("measurementTime", "single-shot").put("measurementBatchSize", 50).put("threads", 2);
            ((ObjectNode) e.get("primaryMetric")).put("scoreUnit", "us/op");
        });
        assertEquals(50.0, only(reader.read(file)).opsPerIteration());
    }

    @Test
    void averageTimeWithThreadsCountsEachThreadsOperations() throws IOException, InvalidResultsException {
        Path file = editedLongArray(e -> {
            e.put("mode", "avgt").put("measurementTime", "1 s").put("threads", 4);
            ((ObjectNode) e.get("primaryMetric")).put("score", 2.0).put("scoreUnit", "us/op");
        });
        assertEquals(1e6 / 2.0, only(reader.read(file)).opsPerIteration(), 1e-6); // 1 s at 2 us/op on each of 4 threads
    }

    @Test
    void operationsCountedByAllocgatesForksWinOverTheEstimateAndTheFewestCount() throws IOException, InvalidResultsException {
        Path file = editedLongArray(e -> {
            e.put("mode", "avgt").put("measurementTime", "1 s").put("threads", 4);
            ((ObjectNode) e.get("primaryMetric")).put("score", 2.0).put("scoreUnit", "us/op");
            ObjectNode ops = ((ObjectNode) e.get("secondaryMetrics")).putObject(ForkProtocol.OPS_PER_ITERATION);
            ops.put("score", 5000.0).put("scoreUnit", "ops");
            ops.putArray("rawData").add(JsonNodeFactory.instance.arrayNode().add(6000).add(4100))
                    .add(JsonNodeFactory.instance.arrayNode().add(5000).add(4900));
        });
        assertEquals(4100.0 / 4, only(reader.read(file)).opsPerIteration(), "the fewest, per each of 4 threads");
        Path broken = editedLongArray(e -> ((ObjectNode) e.get("secondaryMetrics"))
                .putObject(ForkProtocol.OPS_PER_ITERATION).putArray("rawData")
                .add(JsonNodeFactory.instance.arrayNode().add(6000).add("NaN")));
        assertTrue(Double.isFinite(only(reader.read(broken)).opsPerIteration()),
                "an unusable count falls back to the estimate from the score");
    }

    @Test
    void opsPerIterationIsNanWhenItCannotBeEstimated() throws IOException, InvalidResultsException {
        List<Consumer<ObjectNode>> edits = List.of(
                e -> ((ObjectNode) e.get("primaryMetric")).put("score", "NaN"),
                e -> ((ObjectNode) e.get("primaryMetric")).put("score", 0.0),
                e -> e.put("measurementTime", "soon"),
                e -> ((ObjectNode) e.get("primaryMetric")).put("scoreUnit", "furlongs"),
                e -> e.put("mode", "someFutureMode"));
        for (Consumer<ObjectNode> edit : edits) {
            assertTrue(Double.isNaN(only(reader.read(editedLongArray(edit))).opsPerIteration()));
        }
    }

    @Test
    void durationsInEveryJmhTimeUnit() {
        assertEquals(200e6, JmhNumbers.durationNanos("200 ms"));
        assertEquals(1e9, JmhNumbers.durationNanos("1 s"));
        assertEquals(10e3, JmhNumbers.durationNanos("10 us"));
        assertEquals(5, JmhNumbers.durationNanos("5 ns"));
        assertEquals(60e9, JmhNumbers.durationNanos("1 min"));
        assertEquals(3600e9, JmhNumbers.durationNanos("1 hr"));
        assertEquals(86400e9, JmhNumbers.durationNanos("1 day"));
        assertTrue(Double.isNaN(JmhNumbers.durationNanos("single-shot")));
    }
}
