package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownRendererTest {

    @Test
    void reportMatchesGoldenFile() throws Exception {
        String md = new MarkdownRenderer().render(ReportFixtures.sampleReport(),
                MarkdownOptions.unlimited().withEnvironment(ReportFixtures.JDK17_G1));
        ReportFixtures.assertGolden("report.md", md);
    }

    @Test
    void streamingWritesTheSameTextAsTheString() throws Exception {
        for (GateReport report : List.of(ReportFixtures.sampleReport(), ReportFixtures.objectsReport(), HostileNames.report())) {
            MarkdownOptions options = MarkdownOptions.unlimited().withEnvironment(ReportFixtures.JDK17_G1);
            java.io.StringWriter out = new java.io.StringWriter();
            new MarkdownRenderer().render(report, options, out);
            assertEquals(new MarkdownRenderer().render(report, options), out.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new MarkdownRenderer().render(ReportFixtures.sampleReport(),
                MarkdownOptions.unlimited().withMaxChars(65_000), new java.io.StringWriter()));
    }

    @Test
    void objectsPerOpReportMatchesGoldenFile() throws Exception {
        String md = new MarkdownRenderer().render(ReportFixtures.objectsReport());
        assertTrue(md.contains("| baseline objects/op | current objects/op |"), md);
        ReportFixtures.assertGolden("report-objects.md", md);
    }

    @Test
    void aBaselineMeasuredInThisJobHasNothingToRecord() {
        GateReport report = ReportFixtures.sampleReport().withMeasuredBaseline("origin/main (1a2b3c4), measured in this job");
        String md = new MarkdownRenderer().render(report);
        assertTrue(md.contains("baseline from origin/main (1a2b3c4), measured in this job"), md);
        assertTrue(md.contains("there are no baseline files to update"), md);
        assertFalse(md.contains("mvn allocgate:record"), "nothing to record in a base-vs-PR check");
        String html = new HtmlReportRenderer().render(report);
        assertTrue(html.contains("origin/main (1a2b3c4), measured in this job"), html);
        assertTrue(html.contains("there are no baseline files to update"));
        assertFalse(html.contains("mvn allocgate:record"));
    }

    @Test
    void withoutEnvironmentOnlySettingsAreListed() {
        String md = new MarkdownRenderer().render(ReportFixtures.sampleReport());
        assertTrue(md.contains("<summary>Settings</summary>"), md);
        assertFalse(md.contains("| GC |"), md);
    }

    @Test
    void sectionsComeInReadingOrderWithUnchangedFolded() {
        String md = new MarkdownRenderer().render(ReportFixtures.sampleReport());
        assertTrue(md.startsWith("## ❌ allocgate: FAIL — 2 of 11 benchmarks regressed"), md);
        int last = -1;
        for (String heading : List.of("### ❌ Regressions (2)", "### Improvements (1)", "### ⚠️ Inconclusive (1), undecided", "### New benchmarks (1)",
                "### ❌ Missing benchmarks (1)", "### ❌ Failed or not compared (2)", "<details><summary>Unchanged (3)</summary>",
                "<summary>Settings</summary>", "mvn allocgate:record")) {
            int at = md.indexOf(heading);
            assertTrue(at > last, heading + " after the previous section:\n" + md);
            last = at;
        }
        // unchanged rows live inside the details block
        int details = md.indexOf("<details><summary>Unchanged");
        assertTrue(md.indexOf("| Sizes.array | size=16 |") > details && md.indexOf("| Sizes.array | size=16 |") < md.indexOf("</details>", details));
    }

    @Test
    void passingReportHasCheckIcon() {
        var m = ReportFixtures.m("a.B.c", java.util.Map.of(), 8, 8, 8);
        String md = new MarkdownRenderer().render(ReportFixtures.compare(List.of(m), List.of(m), List.of()));
        assertTrue(md.startsWith("## ✅ allocgate: PASS — 0 of 1 benchmark regressed\n"), md);
    }

    @Test
    void hostileNamesAreEscaped() {
        GateReport report = HostileNames.report();
        String md = new MarkdownRenderer().render(report);
        assertNoActiveMarkup(md);
        // the 300-character name is shortened to MAX_NAME_CODE_POINTS, cut before escaping
        String longMethod = HostileNames.methods().get(HostileNames.methods().size() - 1);
        String shown = ("Evil." + longMethod).substring(0, MarkdownRenderer.MAX_NAME_CODE_POINTS - 1) + "…";
        assertTrue(md.contains("| " + shown + " |"), "shortened long name");
        assertFalse(md.contains(longMethod), "full long name not in the table");
        // each hostile benchmark has exactly one row
        long rows = md.lines().filter(l -> l.startsWith("| Evil.")).count();
        assertEquals(report.benchmarks().size(), rows, md);
    }

    @Test
    void capIsNeverExceededAndRowsAreCutAtRowBoundaries() {
        for (GateReport report : List.of(ReportFixtures.bigReport(200), HostileNames.report())) {
            String full = new MarkdownRenderer().render(report);
            List<String> fullRows = rows(full);
            for (int cap : new int[] {MarkdownOptions.MIN_CHARS, 2_345, 3_000, 5_000, 12_345, full.length() - 1, full.length(), full.length() + 100}) {
                String out = new MarkdownRenderer().render(report, MarkdownOptions.unlimited().withMaxChars(cap));
                assertTrue(out.length() <= cap, "length " + out.length() + " > cap " + cap);
                if (cap >= full.length()) {
                    assertEquals(full, out);
                    continue;
                }
                List<String> shownRows = rows(out);
                assertEquals(fullRows.subList(0, shownRows.size()), shownRows, "a prefix of the rows, whole rows only");
                Matcher trailer = Pattern.compile("\n_(\\d+) more rows? in the report artifact\\._\n").matcher(out);
                assertTrue(trailer.find(), out);
                assertEquals(fullRows.size() - shownRows.size(), Integer.parseInt(trailer.group(1)));
                assertEquals(count(out, "<details>"), count(out, "</details>"), "details blocks closed at cap " + cap);
                assertEquals(full.lines().findFirst(), out.lines().findFirst(), "summary line kept");
                assertNoActiveMarkup(out);
            }
        }
    }

    @Test
    void tooSmallCapIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MarkdownOptions(MarkdownOptions.MIN_CHARS - 1, null));
    }

    /** Table rows (not header or alignment rows), in order. */
    private static List<String> rows(String md) {
        List<String> out = new ArrayList<>();
        boolean benchmarkTable = false;
        for (String l : md.lines().toList()) {
            if (!l.startsWith("|")) {
                benchmarkTable = false;
            } else if (l.startsWith("| benchmark |")) {
                benchmarkTable = true;
            } else if (benchmarkTable && !l.startsWith("|---")) {
                out.add(l);
            }
        }
        return out;
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    /**
     * No raw HTML but the report's own details/summary tags, no mention, no issue reference, no
     * unsafe character, no unescaped backtick, and every table row has as many cells as its header.
     */
    static void assertNoActiveMarkup(String md) {
        String withoutOwnTags = md.replaceAll("</?(details|summary)>", "");
        assertFalse(withoutOwnTags.contains("<"), "raw '<' in:\n" + md);
        assertFalse(md.contains("@"), "an @ could mention someone");
        String withoutEntitiesAndHeadings = md.replaceAll("&#\\d+;", "").replaceAll("(?m)^#+ ", "");
        assertFalse(withoutEntitiesAndHeadings.contains("#"), "a # could link an issue");
        md.codePoints().forEach(cp -> assertTrue(cp == '\n' || !Text.isUnsafe(cp), "unsafe U+" + Integer.toHexString(cp)));
        int columns = -1;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            String unescaped = line.replace("\\\\", "").replace("\\|", "").replace("\\`", "");
            assertFalse(unescaped.contains("`"), "unescaped backtick in " + line);
            int pipes = (int) unescaped.chars().filter(c -> c == '|').count();
            if (columns < 0) {
                columns = pipes;
            }
            assertEquals(columns, pipes, "cells in " + line);
        }
    }
}
