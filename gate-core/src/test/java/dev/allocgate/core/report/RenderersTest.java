package dev.allocgate.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    static Measurement m(String name, Map<String, String> params, double... bytes) {
        return new Measurement(BenchmarkKey.of(name, "avgt", params), Map.of(Metric.BYTES_PER_OP, new Sample(bytes)), 1e6, Environment.UNKNOWN);
    }

    static GateReport sampleReport() {
        Map<BenchmarkKey, Measurement> base = new TreeMap<>();
        for (Measurement b : List.of(m("com.acme.bench.Alloc.object", Map.of(), 16, 16, 16),
                m("com.acme.bench.Alloc.free", Map.of(), 0, 0, 0),
                m("com.acme.bench.Sizes.array", Map.of("size", "16"), 80, 80, 80),
                m("com.acme.bench.Alloc.gone", Map.of(), 24, 24, 24))) {
            base.put(b.key(), b);
        }
        List<Measurement> current = List.of(m("com.acme.bench.Alloc.object", Map.of(), 32, 32, 32),
                m("com.acme.bench.Alloc.free", Map.of(), 0, 0, 0),
                m("com.acme.bench.Sizes.array", Map.of("size", "16"), 80, 80, 80),
                m("com.acme.bench.Alloc.added", Map.of(), 16, 16, 16));
        return new Gate(GateSettings.defaults()).compare(current, base, BenchmarkFilter.ALL,
                List.of(new FailedBenchmark("com.acme.bench.Alloc.crash", "", "java.lang.IllegalStateException: boom")), "baselines/x");
    }

    @Test
    void textTableIsAlignedAndSummarised() {
        List<String> lines = new TextTableRenderer().render(sampleReport());
        assertEquals("package: com.acme.bench", lines.get(0));
        String header = lines.get(1);
        assertTrue(header.startsWith("benchmark"), header);
        int verdictColumn = header.indexOf("verdict");
        String objectRow = lines.stream().filter(l -> l.startsWith("Alloc.object")).findFirst().orElseThrow();
        assertEquals(verdictColumn, objectRow.indexOf("REGRESSED"), "columns aligned:\n" + String.join("\n", lines));
        assertTrue(objectRow.contains("+16.0 (+100.0%)"), objectRow);
        assertTrue(objectRow.contains("exact"), objectRow);
        String freeRow = lines.stream().filter(l -> l.startsWith("Alloc.free")).findFirst().orElseThrow();
        assertTrue(freeRow.contains(" ~ "), freeRow);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Sizes.array") && l.contains("size=16")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("Alloc.crash") && l.contains("boom")), "failure reason shown");
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith("FAIL: 6 benchmarks"), summary);
        assertTrue(summary.contains("1 regressed") && summary.contains("1 missing") && summary.contains("1 new")
                && summary.contains("1 failed"), summary);
    }

    @Test
    void markdownListsFailingBenchmarksFirstAndEscapesNames() {
        String evil = "com.acme.X.a|b<!--`x`-->\u202Eevil\nline";
        Map<BenchmarkKey, Measurement> base = new TreeMap<>();
        Measurement b = m(evil, Map.of("p", "|@team #12"), 16, 16, 16);
        base.put(b.key(), b);
        GateReport report = new Gate(GateSettings.defaults()).compare(
                List.of(m(evil, Map.of("p", "|@team #12"), 32, 32, 32), m("com.acme.X.fine", Map.of(), 8, 8, 8)),
                base, BenchmarkFilter.ALL, List.of(), "baselines/x");
        String md = new MarkdownRenderer().render(report);
        assertFalse(md.contains("<!--"), md);
        assertFalse(md.contains("\u202E"), "bidi override must not survive");
        assertFalse(md.contains("@team"), "no mentions");
        assertFalse(md.contains("#12"), "no issue links");
        MarkdownRendererTest.assertNoActiveMarkup(md); // includes: every row has as many cells as its header
        int regressed = md.indexOf("Regressions (1)");
        int fine = md.indexOf("X.fine");
        assertTrue(regressed > 0 && fine > regressed, "failing rows first:\n" + md);
        assertTrue(md.contains("mvn allocgate:record"));
    }

    @Test
    void jsonReportCarriesVerdictsAndMetrics() throws Exception {
        JsonNode root = new ObjectMapper().readTree(new JsonReportWriter().render(sampleReport()));
        assertEquals("FAIL", root.get("verdict").asText());
        assertEquals(JsonReportWriter.SCHEMA_VERSION, root.get("schemaVersion").asInt());
        JsonNode object = null;
        for (JsonNode b : root.get("benchmarks")) {
            if (b.get("benchmark").asText().equals("com.acme.bench.Alloc.object")) {
                object = b;
            }
        }
        assertTrue(object != null);
        assertEquals("avgt", object.get("mode").asText());
        assertEquals("REGRESSED", object.get("verdict").asText());
        JsonNode bytes = object.get("metrics").get("bytesPerOp");
        assertEquals(16.0, bytes.get("baseline").asDouble());
        assertEquals(32.0, bytes.get("current").asDouble());
        assertEquals(16.0, bytes.get("delta").asDouble());
        assertTrue(bytes.get("p").isNull(), "exact comparisons have no p-value");
        assertEquals("EXACT", bytes.get("method").asText());
        assertEquals(3, bytes.get("currentSamples").size());
        JsonNode array = null;
        for (JsonNode b : root.get("benchmarks")) {
            if (b.get("benchmark").asText().endsWith("Sizes.array")) {
                array = b;
            }
        }
        assertEquals("16", array.get("params").get("size").asText());
    }

    @Test
    void plainTextNeutralisesControlCharacters() {
        assertEquals("a\\u000Ab\\u202Ec", Text.plain("a\nb\u202Ec"));
    }
}
