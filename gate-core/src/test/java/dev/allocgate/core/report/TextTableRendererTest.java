package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTableRendererTest {

    private static final String PATH = "target/allocgate/report.md";

    @Test
    void plainTableMatchesGoldenFile() throws Exception {
        List<String> lines = new TextTableRenderer().render(ReportFixtures.sampleReport(), PATH, false);
        ReportFixtures.assertGolden("console.txt", String.join("\n", lines) + "\n");
    }

    @Test
    void colouredTableMatchesGoldenFile() throws Exception {
        List<String> lines = new TextTableRenderer().render(ReportFixtures.sampleReport(), PATH, true);
        // ESC shown as "\e" so that the golden file is readable
        ReportFixtures.assertGolden("console-colour.txt", String.join("\n", lines).replace("\u001B", "\\e") + "\n");
    }

    @Test
    void objectsPerOpColumnsMatchGoldenFile() throws Exception {
        List<String> lines = new TextTableRenderer().render(ReportFixtures.objectsReport(), PATH, false);
        assertTrue(lines.get(1).contains("baseline objects/op"), lines.get(1));
        ReportFixtures.assertGolden("console-objects.txt", String.join("\n", lines) + "\n");
    }

    @Test
    void colourOnlyWhenAsked() {
        GateReport report = ReportFixtures.sampleReport();
        assertTrue(new TextTableRenderer().render(report, PATH, false).stream().noneMatch(l -> l.indexOf('\u001B') >= 0));
        assertTrue(new TextTableRenderer().render(report).stream().noneMatch(l -> l.indexOf('\u001B') >= 0));
        List<String> coloured = new TextTableRenderer().render(report, PATH, true);
        String objectRow = coloured.stream().filter(l -> l.startsWith("Alloc.object")).findFirst().orElseThrow();
        assertTrue(objectRow.endsWith(TextTableRenderer.BOLD + TextTableRenderer.RED + "REGRESSED" + TextTableRenderer.RESET), objectRow);
        String shrunkRow = coloured.stream().filter(l -> l.startsWith("Alloc.shrunk")).findFirst().orElseThrow();
        assertTrue(shrunkRow.endsWith(TextTableRenderer.GREEN + "IMPROVED" + TextTableRenderer.RESET), shrunkRow);
        assertTrue(coloured.get(coloured.size() - 1).startsWith(TextTableRenderer.BOLD + TextTableRenderer.RED + "FAIL: "));
    }

    @Test
    void summaryLineCountsRegressionsAndNamesTheReport() {
        GateReport report = ReportFixtures.sampleReport();
        List<String> lines = new TextTableRenderer().render(report, PATH, false);
        long regressed = report.benchmarks().stream().filter(b -> b.verdict() == Verdict.REGRESSED).count();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith("FAIL: " + regressed + " of " + report.benchmarks().size() + " benchmarks regressed"), summary);
        assertTrue(summary.endsWith("; see " + PATH), summary);
        for (Verdict v : List.of(Verdict.IMPROVED, Verdict.NEW, Verdict.MISSING, Verdict.FAILED, Verdict.INCONCLUSIVE)) {
            long n = report.benchmarks().stream().filter(b -> b.verdict() == v).count();
            assertTrue(summary.contains(", " + n + " " + v.name().toLowerCase()), v + " in " + summary);
        }
        assertFalse(summary.contains("unchanged"), summary);
        // the form without a path, and the legacy form the plugin prints today
        assertEquals("FAIL: " + regressed + " of " + report.benchmarks().size() + " benchmarks regressed",
                new TextTableRenderer().render(report, null, false).get(lines.size() - 1).split(",")[0]);
        List<String> legacy = new TextTableRenderer().render(report);
        assertTrue(legacy.get(legacy.size() - 1).startsWith("FAIL: 11 benchmarks ("), legacy.get(legacy.size() - 1));
    }

    @Test
    void columnsAreAligned() {
        GateReport report = ReportFixtures.sampleReport();
        List<String> lines = new TextTableRenderer().render(report, PATH, false);
        List<String> table = lines.subList(1, 2 + report.benchmarks().size()); // after "package:", header + rows
        String header = table.get(0);
        int verdictColumn = header.indexOf("verdict");
        int pEnd = header.indexOf(" p ") + 2; // the p column is right-aligned: every cell ends here
        for (String row : table.subList(1, table.size())) {
            String verdict = row.substring(verdictColumn);
            assertTrue(List.of(Verdict.values()).stream().anyMatch(v -> v.name().equals(verdict)), "verdict column: " + row);
            assertEquals(' ', row.charAt(pEnd), row);
            assertTrue(row.charAt(pEnd - 1) != ' ', "p cell ends at the header's p:\n" + header + "\n" + row);
        }
    }

    @Test
    void secondMetricColumnsOnlyWhenSomeBenchmarkHasThem() {
        Measurement withRate = new Measurement(BenchmarkKey.of("a.B.c", "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(16, 16, 16), Metric.ALLOC_RATE, Sample.of(900, 950, 1000)), 1e6, ReportFixtures.JDK17_G1);
        Measurement bytesOnly = ReportFixtures.m("a.B.d", Map.of(), 8, 8, 8);
        GateSettings gateRate = new GateSettings(0.05, Map.of(), EnumSet.of(Metric.BYTES_PER_OP, Metric.ALLOC_RATE), Map.of(),
                GateSettings.defaults().environmentPolicy(), true, true, false, false);

        String gatedHeader = new TextTableRenderer().render(
                ReportFixtures.compare(gateRate, List.of(withRate, bytesOnly), List.of(withRate, bytesOnly), List.of()), PATH, false).get(1);
        assertTrue(gatedHeader.contains("baseline B/op") && gatedHeader.contains("baseline MB/s"), gatedHeader);
        assertEquals(2, gatedHeader.split("\\bdelta\\b", -1).length - 1, gatedHeader);

        // present but informational and not per operation: stays in report.json only
        String infoHeader = new TextTableRenderer().render(
                ReportFixtures.compare(List.of(withRate), List.of(withRate), List.of()), PATH, false).get(1);
        assertFalse(infoHeader.contains("MB/s"), infoHeader);

        // gated but no benchmark has it: no empty columns
        String absentHeader = new TextTableRenderer().render(
                ReportFixtures.compare(gateRate, List.of(bytesOnly), List.of(bytesOnly), List.of()), PATH, false).get(1);
        assertFalse(absentHeader.contains("MB/s"), absentHeader);
        assertTrue(absentHeader.contains("baseline B/op"), absentHeader);
    }

    @Test
    void hostileNamesStayOnOneLineAndCannotReorderOrColour() {
        GateReport report = HostileNames.report();
        List<String> lines = new TextTableRenderer().render(report, "target/x\n@y.md", false);
        for (String line : lines) {
            line.codePoints().forEach(cp -> assertFalse(Text.isUnsafe(cp), "unsafe U+" + Integer.toHexString(cp) + " in " + line));
        }
        for (BenchmarkComparison b : report.benchmarks()) {
            String shown = Text.plain(b.key().method());
            assertEquals(1, lines.stream().filter(l -> l.startsWith("Evil." + shown + " ") || l.startsWith(shown + " ")).count(),
                    "one row for " + shown);
        }
    }
}
