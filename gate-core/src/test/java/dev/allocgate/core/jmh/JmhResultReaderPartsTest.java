package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.fuzz.FuzzArbitraries;
import dev.allocgate.core.fuzz.FuzzCase;
import dev.allocgate.core.fuzz.Mutations;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.Workers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JmhResultReader#read(Path, Workers)} reads a large file in parts at the same time; whatever the
 * file holds, it must give exactly what reading the whole file gives: the same measurements in the same
 * order, or the same error.
 */
class JmhResultReaderPartsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** More threads than this machine may have cores, so parts really run at the same time. */
    private static Workers workers;
    private static Path directory;

    private final JmhResultReader reader = new JmhResultReader();

    @BeforeContainer
    static void open() throws IOException {
        workers = Workers.of(4);
        directory = Files.createTempDirectory("allocgate-parts");
    }

    @AfterContainer
    static void close() throws IOException {
        workers.close();
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(directory);
    }

    @Property(tries = 1500)
    void partsGiveWhatTheWholeFileGives(@ForAll("documents") FuzzCase input, @ForAll @IntRange(min = 2, max = 5) int parts)
            throws IOException {
        Path file = write("fuzzed.json", input.render());
        assertEquals(outcome(() -> reader.read(file)), outcome(() -> reader.read(file, workers, parts, 1)), input.toString());

        boolean readInParts = reader.readInParts(ResultFileParts.of(file, parts, 1), workers) != null;
        Statistics.label("read in parts").collect(readInParts);
        Statistics.label("read in parts").coverage(c -> {
            c.check(true).percentage(p -> p > 20); // the parts themselves, not only the fallback, are what is tested
            c.check(false).percentage(p -> p > 20);
        });
    }

    @Example
    void aFileOfManyEntriesIsCutBetweenEntriesAndReadInParts() throws Exception {
        for (boolean pretty : new boolean[] {true, false}) {
            Path file = write("many.json", text(distinctEntries(40), pretty));
            ResultFileParts parts = ResultFileParts.of(file, 4, 1);
            assertEquals(4, parts.count(), "cut into four parts, pretty " + pretty);
            List<Measurement> inParts = reader.readInParts(parts, workers);
            assertNotNull(inParts, "every part reads cleanly, pretty " + pretty);
            assertEquals(reader.read(file), inParts);
            assertEquals(40, inParts.size());
        }
    }

    @Example
    void aSmallFileIsOnePart() throws Exception {
        Path file = write("small.json", text(distinctEntries(40), true));
        assertEquals(1, ResultFileParts.of(file, 4, Files.size(file)).count());
        assertEquals(1, ResultFileParts.of(file, 1, 1).count());
    }

    @Example
    void aCutInsideAStringIsFoundOutAndTheWholeFileIsRead() throws Exception {
        ArrayNode entries = distinctEntries(6);
        ((ObjectNode) entries.get(2)).putObject("params").put("shape", "} , {");
        Path file = write("string.json", text(entries, true));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        long inString = text.indexOf("} , {") + 2;

        assertNull(reader.readInParts(ResultFileParts.at(file, inString), workers));
        assertEquals(reader.read(file), reader.read(file, workers, 6, 1));
    }

    @Example
    void aCutInsideAnEntryIsFoundOut() throws Exception {
        Path file = write("inside.json", text(distinctEntries(6), true));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        long insideRawData = text.indexOf(',', text.indexOf("\"rawData\"", text.length() / 2));

        assertNull(reader.readInParts(ResultFileParts.at(file, insideRawData), workers));
    }

    @Example
    void aBenchmarkInTwoPartsIsTheWholeReadsError() throws Exception {
        ArrayNode entries = distinctEntries(4);
        entries.add(entries.get(0).deepCopy());
        Path file = write("twice.json", text(entries, true));
        String expected = assertThrows(InvalidResultsException.class, () -> reader.read(file)).getMessage();

        assertTrue(expected.contains("appears more than once"), expected);
        assertEquals(expected, assertThrows(InvalidResultsException.class, () -> reader.read(file, workers, 5, 1)).getMessage());
    }

    @Example
    void aMissingFileIsTheWholeReadsError() {
        Path file = directory.resolve("missing.json");
        assertEquals(assertThrows(InvalidResultsException.class, () -> reader.read(file)).getMessage(),
                assertThrows(InvalidResultsException.class, () -> reader.read(file, workers)).getMessage());
    }

    /** Documents of several fixture entries, usually under names of their own, then sometimes broken. */
    @Provide
    Arbitrary<FuzzCase> documents() {
        List<JsonNode> fixtures = JmhResultReaderFuzzTest.ENTRIES;
        Arbitrary<Mutations.TreeMutation> tree = Arbitraries.frequencyOf(
                Tuple.of(3, FuzzArbitraries.treeMutations()),
                Tuple.of(2, Combinators.combine(Arbitraries.doubles().between(0, 1), JmhResultReaderFuzzTest.hostileNames())
                        .as(Mutations.RawBenchmarkName::new)));
        return Combinators.combine(
                Arbitraries.integers().between(0, fixtures.size() - 1).list().ofMinSize(2).ofMaxSize(8),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                Arbitraries.of(true, false),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<Mutations.TreeMutation>of())),
                        Tuple.of(2, tree.list().ofMinSize(1).ofMaxSize(2))),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<Mutations.ByteMutation>of())),
                        Tuple.of(1, FuzzArbitraries.byteMutations().list().ofSize(1)))
        ).as((chosen, renamed, pretty, treeMutations, byteMutations) -> {
            ArrayNode document = MAPPER.createArrayNode();
            for (int i = 0; i < chosen.size(); i++) {
                JsonNode entry = fixtures.get(chosen.get(i)).deepCopy();
                if (renamed && entry.isObject() && entry.path("benchmark").isTextual()) {
                    ((ObjectNode) entry).put("benchmark", entry.get("benchmark").asText() + "_" + i);
                }
                document.add(entry);
            }
            return new FuzzCase("entries " + chosen + (renamed ? " renamed" : ""), document, pretty, treeMutations, byteMutations);
        });
    }

    /** {@code count} copies of a real JMH 1.37 entry, each a benchmark of its own. */
    private static ArrayNode distinctEntries(int count) throws IOException {
        JsonNode template = JmhFixtures.tree(JmhFixtures.JMH_137).get(0);
        ArrayNode entries = MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode entry = template.deepCopy();
            entry.put("benchmark", template.get("benchmark").asText() + i);
            entries.add(entry);
        }
        return entries;
    }

    private static byte[] text(JsonNode document, boolean pretty) throws IOException {
        return (pretty ? MAPPER.writerWithDefaultPrettyPrinter() : MAPPER.writer()).writeValueAsBytes(document);
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }

    /** The measurements, or the error's message. */
    private record Outcome(List<Measurement> measurements, String error) {
    }

    private interface Reading {
        List<Measurement> read() throws InvalidResultsException;
    }

    private static Outcome outcome(Reading reading) {
        try {
            return new Outcome(new ArrayList<>(reading.read()), null);
        } catch (InvalidResultsException e) {
            return new Outcome(null, e.getMessage());
        }
    }
}
