package dev.allocgate.core.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.fuzz.FuzzArbitraries;
import dev.allocgate.core.fuzz.FuzzBudget;
import dev.allocgate.core.fuzz.FuzzCase;
import dev.allocgate.core.fuzz.Mutations;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzzes {@link BaselineStore#load()} on a directory holding one generated baseline file: documents
 * written by allocgate itself (the fixtures in {@code resources/baseline/} and files recorded from the
 * real JMH fixtures) and then broken, and JSON grown from the baseline vocabulary. Property: the load
 * returns a valid set or throws {@link InvalidBaselineException} naming the file with a non-blank
 * message; no other exception escapes. The number of inputs comes from {@link FuzzBudget}.
 */
@AddLifecycleHook(FuzzBudget.class)
class BaselineReaderFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DIRECTORY = createDirectory();
    /** Valid baseline documents: the origin (its class) and the tree. */
    private static final List<Map.Entry<String, JsonNode>> DOCUMENTS = validDocuments();

    private final BaselineStore store = new BaselineStore(DIRECTORY);

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property
    @FuzzBudget.Share(FuzzBudget.Part.BASELINE_MUTATED)
    void mutatedBaselinesLoadOrFailNamingTheFile(@ForAll("mutatedBaselines") FuzzCase input) throws IOException {
        FuzzCase.Rendered rendered = input.rendered();
        check(fileFor(rendered.tree(), input.origin()), rendered.bytes(), FuzzBudget.Part.BASELINE_MUTATED, input);
    }

    @Property
    @FuzzBudget.Share(FuzzBudget.Part.BASELINE_GRAMMAR)
    void jsonGrownFromBaselineVocabularyLoadsOrFailsNamingTheFile(@ForAll("grownBaselines") String json) throws IOException {
        Path file = DIRECTORY.resolve(BaselineStore.fileNameFor(GROWN_CLASS));
        check(file, json.getBytes(StandardCharsets.UTF_8), FuzzBudget.Part.BASELINE_GRAMMAR, json);
    }

    /** The file of the previous input, overwritten in place when the next input has the same name. */
    private static Path previous;

    private void check(Path file, byte[] bytes, FuzzBudget.Part part, Object input) throws IOException {
        if (previous != null && !previous.equals(file)) {
            Files.delete(previous);
        }
        previous = file;
        Files.write(file, bytes);
        assertStreamingAgreesWithStrictReader(file, bytes, input);
        BaselineSet set;
        try {
            set = store.load();
        } catch (InvalidBaselineException e) {
            assertCleanRejection(e, file, input);
            part.rejected();
            return;
        } catch (Throwable t) {
            throw new AssertionError("loading leaked " + t + " for " + input, t);
        }
        assertValid(set, file, input);
        part.accepted();
    }

    /**
     * The streaming fast path must accept exactly what the strict tree reader accepts, with the same
     * result, and leave every rejection (with its message) to the strict reader.
     */
    private static void assertStreamingAgreesWithStrictReader(Path file, byte[] bytes, Object input) {
        BaselineReader.ParsedFile strict;
        try {
            strict = BaselineReader.parseStrictly(file, bytes);
        } catch (InvalidBaselineException e) {
            try {
                BaselineReader.parse(file, bytes);
            } catch (InvalidBaselineException f) {
                if (!f.getMessage().equals(e.getMessage())) {
                    throw new AssertionError("the reader said '" + f.getMessage() + "' where the strict reader says '"
                            + e.getMessage() + "' for " + input, f);
                }
                return;
            }
            throw new AssertionError("the reader accepted what the strict reader rejects (" + e.getMessage() + ") for " + input);
        }
        try {
            BaselineReader.ParsedFile read = BaselineReader.parse(file, bytes);
            if (!read.equals(strict)) {
                throw new AssertionError("the reader read " + read + " where the strict reader read " + strict + " for " + input);
            }
        } catch (InvalidBaselineException e) {
            throw new AssertionError("the reader rejected what the strict reader accepts (" + e.getMessage() + ") for " + input, e);
        }
    }

    private static void assertCleanRejection(InvalidBaselineException e, Path file, Object input) {
        String message = e.getMessage();
        String prefix = file + (e.location().isEmpty() ? "" : " at " + e.location()) + ": ";
        if (!file.equals(e.file()) || message == null || !message.startsWith(prefix)
                || message.substring(prefix.length()).isBlank()) {
            throw new AssertionError("rejection must name the file and say what is wrong; got '" + message + "' for " + input, e);
        }
    }

    private static void assertValid(BaselineSet set, Path file, Object input) {
        check(set.directoryExists() && set.size() >= 1, "an accepted file holds entries", input);
        String benchmarkClass = set.entries().keySet().iterator().next().benchmarkClass();
        check(file.getFileName().toString().equals(BaselineStore.fileNameFor(benchmarkClass)),
                "the file is named after its class " + benchmarkClass, input);
        for (Measurement m : set.entries().values()) {
            check(!m.key().benchmark().isEmpty() && !m.key().mode().isEmpty(), "key with name and mode: " + m.key(), input);
            check(m.key().benchmarkClass().equals(benchmarkClass), "one class per file: " + m.key(), input);
            check(file.equals(set.sources().get(m.key())), "source is the file", input);
            check(!m.metrics().isEmpty(), "at least one metric for " + m.key(), input);
            for (Map.Entry<Metric, Sample> e : m.metrics().entrySet()) {
                for (double v : e.getValue().values()) {
                    check(Double.isFinite(v) && v >= 0, e.getKey() + " value finite and >= 0: " + v, input);
                }
            }
            double ops = m.opsPerIteration();
            check(Double.isNaN(ops) || (Double.isFinite(ops) && ops >= 0), "ops per iteration NaN or >= 0: " + ops, input);
            check(m.environment() != null, "environment present", input);
        }
    }

    private static void check(boolean condition, String what, Object input) {
        if (!condition) {
            throw new AssertionError("accepted an invalid baseline (" + what + ") for " + input);
        }
    }

    /** The file named after the (mutated) document's class, as allocgate would name it; else after the original class. */
    private static Path fileFor(JsonNode tree, String originalClass) {
        JsonNode declared = tree.path("benchmarkClass");
        String benchmarkClass = declared.isTextual() && !declared.textValue().startsWith("@@allocgate-raw-")
                ? declared.textValue() : originalClass;
        return DIRECTORY.resolve(BaselineStore.fileNameFor(benchmarkClass));
    }

    /** Moves every entry to another class, consistently: a valid file unless the name itself is invalid. */
    record RenameClass(String newClass) implements Mutations.TreeMutation {
        @Override
        public void apply(JsonNode root, Mutations.Placeholders raw) {
            String old = root.path("benchmarkClass").asText("");
            if (root instanceof ObjectNode object) {
                object.put("benchmarkClass", newClass);
            }
            for (JsonNode entry : root.path("benchmarks")) {
                JsonNode name = entry.get("benchmark");
                if (entry instanceof ObjectNode e && name != null && name.isTextual() && name.textValue().startsWith(old + ".")) {
                    e.set("benchmark", TextNode.valueOf(newClass + name.textValue().substring(old.length())));
                }
            }
        }
    }

    /**
     * Rewrites each metric's median from its samples (exactly, in decimal), so that edited samples stay
     * consistent and reach the checks behind the median check.
     */
    record FixMedians() implements Mutations.TreeMutation {
        @Override
        public void apply(JsonNode root, Mutations.Placeholders raw) {
            for (JsonNode entry : root.path("benchmarks")) {
                for (JsonNode metric : entry.path("metrics")) {
                    JsonNode samples = metric.get("samples");
                    if (!(metric instanceof ObjectNode m) || samples == null || !samples.isArray() || samples.isEmpty()) {
                        continue;
                    }
                    List<BigDecimal> values = new ArrayList<>();
                    for (JsonNode s : samples) {
                        if (!s.isNumber()) {
                            return;
                        }
                        values.add(s.decimalValue());
                    }
                    values.sort(null);
                    int n = values.size();
                    BigDecimal median = n % 2 == 1 ? values.get(n / 2)
                            : values.get(n / 2 - 1).add(values.get(n / 2)).divide(BigDecimal.valueOf(2), 12, RoundingMode.HALF_EVEN);
                    m.set("median", DecimalNode.valueOf(median));
                }
            }
        }
    }

    @Provide
    Arbitrary<FuzzCase> mutatedBaselines() {
        Arbitrary<Mutations.TreeMutation> tree = Arbitraries.frequencyOf(
                Tuple.of(8, FuzzArbitraries.treeMutations()),
                Tuple.of(2, Arbitraries.just(new FixMedians())),
                Tuple.of(1, hostileClassNames().map(RenameClass::new)));
        return Combinators.combine(
                Arbitraries.integers().between(0, DOCUMENTS.size() - 1),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                tree.list().ofMaxSize(3),
                FuzzArbitraries.byteMutations().list().ofMaxSize(2)
        ).as((index, pretty, treeMutations, byteMutations) -> new FuzzCase(
                DOCUMENTS.get(index).getKey(), DOCUMENTS.get(index).getValue(), pretty, treeMutations, byteMutations));
    }

    /** Class names that are hostile to file systems, reports and readers (and a few that are simply invalid). */
    private static Arbitrary<String> hostileClassNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("a|b.C", "`x`.Y", "<!--.Z", "../../etc.X", "..", ".", "CON", "con.Foo", "aux",
                        "\u202Ertl.X", "\uD83D\uDE00.E", "\u540D.\u524D", "c".repeat(300), "a.Foo", "a.FOO", "a.foo",
                        "", " ", "x/y", "x\\y", "nul.", "\u0000", "%00", "a\nb")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(16)));
    }

    private static final String GROWN_CLASS = "dev.allocgate.samples.Foo";

    @Provide
    Arbitrary<String> grownBaselines() {
        List<String> vocabulary = List.of("schemaVersion", "benchmarkClass", "benchmarks", "benchmark", "mode", "params",
                "opsPerIteration", "forkSeconds", "environment", "metrics", "samples", "median", "bytesPerOp", "objectsPerOp",
                "allocRateMBps", "jdkVersion", "gc", "compressedOops", "maxHeapBytes", "jvmArgs", GROWN_CLASS,
                GROWN_CLASS + ".box", "avgt");
        return FuzzArbitraries.jsonFromVocabulary(vocabulary, 4);
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("allocgate-baseline-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The baseline fixtures, plus one file per benchmark class of the real JMH fixtures, recorded by
     * {@link BaselineStore#update} in a scratch directory.
     */
    private static List<Map.Entry<String, JsonNode>> validDocuments() {
        List<Map.Entry<String, JsonNode>> documents = new ArrayList<>();
        try {
            documents.add(Map.entry(BaselineFixtures.FOO, MAPPER.readTree(BaselineFixtures.resource("golden-foo.json"))));
            documents.add(Map.entry("dev.allocgate.samples.corrupt",
                    MAPPER.readTree(BaselineFixtures.resource("valid-corrupt-template.json"))));
            Path scratch = Files.createTempDirectory("allocgate-baseline-fuzz-seed");
            List<Measurement> recorded = new ArrayList<>();
            for (String fixture : List.of("jmh-1.37-samples.json", "jmh-1.36-middle-dot.json", "ragged-rows.json",
                    "zero-allocation-iterations.json", "unescaped-name.json")) {
                recorded.addAll(new JmhResultReader().read(jmhFixture(fixture)));
            }
            // Every other entry with a recorded cost: files of schema version 3 (some classes) and 1 (the others).
            java.util.Map<dev.allocgate.core.model.BenchmarkKey, Double> seconds = new java.util.TreeMap<>();
            for (int i = 0; i < recorded.size(); i += 2) {
                seconds.put(recorded.get(i).key(), 0.37 + i);
            }
            BaselineStore seeds = new BaselineStore(scratch);
            seeds.update(seeds.load(), recorded, Map.of(), seconds, name -> true);
            try (Stream<Path> files = Files.list(scratch)) {
                for (Path file : files.sorted().toList()) {
                    JsonNode tree = MAPPER.readTree(Files.readAllBytes(file));
                    documents.add(Map.entry(tree.get("benchmarkClass").textValue(), tree));
                    Files.delete(file);
                }
            }
            Files.delete(scratch);
        } catch (IOException | InvalidBaselineException | InvalidResultsException | BaselineConflictException e) {
            throw new IllegalStateException("cannot build the baseline fuzz documents", e);
        }
        if (documents.size() < 4) {
            throw new IllegalStateException("expected several seed documents, got " + documents.size() + ": "
                    + Arrays.toString(documents.stream().map(Map.Entry::getKey).toArray()));
        }
        return List.copyOf(documents);
    }

    private static Path jmhFixture(String name) {
        try {
            return Path.of(BaselineReaderFuzzTest.class.getResource("/jmh/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
