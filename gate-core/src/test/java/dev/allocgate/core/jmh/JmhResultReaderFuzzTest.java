package dev.allocgate.core.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.fuzz.FuzzArbitraries;
import dev.allocgate.core.fuzz.FuzzBudget;
import dev.allocgate.core.fuzz.FuzzCase;
import dev.allocgate.core.fuzz.Mutations;
import dev.allocgate.core.model.BenchmarkKey;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes {@link JmhResultReader#read(java.io.InputStream, Path)} with documents built from the real
 * JMH fixtures and then broken, and with JSON grown from JMH's vocabulary. Property: the reader
 * returns measurements that are valid in every respect, or throws {@link InvalidResultsException}
 * naming the file with a non-blank message; no other exception (NPE, ClassCast, index, stack
 * overflow, a Jackson exception) ever escapes. The number of inputs comes from {@link FuzzBudget}.
 */
@AddLifecycleHook(FuzzBudget.class)
class JmhResultReaderFuzzTest {

    private static final Path SOURCE = Path.of("fuzz", "jmh-result.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every result entry of the fixtures (valid ones and the ones the reader must reject), as trees. */
    static final List<JsonNode> ENTRIES = fixtureEntries();

    private final JmhResultReader reader = new JmhResultReader();

    @Property
    @FuzzBudget.Share(FuzzBudget.Part.JMH_MUTATED)
    void mutatedResultsAreReadOrRejectedCleanly(@ForAll("mutatedResults") FuzzCase input) {
        check(input.render(), FuzzBudget.Part.JMH_MUTATED, input);
    }

    @Property
    @FuzzBudget.Share(FuzzBudget.Part.JMH_GRAMMAR)
    void jsonGrownFromJmhVocabularyIsReadOrRejectedCleanly(@ForAll("grownResults") String json) {
        check(json.getBytes(StandardCharsets.UTF_8), FuzzBudget.Part.JMH_GRAMMAR, json);
    }

    private void check(byte[] bytes, FuzzBudget.Part part, Object input) {
        List<Measurement> measurements;
        try {
            measurements = reader.read(new ByteArrayInputStream(bytes), SOURCE);
        } catch (InvalidResultsException e) {
            assertCleanRejection(e, input);
            part.rejected();
            return;
        } catch (Throwable t) {
            throw new AssertionError("the reader leaked " + t + " for " + input, t);
        }
        assertValid(measurements, input);
        part.accepted();
    }

    private static void assertCleanRejection(InvalidResultsException e, Object input) {
        String message = e.getMessage();
        if (!SOURCE.equals(e.file()) || message == null || !message.startsWith(SOURCE + ": ")
                || message.substring(SOURCE.toString().length() + 2).isBlank()) {
            throw new AssertionError("rejection must name the file and say what is wrong; got '" + message + "' for " + input, e);
        }
    }

    private static void assertValid(List<Measurement> measurements, Object input) {
        check(measurements != null && !measurements.isEmpty(), "an accepted file has results", input);
        Set<BenchmarkKey> keys = new HashSet<>();
        for (Measurement m : measurements) {
            BenchmarkKey key = m.key();
            check(key != null && !key.benchmark().isBlank() && !key.mode().isBlank(), "key with name and mode: " + key, input);
            check(key.params().entrySet().stream().allMatch(e -> e.getKey() != null && e.getValue() != null),
                    "params without nulls: " + key, input);
            check(keys.add(key), "distinct keys: " + key, input);
            check(m.sample(Metric.BYTES_PER_OP).isPresent(), "bytes per op present for " + key, input);
            for (Map.Entry<Metric, Sample> e : m.metrics().entrySet()) {
                check(e.getValue().size() >= 1, "a sample has values", input);
                for (double v : e.getValue().values()) {
                    check(Double.isFinite(v) && v >= 0, e.getKey() + " value finite and >= 0: " + v, input);
                }
            }
            double ops = m.opsPerIteration();
            check(Double.isNaN(ops) || (Double.isFinite(ops) && ops > 0), "ops per iteration NaN or > 0: " + ops, input);
            check(m.environment() != null, "environment present", input);
        }
    }

    private static void check(boolean condition, String what, Object input) {
        if (!condition) {
            throw new AssertionError("accepted an invalid result (" + what + ") for " + input);
        }
    }

    @Provide
    Arbitrary<FuzzCase> mutatedResults() {
        Arbitrary<List<Integer>> entryChoice = Arbitraries.integers().between(0, ENTRIES.size() - 1)
                .list().ofMinSize(1).ofMaxSize(2).uniqueElements();
        Arbitrary<Mutations.TreeMutation> tree = Arbitraries.frequencyOf(
                Tuple.of(8, FuzzArbitraries.treeMutations()),
                Tuple.of(2, FuzzArbitraries.rawValues().map(raw -> new Mutations.ReplaceValue(0.5, true, raw))),
                Tuple.of(3, Combinators.combine(Arbitraries.doubles().between(0, 1), hostileNames())
                        .as(Mutations.RawBenchmarkName::new)));
        return Combinators.combine(
                entryChoice,
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false))),
                tree.list().ofMaxSize(3),
                FuzzArbitraries.byteMutations().list().ofMaxSize(2)
        ).as((chosen, pretty, treeMutations, byteMutations) -> {
            ArrayNode document = MAPPER.createArrayNode();
            chosen.forEach(i -> document.add(ENTRIES.get(i)));
            return new FuzzCase("entries " + chosen, document, pretty, treeMutations, byteMutations);
        });
    }

    /** Benchmark names JMH would write unescaped, including the characters that break readers and reports. */
    static Arbitrary<String> hostileNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("say\"hi\"", "back\\slash", "tail\\", "a|b", "`x`", "<!--", "../../x",
                        "CON", "\u202Ertl", "\uD83D\uDE00", "m".repeat(300), "\"", "\\\"", "x\" : 1, \"y", "", " ")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20).map(s -> "!" + s)));
    }

    @Provide
    Arbitrary<String> grownResults() {
        List<String> vocabulary = List.of("benchmark", "mode", "params", "primaryMetric", "secondaryMetrics",
                "rawData", "rawDataHistogram", "score", "scoreUnit", "scoreError", "measurementTime", "threads",
                "measurementBatchSize", "jvmArgs", "jdkVersion", "vmName", "vmVersion", "jmhVersion", "forks",
                JmhResultReader.NORM, JmhResultReader.RATE, JmhResultReader.OLD_PREFIX + JmhResultReader.NORM,
                JmhResultReader.OLD_PREFIX + JmhResultReader.RATE, JmhResultReader.OBJECTS_NORM,
                "avgt", "thrpt", "ss", "sample", "ns/op", "ops/ms", "100 ms");
        Arbitrary<String> entry = FuzzArbitraries.jsonFromVocabulary(vocabulary, 4);
        return Arbitraries.frequencyOf(
                Tuple.of(4, entry.list().ofMinSize(1).ofMaxSize(3).map(l -> "[" + String.join(",\n", l) + "]")),
                Tuple.of(1, entry));
    }

    private static List<JsonNode> fixtureEntries() {
        List<JsonNode> entries = new ArrayList<>();
        try {
            for (String name : List.of(JmhFixtures.JMH_137, JmhFixtures.JMH_136, "ragged-rows.json",
                    "zero-allocation-iterations.json", "nan-strings.json", "unescaped-name.json",
                    "alloc-profiling-unavailable.json", "no-gc-data.json")) {
                String text = Files.readString(JmhFixtures.path(name), StandardCharsets.UTF_8);
                MAPPER.readTree(JmhResultReader.repairBenchmarkNames(text)).forEach(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }
}
