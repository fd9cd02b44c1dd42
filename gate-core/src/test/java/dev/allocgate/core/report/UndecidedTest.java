package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.allocgate.core.report.ReportFixtures.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gated metric the gate could not decide stands out in every format, even when the gate passes. */
class UndecidedTest {

    /** The gate's own reason for the undecided metric, as every format names it after the metric's key. */
    private static final String WOBBLY_NOTE = "bytesPerOp: " + passingWithOneUndecided().benchmarks().stream()
            .filter(b -> b.key().method().equals("wobbly")).findFirst().orElseThrow()
            .metrics().get(Metric.BYTES_PER_OP).note();

    /** One unchanged benchmark and one whose noisy forks can neither show nor rule out a change; the gate passes. */
    private static GateReport passingWithOneUndecided() {
        List<Measurement> base = List.of(
                m("com.acme.bench.Alloc.object", Map.of(), 16, 16, 16, 16, 16),
                m("com.acme.bench.Alloc.wobbly", Map.of("kind", "a|b<!--x"), 100, 140, 90, 130, 110));
        List<Measurement> current = List.of(
                m("com.acme.bench.Alloc.object", Map.of(), 16, 16, 16, 16, 16),
                m("com.acme.bench.Alloc.wobbly", Map.of("kind", "a|b<!--x"), 105, 150, 95, 120, 135));
        GateReport report = ReportFixtures.compare(base, current, List.of());
        assertTrue(report.passed());
        assertEquals(Verdict.INCONCLUSIVE, report.benchmarks().stream()
                .filter(b -> b.key().method().equals("wobbly")).findFirst().orElseThrow().verdict());
        return report;
    }

    @Test
    void consoleNamesTheUndecidedAfterTheTableAndThePassLineCountsThem() {
        List<String> lines = new TextTableRenderer().render(passingWithOneUndecided(), "target/allocgate/report.md", false);
        int undecided = lines.indexOf("UNDECIDED (1): " + Summaries.UNDECIDED_EXPLANATION + ":");
        assertTrue(undecided > 0, String.join("\n", lines));
        assertEquals("  Alloc.wobbly (kind=a|b<!--x) INCONCLUSIVE: " + WOBBLY_NOTE, lines.get(undecided + 1));
        assertEquals("PASS with 1 undecided: 0 of 2 benchmarks regressed, 1 inconclusive; see target/allocgate/report.md",
                lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.contains(WOBBLY_NOTE)).count(), "named once: " + lines);
        assertTrue(new TextTableRenderer().render(passingWithOneUndecided()).get(lines.size() - 1)
                .startsWith("PASS with 1 undecided: 2 benchmarks"), "the plain summary too");
    }

    @Test
    void consoleColoursAnUndecidedPassYellow() {
        List<String> lines = new TextTableRenderer().render(passingWithOneUndecided(), null, true);
        assertTrue(lines.get(lines.size() - 1).startsWith(TextTableRenderer.BOLD + TextTableRenderer.YELLOW + "PASS with 1 undecided"),
                lines.get(lines.size() - 1));
    }

    @Test
    void markdownShowsThemAtTheTopEvenWhenTheCommentIsCut() {
        String md = new MarkdownRenderer().render(passingWithOneUndecided());
        assertTrue(md.startsWith("## ⚠️ allocgate: PASS with 1 undecided — 0 of 2 benchmarks regressed, 1 inconclusive\n"), md);
        String quote = "\n> ⚠️ **Undecided (1)**: " + Text.markdownCell(Summaries.UNDECIDED_EXPLANATION) + ".\n"
                + "> - **Alloc.wobbly** (kind=a\\|b&lt;!--x) INCONCLUSIVE: " + Text.markdownCell(WOBBLY_NOTE) + "\n";
        assertTrue(md.contains(quote), md);
        assertTrue(md.indexOf(quote) < md.indexOf("\n### "), "before the first table:\n" + md);
        assertTrue(md.contains("\n### ⚠️ Inconclusive (1), undecided\n"), md);

        // A PR comment cut to its cap keeps the quote, whatever tables it loses.
        List<Measurement> base = new ArrayList<>();
        List<Measurement> current = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            base.add(m("com.acme.bench.Alloc.regressed" + i, Map.of(), 16, 16, 16, 16, 16));
            current.add(m("com.acme.bench.Alloc.regressed" + i, Map.of(), 32, 32, 32, 32, 32));
        }
        base.add(m("com.acme.bench.Alloc.wobbly", Map.of(), 100, 140, 90, 130, 110));
        current.add(m("com.acme.bench.Alloc.wobbly", Map.of(), 105, 150, 95, 120, 135));
        String cut = new MarkdownRenderer().render(ReportFixtures.compare(base, current, List.of()), new MarkdownOptions(2_000, null));
        assertTrue(cut.contains("more rows in the report artifact"), cut);
        assertTrue(cut.contains("> - **Alloc.wobbly** INCONCLUSIVE: " + Text.markdownCell(WOBBLY_NOTE) + "\n"), cut);
        assertTrue(!cut.contains("### ⚠️ Inconclusive"), "its table was cut:\n" + cut);
    }

    @Test
    void markdownNamesAtMostTenAndCountsTheRest() {
        List<Measurement> base = new ArrayList<>();
        List<Measurement> current = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            base.add(m("com.acme.bench.Alloc.wobbly" + i, Map.of(), 100, 140, 90, 130, 110));
            current.add(m("com.acme.bench.Alloc.wobbly" + i, Map.of(), 105, 150, 95, 120, 135));
        }
        String md = new MarkdownRenderer().render(ReportFixtures.compare(base, current, List.of()));
        assertEquals(MarkdownRenderer.MAX_UNDECIDED_LISTED, md.lines().filter(l -> l.startsWith("> - **")).count(), md);
        assertTrue(md.contains("> - and 2 more, in the tables below\n"), md);
    }

    @Test
    void htmlStylesThemAsAWarning() {
        String html = new HtmlReportRenderer().render(passingWithOneUndecided());
        assertTrue(html.contains("<header class=\"summary pass undecided\">"), html);
        assertTrue(html.contains("allocgate: PASS with 1 undecided</h1>"), html);
        assertTrue(html.contains("<div class=\"undecided\" role=\"alert\"><p><strong>Undecided (1)</strong>: "
                + Text.markup(Summaries.UNDECIDED_EXPLANATION) + ".</p>\n<ul><li><strong>Alloc.wobbly</strong>"
                + " (kind=a|b&lt;!--x) INCONCLUSIVE: " + Text.markup(WOBBLY_NOTE) + "</li></ul></div>\n"), html);
        assertTrue(html.contains(".undecided{background:#fff8c5"), "styled: " + html);
    }

    @Test
    void junitSkipsThemWithTheReasonAndCountsThem() {
        String xml = new JUnitXmlReportWriter().render(passingWithOneUndecided());
        assertTrue(xml.contains("<property name=\"allocgate.undecided\" value=\"1\"/>"), xml);
        assertTrue(xml.contains("<testcase name=\"wobbly[kind=a|b&lt;!--x] bytesPerOp\" classname=\"com.acme.bench.Alloc\""
                + " time=\"0\">\n    <skipped message=\"INCONCLUSIVE: bytesPerOp 110.0 -&gt; 120.0 B/op (+9.1%): "
                + Text.markup(WOBBLY_NOTE) + "\"/>"), xml);
    }

    @Test
    void githubWarnsAboutThemAndTheNoticeCountsThem() {
        List<String> commands = GitHubActionsOutput.workflowCommands(passingWithOneUndecided(), null);
        assertEquals(2, commands.size(), commands.toString());
        assertTrue(commands.get(0).startsWith("::warning title=allocgate INCONCLUSIVE%3A wobbly[kind=a|b<!--x]::"), commands.get(0));
        assertTrue(commands.get(0).contains(WOBBLY_NOTE), commands.get(0));
        assertTrue(commands.get(1).startsWith("::notice title=allocgate::PASS with 1 undecided: 0 of 2 benchmarks regressed,"
                + " 1 inconclusive; 0 errors and 1 warning"), commands.get(1));
    }

    @Test
    void aFailingReportListsItsUndecidedToo() {
        List<String> lines = new TextTableRenderer().render(ReportFixtures.sampleReport(), null, false);
        assertTrue(lines.contains("  Alloc.wobbly INCONCLUSIVE: " + WOBBLY_NOTE), String.join("\n", lines));
        assertTrue(lines.get(lines.size() - 1).startsWith("FAIL: "), lines.get(lines.size() - 1));
    }
}
