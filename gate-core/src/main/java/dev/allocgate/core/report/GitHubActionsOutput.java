package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a GitHub Actions job shows: the Markdown for {@code $GITHUB_STEP_SUMMARY} and workflow
 * command lines for annotations. Pure functions: the caller appends the summary to the file and
 * prints the lines to standard output.
 */
public final class GitHubActionsOutput {

    /** At most this many {@code ::error} / {@code ::warning} lines, then one {@code ::notice} with the totals. */
    public static final int MAX_ANNOTATIONS = 10;
    /**
     * Cap of the step summary in characters: GitHub accepts up to 1 MiB per step, and a character
     * takes at most 4 bytes in UTF-8, so this stays under the limit with room for other steps.
     */
    public static final int STEP_SUMMARY_CHARS = 200_000;
    private static final int MAX_TITLE_CODE_POINTS = 120;
    private static final int MAX_MESSAGE_CODE_POINTS = 1_000;

    private GitHubActionsOutput() {
    }

    /** report.md capped at {@link #STEP_SUMMARY_CHARS}, to append to {@code $GITHUB_STEP_SUMMARY}. */
    public static String stepSummary(GateReport report) {
        return stepSummary(report, null);
    }

    /** As {@link #stepSummary(GateReport)}, listing the environment with the settings when given. */
    public static String stepSummary(GateReport report, Environment environment) {
        return new MarkdownRenderer().render(report, new MarkdownOptions(STEP_SUMMARY_CHARS, environment));
    }

    /**
     * Workflow command lines: {@code ::error} for each benchmark that fails the gate, then
     * {@code ::warning} for benchmarks that need a look without failing it (inconclusive, missing,
     * mismatched, regressed but not failing) and for the report's warnings; at most
     * {@value #MAX_ANNOTATIONS} of them, then always one {@code ::notice} with the totals.
     *
     * @param reportPath where the full report is, named in the notice; null or empty for none
     */
    public static List<String> workflowCommands(GateReport report, String reportPath) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (BenchmarkComparison b : Section.ordered(report)) {
            boolean fails = report.settings().fails(b);
            boolean notable = b.verdict() == Verdict.INCONCLUSIVE || b.verdict() == Verdict.MISSING
                    || b.verdict() == Verdict.ENVIRONMENT_MISMATCH || b.verdict() == Verdict.REGRESSED
                    || b.verdict() == Verdict.OVER_BUDGET;
            if (fails) {
                errors.add(command("error", b));
            } else if (notable) {
                warnings.add(command("warning", b));
            }
        }
        for (String w : report.warnings()) {
            warnings.add("::warning title=" + escapeProperty("allocgate") + "::"
                    + escapeData(Text.plain(Text.shorten(w, MAX_MESSAGE_CODE_POINTS))));
        }
        List<String> out = new ArrayList<>();
        errors.stream().limit(MAX_ANNOTATIONS).forEach(out::add);
        warnings.stream().limit(Math.max(0, MAX_ANNOTATIONS - out.size())).forEach(out::add);
        int hidden = errors.size() + warnings.size() - out.size();
        String notice = Summaries.verdictWord(report) + ": " + Summaries.headline(report) + "; "
                + count(errors.size(), "error") + " and " + count(warnings.size(), "warning")
                + (hidden > 0 ? " (" + hidden + " not shown as annotations)" : "")
                + (reportPath == null || reportPath.isEmpty() ? "" : "; see " + Text.plain(reportPath));
        out.add("::notice title=" + escapeProperty("allocgate") + "::" + escapeData(notice));
        return out;
    }

    private static String command(String level, BenchmarkComparison b) {
        String title = "allocgate " + b.verdict() + ": " + Text.plain(Text.shorten(b.key().method()
                + (b.key().params().isEmpty() ? "" : "[" + b.key().paramsLabel() + "]"), MAX_TITLE_CODE_POINTS));
        String changes = b.metrics().values().stream()
                .filter(m -> m.gated() && m.method() != MetricComparison.Method.NONE)
                .map(m -> m.metric().key() + " " + Cells.number(m.metric(), m.baseline().center()) + " -> "
                        + Cells.number(m.metric(), m.current().center()) + " " + m.metric().unit() + deltaPercent(m))
                .collect(Collectors.joining(", "));
        String note = Cells.note(b);
        String message = b.key() + ": " + b.verdict() + (changes.isEmpty() ? "" : " " + changes) + (note.isEmpty() ? "" : " (" + note + ")");
        return "::" + level + " title=" + escapeProperty(title) + "::"
                + escapeData(Text.plain(Text.shorten(message, MAX_MESSAGE_CODE_POINTS)));
    }

    private static String deltaPercent(MetricComparison m) {
        return Cells.percentChangeOf(m);
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Workflow-command escaping of a message: {@code %} as %25, CR as %0D, LF as %0A. */
    public static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Workflow-command escaping of a property value: as {@link #escapeData}, and {@code :} as %3A, {@code ,} as %2C. */
    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
