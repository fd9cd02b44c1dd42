package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitHubActionsOutputTest {

    /** {@code ::level prop=value,prop=value::data}, one line. */
    private static final Pattern COMMAND = Pattern.compile("::(error|warning|notice)(?: ([^:]*))?::(.*)");

    @Test
    void escapingFollowsTheWorkflowCommandRules() {
        // Data: % first (so escapes are not escaped twice), then CR and LF.
        assertEquals("100%25 done%0D%0Anext %250A", GitHubActionsOutput.escapeData("100% done\r\nnext %0A"));
        assertEquals("a::b, c: d", GitHubActionsOutput.escapeData("a::b, c: d"));
        // Properties additionally escape : and ,
        assertEquals("a%3A%3Ab%2C c%3A d%25%0A", GitHubActionsOutputTest.property("a::b, c: d%\n"));
    }

    private static String property(String s) {
        return GitHubActionsOutput.escapeProperty(s);
    }

    @Test
    void errorsForFailingBenchmarksThenANotice() {
        GateReport report = ReportFixtures.sampleReport();
        List<String> lines = GitHubActionsOutput.workflowCommands(report, "target/allocgate/report.md");
        long failing = report.failing().size();
        long notable = report.benchmarks().stream().filter(b -> !report.settings().fails(b.verdict())
                && (b.verdict() == Verdict.INCONCLUSIVE || b.verdict() == Verdict.MISSING || b.verdict() == Verdict.REGRESSED
                || b.verdict() == Verdict.ENVIRONMENT_MISMATCH)).count() + report.warnings().size();
        assertEquals(failing, lines.stream().filter(l -> l.startsWith("::error ")).count());
        assertEquals(notable, lines.stream().filter(l -> l.startsWith("::warning ")).count());
        assertTrue(lines.get(0).startsWith("::error title=allocgate REGRESSED%3A "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::error title=allocgate REGRESSED%3A object::")
                && l.contains("bytesPerOp 16.0 -> 32.0 B/op (+100.0%25)")), String.join("\n", lines));
        String notice = lines.get(lines.size() - 1);
        assertTrue(notice.startsWith("::notice title=allocgate::FAIL: 2 of 11 benchmarks regressed"), notice);
        assertTrue(notice.contains(failing + " errors and " + notable + " warning"), notice);
        assertTrue(notice.endsWith("; see target/allocgate/report.md"), notice);
    }

    @Test
    void atMostTenAnnotationsThenTheTotal() {
        GateReport report = ReportFixtures.bigReport(100); // every fifth regressed: 20 failing
        List<String> lines = GitHubActionsOutput.workflowCommands(report, null);
        assertEquals(GitHubActionsOutput.MAX_ANNOTATIONS + 1, lines.size());
        assertTrue(lines.subList(0, 10).stream().allMatch(l -> l.startsWith("::error ")));
        assertTrue(lines.get(10).startsWith("::notice "));
        assertTrue(lines.get(10).contains("20 errors and 0 warnings (10 not shown as annotations)"), lines.get(10));
    }

    @Test
    void hostileNamesCannotInjectCommands() {
        GateReport report = HostileNames.report();
        List<String> lines = GitHubActionsOutput.workflowCommands(report, "x\n::error::fake");
        assertTrue(lines.size() <= GitHubActionsOutput.MAX_ANNOTATIONS + 1);
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r"), line);
            line.codePoints().forEach(cp -> assertFalse(Text.isUnsafe(cp), "U+" + Integer.toHexString(cp) + " in " + line));
            Matcher m = COMMAND.matcher(line);
            assertTrue(m.matches(), line);
            // properties: name=value pairs whose values have no raw ':' or ','
            if (m.group(2) != null) {
                for (String pair : m.group(2).split(",")) {
                    assertTrue(pair.matches("title=[^:,]*"), pair);
                }
            }
        }
    }

    @Test
    void stepSummaryIsTheCappedMarkdown() {
        GateReport report = ReportFixtures.sampleReport();
        assertEquals(new MarkdownRenderer().render(report), GitHubActionsOutput.stepSummary(report));
        GateReport big = ReportFixtures.bigReport(2_000);
        String summary = GitHubActionsOutput.stepSummary(big, ReportFixtures.JDK17_G1);
        assertTrue(summary.length() <= GitHubActionsOutput.STEP_SUMMARY_CHARS, "length " + summary.length());
        assertTrue(summary.contains("more rows in the report artifact"));
    }
}
