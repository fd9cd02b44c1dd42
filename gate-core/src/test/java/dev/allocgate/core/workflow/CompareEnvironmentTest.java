package dev.allocgate.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.Commands;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.env.JvmArgsFlags;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} reads the GC and layout flags a results file's {@code jvmArgs} set, and says which
 * fields of the fingerprint it could not compare instead of passing silently.
 */
class CompareEnvironmentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private final GateWorkflow workflow = new GateWorkflow(line -> { }, line -> { });

    private static Path samples() throws Exception {
        return Path.of(CompareEnvironmentTest.class.getResource("/jmh/jmh-1.37-samples.json").toURI());
    }

    /** Baselines of the sample results as {@code check} records them: probed on the defaults (G1, compressed). */
    private BaselineStore recordedOnDefaults() throws Exception {
        BaselineStore store = new BaselineStore(temp.resolve("baselines"));
        List<Measurement> probed = new JmhResultReader().read(samples()).stream().map(m -> new Measurement(m.key(),
                m.metrics(), m.opsPerIteration(), new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM",
                "17.0.15+6", "1.37", "G1GC", true, true, null, 1L << 30, "amd64", List.of()))).toList();
        store.update(probed, name -> true);
        return store;
    }

    private Path samplesWithJvmArgs(String... args) throws Exception {
        ArrayNode root = (ArrayNode) MAPPER.readTree(samples().toFile());
        for (JsonNode entry : root) {
            ArrayNode jvmArgs = ((ObjectNode) entry).putArray("jvmArgs");
            for (String a : args) {
                jvmArgs.add(a);
            }
        }
        Path file = temp.resolve("other-gc.json");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void gcAndLayoutFlagsInTheResultsJvmArgsAreCompared() throws Exception {
        Path results = samplesWithJvmArgs("-XX:+UseParallelGC", "-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers");

        GateWorkflow.Result result = workflow.compare(results, null, recordedOnDefaults(), BenchmarkFilter.ALL,
                GateSettings.defaults(), temp.resolve("out"));

        assertFalse(result.report().passed(), "another GC and layout must not pass against the defaults' baselines");
        for (BenchmarkComparison b : result.report().benchmarks()) {
            assertEquals(Verdict.ENVIRONMENT_MISMATCH, b.verdict(), b.key().toString());
            String differences = b.environmentDifferences().toString();
            assertFalse(differences.contains("gc"), "the GC does not change allocation: " + differences);
            assertTrue(differences.contains("compressedOops: true -> false"), differences);
            assertTrue(differences.contains("compressedClassPointers: true -> false"), differences);
        }
    }

    @Test
    void fieldsTheResultsCannotTellAreAWarningNotASilentPass() throws Exception {
        GateWorkflow.Result result = workflow.compare(samples(), null, recordedOnDefaults(), BenchmarkFilter.ALL,
                GateSettings.defaults(), temp.resolve("out"));

        assertTrue(result.report().passed());
        String warnings = String.join("\n", result.report().warnings());
        assertTrue(warnings.contains("JVM environment not compared for 13 of 13 benchmarks:"
                + " UseCompressedOops, UseCompressedClassPointers unknown"), warnings);
        assertTrue(warnings.contains("jmh-1.37-samples.json"), warnings);
        assertTrue(warnings.contains("-XX:+UseCompressedOops"), warnings);
        assertTrue(warnings.contains("or measure with allocgate's own run (`mvn allocgate:check`), which probes them"),
                warnings);
    }

    @Test
    void aCliRunsWarningsNameNoMavenGoal() throws Exception {
        GateSettings cli = GateSettings.defaults().withCommands(Commands.cli("results.json", "baselines", null));
        BaselineStore store = recordedOnDefaults();

        String compared = String.join("\n", workflow.compare(samples(), null, store, BenchmarkFilter.ALL, cli,
                temp.resolve("out")).report().warnings());
        String recorded = String.join("\n", workflow.recordResults(samples(), store, BenchmarkFilter.ALL, cli,
                temp.resolve("rec"), false, false).result().report().warnings());

        for (String warnings : List.of(compared, recorded)) {
            assertTrue(warnings.contains("not compared for 13 of 13 benchmarks") && warnings.contains("select them in the"
                    + " benchmark JVM's arguments (for example -XX:+UseG1GC"), warnings);
            assertFalse(warnings.contains("mvn") || warnings.contains("allocgate:check"), warnings);
        }
        assertTrue(recorded.contains("the baselines are stored without allocation profiles"), recorded);
    }

    @Test
    void allFlagsGivenLeaveOnlyWhatJmhCannotTell() throws Exception {
        Path results = samplesWithJvmArgs("-XX:+UseG1GC", "-XX:+UseCompressedOops", "-XX:+UseCompressedClassPointers");

        GateWorkflow.Result result = workflow.compare(results, null, recordedOnDefaults(), BenchmarkFilter.ALL,
                GateSettings.defaults(), temp.resolve("out"));

        assertTrue(result.report().passed());
        String warnings = String.join("\n", result.report().warnings());
        assertFalse(warnings.contains("not compared for"), "every field that matters is known: " + warnings);
    }

    @Test
    void theLastFlagWinsAndOtherArgumentsSayNothing() {
        Environment env = JvmArgsFlags.complete(new Environment("17", null, null, null, null, null, null, null, null, null,
                null, List.of("-XX:+UseParallelGC", "-Xmx1g", "-XX:+UseSerialGC", "-XX:-UseG1GC", "-XX:+UseCompressedOops",
                "-XX:-UseCompressedOops", "-XX:+UseCompactObjectHeaders")));
        assertEquals("SerialGC", env.gc());
        assertEquals(Boolean.FALSE, env.compressedOops());
        assertNull(env.compressedClassPointers());
        assertEquals(Boolean.TRUE, env.compactObjectHeaders());
    }

    @Test
    void aProbeThatCouldNotReadTheGcIsAWarningInCheckToo() {
        Environment probedWithoutFlags = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37",
                null, null, null, null, null, "amd64", List.of());
        Environment recorded = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37",
                "G1GC", true, true, null, 1L << 30, "amd64", List.of());
        Measurement current = new Measurement(dev.allocgate.core.model.BenchmarkKey.of("a.B.c", "avgt", java.util.Map.of()),
                java.util.Map.of(dev.allocgate.core.model.Metric.BYTES_PER_OP, dev.allocgate.core.model.Sample.of(16)), 1000,
                probedWithoutFlags);
        Measurement baseline = new Measurement(current.key(), current.metrics(), 1000, recorded);

        List<String> warnings = UncomparedEnvironment.warnings(List.of(current), java.util.Map.of(current.key(), baseline),
                "the probe could not read them", "check the JVM");

        assertEquals(List.of("JVM environment not compared for 1 of 1 benchmarks: UseCompressedOops,"
                + " UseCompressedClassPointers unknown (the probe could not read them). A run on another JDK release or"
                + " object layout than the baselines' would pass unnoticed; check the JVM."), warnings);
    }

    @Test
    void aGatedMetricTheBaselinesHaveButTheResultsLackFailsEveryBenchmark() throws Exception {
        BaselineStore store = new BaselineStore(temp.resolve("with-objects"));
        List<Measurement> withObjects = new JmhResultReader().read(samples()).stream().map(m -> {
            java.util.Map<dev.allocgate.core.model.Metric, dev.allocgate.core.model.Sample> metrics =
                    new java.util.EnumMap<>(m.metrics());
            metrics.put(dev.allocgate.core.model.Metric.OBJECTS_PER_OP, dev.allocgate.core.model.Sample.of(1, 1, 1));
            return new Measurement(m.key(), metrics, m.opsPerIteration(), m.environment());
        }).toList();
        store.update(withObjects, name -> true);

        GateWorkflow.Result result = workflow.compare(samples(), null, store, BenchmarkFilter.ALL, GateSettings.defaults(),
                temp.resolve("out"));

        assertFalse(result.report().passed());
        assertEquals(13, result.report().benchmarks().size());
        assertTrue(result.report().benchmarks().stream().allMatch(c -> c.verdict() == Verdict.FAILED
                && c.note().startsWith("objects/op is gated and in the baseline")), result.report().benchmarks().toString());
    }
}
