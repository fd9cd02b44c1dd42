package dev.allocgate.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values below a metric's noise floor (allocation-free benchmarks read a few ten-thousandths of a byte and millionths
 * of an object per operation) read 0 in every human-facing format, with the floors stated once per report; report.json
 * keeps the exact numbers.
 */
class ZeroValuesTest {

    private static final String FOOTNOTE = "values below 0.05 B/op and 0.01 objects/op read 0";
    /** Scientific notation or a long run of zeros: how noise used to print (3.3e-05, 0.00040). */
    private static final Pattern NOISE = Pattern.compile("\\de-0\\d|0\\.000\\d");

    /** One allocation-free benchmark (noise on both sides), one that went from noise to 16 B and one object. */
    private static GateReport report() {
        List<Measurement> base = List.of(
                ReportFixtures.withObjects("com.acme.bench.Zero.free", new double[] {0, 0, 0}, new double[] {0, 0, 0}),
                ReportFixtures.withObjects("com.acme.bench.Zero.grew", new double[] {0.0003, 0.0002, 0.0004},
                        new double[] {0, 0, 0}));
        List<Measurement> current = List.of(
                ReportFixtures.withObjects("com.acme.bench.Zero.free", new double[] {0.0004, 0.00027, 0.0003},
                        new double[] {8.6e-6, 9.1e-6, 7.7e-6}),
                ReportFixtures.withObjects("com.acme.bench.Zero.grew", new double[] {16, 16, 16}, new double[] {1, 1, 1}));
        return ReportFixtures.compare(base, current, List.of());
    }

    @Test
    void consoleTableReadsZeroAndStatesTheFloorsOnce() {
        List<String> lines = new TextTableRenderer().render(report(), "target/allocgate/report.md", false);
        String text = String.join("\n", lines);
        String free = lines.stream().filter(l -> l.startsWith("Zero.free")).findFirst().orElseThrow();
        assertEquals(List.of("Zero.free", "-", "0", "0", "~", "exact", "0", "0", "~", "exact", "UNCHANGED"),
                List.of(free.split("\\s+")), free);
        String grew = lines.stream().filter(l -> l.startsWith("Zero.grew")).findFirst().orElseThrow();
        assertTrue(grew.contains("+16.0 (new allocation)"), grew);
        assertEquals(1, count(text, FOOTNOTE), text);
        assertNoNoise(text);
    }

    @Test
    void markdownAndHtmlReadZeroAndStateTheFloorsOnce() {
        String md = new MarkdownRenderer().render(report());
        assertTrue(md.contains("| Zero.free | - | 0 | 0 | \\~ | exact | 0 | 0 | \\~ | exact |  |"), md);
        assertEquals(1, count(md, "Values below 0.05 B/op and 0.01 objects/op read 0"), md);
        assertNoNoise(md);

        String html = new HtmlReportRenderer().render(report());
        assertEquals(1, count(html, FOOTNOTE), html);
        assertTrue(html.contains("bytesPerOp (B/op): 0 → 0"), html);
        assertNoNoise(html);
    }

    @Test
    void annotationsAndJUnitMessagesReadZeroWithoutAPercentageOfNoise() {
        List<String> commands = GitHubActionsOutput.workflowCommands(report(), null);
        String grew = commands.stream().filter(c -> c.contains("Zero.grew")).findFirst().orElseThrow();
        assertTrue(grew.startsWith("::error "), grew);
        assertTrue(grew.contains("bytesPerOp 0 -> 16.0 B/op, objectsPerOp 0 -> 1.0 objects/op"), grew);
        assertFalse(grew.contains("%)"), "no percentage of nothing: " + grew);

        String xml = new JUnitXmlReportWriter().render(report());
        assertTrue(xml.contains("<failure message=\"bytesPerOp 0 -&gt; 16.0 B/op\""), xml);
        assertTrue(xml.contains("<failure message=\"objectsPerOp 0 -&gt; 1.0 objects/op\""), xml);
        assertNoNoise(xml);
    }

    @Test
    void reportJsonKeepsTheExactNumbers() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new JsonReportWriter().render(report()));
        JsonNode free = null;
        for (JsonNode b : json.get("benchmarks")) {
            if (b.get("benchmark").asText().endsWith("Zero.free")) {
                free = b;
            }
        }
        assertEquals(0.0003, free.get("metrics").get("bytesPerOp").get("current").asDouble(), 1e-12);
        assertEquals(8.6e-6, free.get("metrics").get("objectsPerOp").get("current").asDouble(), 1e-12);
    }

    @Test
    void theGateAndTheReportsShareOneNoiseFloorPerMetric() {
        assertEquals(0.05, Metric.BYTES_PER_OP.noiseFloor());
        assertEquals(0.01, Metric.OBJECTS_PER_OP.noiseFloor());
        assertTrue(Metric.BYTES_PER_OP.readsZero(-0.0004));
        assertFalse(Metric.BYTES_PER_OP.readsZero(0.05));
        assertFalse(Metric.ALLOC_RATE.readsZero(1e-9), "the allocation rate has no floor");
        assertEquals("0", Cells.number(Metric.OBJECTS_PER_OP, 8.6e-6));
        assertEquals("0.010", Cells.number(Metric.OBJECTS_PER_OP, 0.01));
    }

    private static void assertNoNoise(String text) {
        Matcher m = NOISE.matcher(text);
        assertFalse(m.find(), () -> "noise printed as a number: '" + text.substring(Math.max(0, m.start() - 40),
                Math.min(text.length(), m.end() + 40)) + "'");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
