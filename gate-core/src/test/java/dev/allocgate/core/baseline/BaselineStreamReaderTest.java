package dev.allocgate.core.baseline;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.Measurement;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streaming fast path of the baseline reader: it reads what allocgate writes with the same result
 * as the strict tree reader, and leaves everything else to the strict reader (the fuzz test checks the
 * agreement on many thousands of broken files).
 */
class BaselineStreamReaderTest {

    private static final BaselineStreamReader STREAMED =
            new BaselineStreamReader(com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().getFactory());

    private static final Path FOO_FILE = Path.of("baselines", BaselineStore.fileNameFor(BaselineFixtures.FOO));

    @Test
    void readsWhatAllocgateWritesAsTheStrictReaderDoes() throws InvalidBaselineException {
        byte[] bytes = BaselineWriter.write(BaselineFixtures.FOO, BaselineFixtures.goldenFooEntries());

        BaselineReader.ParsedFile streamed = STREAMED.read(FOO_FILE, bytes);

        assertNotNull(streamed, "a file allocgate wrote is read by the fast path");
        assertEquals(BaselineReader.parseStrictly(FOO_FILE, bytes), streamed);
        assertEquals(4, streamed.measurements().size());
    }

    @Test
    void readsRecordedCostsAsTheStrictReaderDoes() throws InvalidBaselineException {
        java.util.Map<dev.allocgate.core.model.BenchmarkKey, Double> seconds = new java.util.TreeMap<>();
        BaselineFixtures.goldenFooEntries().forEach(m -> seconds.put(m.key(), 1.25 * (seconds.size() + 1)));
        byte[] bytes = BaselineWriter.write(BaselineFixtures.FOO, BaselineFixtures.goldenFooEntries(), java.util.Map.of(),
                seconds);

        BaselineReader.ParsedFile streamed = STREAMED.read(FOO_FILE, bytes);

        assertNotNull(streamed, "a file allocgate wrote with costs is read by the fast path");
        assertEquals(BaselineReader.parseStrictly(FOO_FILE, bytes), streamed);
        assertEquals(4, streamed.forkSeconds().size());
        assertEquals(1.2, streamed.forkSeconds().get(BaselineFixtures.goldenFooEntries().get(0).key()),
                "1.25 s stored with two significant digits, half to even");
    }

    @Test
    void readsBytesNetOfJmhsShareAsTheStrictReaderDoesInSchemaFour() throws InvalidBaselineException {
        java.util.List<Measurement> entries = new java.util.ArrayList<>();
        for (Measurement m : BaselineFixtures.goldenFooEntries()) {
            entries.add(new Measurement(m.key(), m.metrics(), m.opsPerIteration(), m.environment(),
                    entries.isEmpty() ? Measurement.BytesCounted.BENCHMARK_THREADS_NET : Measurement.BytesCounted.BENCHMARK_THREADS));
        }
        byte[] bytes = BaselineWriter.write(BaselineFixtures.FOO, entries);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"schemaVersion\" : 4,") && text.contains("\"bytesFrom\" : \"benchmarkThreadsNet\""), text);

        BaselineReader.ParsedFile streamed = STREAMED.read(FOO_FILE, bytes);

        assertNotNull(streamed, "a file allocgate wrote with net bytes is read by the fast path");
        assertEquals(BaselineReader.parseStrictly(FOO_FILE, bytes), streamed);
        assertEquals(Measurement.BytesCounted.BENCHMARK_THREADS_NET, streamed.measurements().stream()
                .filter(m -> m.key().equals(entries.get(0).key())).findFirst().orElseThrow().bytesCounted());
    }

    @Test
    void leavesNonAsciiTextToTheStrictReaderWhichStillReadsIt() throws InvalidBaselineException {
        String text = new String(BaselineWriter.write(BaselineFixtures.FOO, BaselineFixtures.goldenFooEntries()),
                StandardCharsets.UTF_8).replace("\"ascii\"", "\"ünïcödé\"");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertNull(STREAMED.read(FOO_FILE, bytes));
        BaselineReader.ParsedFile read = BaselineReader.parse(FOO_FILE, bytes);
        assertEquals(BaselineReader.parseStrictly(FOO_FILE, bytes), read);
        assertEquals(2, read.measurements().stream().filter(m -> "ünïcödé".equals(m.key().params().get("kind"))).count());
    }

    @Test
    void neverTakesUtf16ForValidText() {
        // Every byte is ASCII, but Jackson would detect UTF-16 from the zero bytes and read a valid document.
        byte[] bytes = new String(BaselineWriter.write(BaselineFixtures.FOO, BaselineFixtures.goldenFooEntries()),
                StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);

        assertNull(STREAMED.read(FOO_FILE, bytes));
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, () -> BaselineReader.parse(FOO_FILE, bytes));
        InvalidBaselineException strict = assertThrows(InvalidBaselineException.class,
                () -> BaselineReader.parseStrictly(FOO_FILE, bytes));
        assertEquals(strict.getMessage(), e.getMessage());
    }

    @Test
    void leavesEveryProblemToTheStrictReader() {
        String valid = new String(BaselineWriter.write(BaselineFixtures.FOO, BaselineFixtures.goldenFooEntries()),
                StandardCharsets.UTF_8);
        String[] broken = {
                valid.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 5"),
                valid.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 3")
                        .replaceFirst("\"mode\" : \"thrpt\",", "\"mode\" : \"thrpt\",\n    \"bytesFrom\" : \"benchmarkThreadsNet\","),
                valid.replaceFirst("\"mode\" : \"thrpt\",", "\"mode\" : \"thrpt\",\n    \"forkSeconds\" : 2.0,"),
                valid.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 3")
                        .replaceFirst("\"mode\" : \"thrpt\",", "\"mode\" : \"thrpt\",\n    \"forkSeconds\" : 0.0,"),
                valid.replace("\"mode\" : \"thrpt\"", "\"mode\" : \"\""),
                valid.replace("\"mode\" : \"thrpt\"", "\"mode\" : null"),
                valid.replaceFirst("\"median\" : 16\\.0", "\"median\" : 17.0"),
                valid.replaceFirst("\"samples\" : \\[ 16\\.0", "\"samples\" : [ -16.0"),
                valid.replaceFirst("\"gc\" : ", "\"garbageCollector\" : "),
                valid.replaceFirst("\"maxHeapBytes\" : \\d+", "\"maxHeapBytes\" : 99999999999999999999"),
                valid + "{}",
                valid.substring(0, valid.length() / 2),
                valid.replace(BaselineFixtures.FOO + ".box", "dev.allocgate.samples.Bar.box"),
        };
        for (String text : broken) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertNull(STREAMED.read(FOO_FILE, bytes), text);
            InvalidBaselineException strict = assertThrows(InvalidBaselineException.class,
                    () -> BaselineReader.parseStrictly(FOO_FILE, bytes), text);
            InvalidBaselineException e = assertThrows(InvalidBaselineException.class, () -> BaselineReader.parse(FOO_FILE, bytes));
            assertEquals(strict.getMessage(), e.getMessage());
        }
    }
}
