package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchstat-like console table: one row per benchmark, aligned columns. Bytes per operation
 * always has a column group (baseline, current, delta, p); every other per-operation or gated
 * metric gets one only when some benchmark of the report has it (see {@link Cells#tableMetrics}).
 * Names are escaped with {@link Text#plain}, so a name cannot break a line or reorder the display.
 */
public final class TextTableRenderer {

    static final String RED = "\u001B[31m";
    static final String GREEN = "\u001B[32m";
    static final String YELLOW = "\u001B[33m";
    static final String BOLD = "\u001B[1m";
    static final String RESET = "\u001B[0m";

    /**
     * Lines of the table, then notes for rows that need them, then the undecided benchmarks and why, then the verdict
     * counts, e.g.
     * {@code FAIL: 6 benchmarks (1 regressed, 1 unchanged, ...)}; no colour.
     */
    public List<String> render(GateReport report) {
        List<String> lines = table(report, false);
        lines.add(Summaries.oneLine(report));
        return lines;
    }

    /**
     * Lines of the table, then notes, then the one-line summary in the form
     * {@code FAIL: 2 of 14 benchmarks regressed, 1 missing; see target/allocgate/report.md}.
     *
     * @param reportPath where the reader finds the details (printed as given); null or empty for no hint
     * @param colour     whether to colour verdicts and the summary with ANSI escapes; the caller
     *                   decides whether the terminal supports them
     */
    public List<String> render(GateReport report, String reportPath, boolean colour) {
        List<String> lines = table(report, colour);
        String summary = Summaries.verdictWord(report) + ": " + Summaries.headline(report, reportPath == null ? null : Text.plain(reportPath));
        String summaryColour = !report.passed() ? RED : Summaries.undecided(report).isEmpty() ? GREEN : YELLOW;
        lines.add(colour ? BOLD + summaryColour + summary + RESET : summary);
        return lines;
    }

    private List<String> table(GateReport report, boolean colour) {
        List<BenchmarkKey> keys = report.benchmarks().stream().map(BenchmarkComparison::key).toList();
        String prefix = Cells.commonPackagePrefix(keys);
        List<Metric> metrics = Cells.tableMetrics(report);
        List<String> header = new ArrayList<>(List.of("benchmark", "params"));
        for (Metric metric : metrics) {
            header.addAll(List.of("baseline " + metric.unit(), "current " + metric.unit(), "delta", "p"));
        }
        header.add("verdict");
        int columns = header.size();
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        List<Verdict> rowVerdicts = new ArrayList<>();
        rowVerdicts.add(null);
        List<String> notes = new ArrayList<>();
        List<Summaries.Undecided> undecided = Summaries.undecided(report);
        for (BenchmarkComparison b : report.benchmarks()) {
            List<String> row = new ArrayList<>(List.of(Text.plain(Cells.name(b.key(), prefix)), Text.plain(Cells.params(b.key()))));
            for (Metric metric : metrics) {
                MetricComparison m = b.metric(metric);
                row.addAll(List.of(Cells.value(metric, m == null ? null : m.baseline()), Cells.value(metric, m == null ? null : m.current()),
                        Cells.delta(m), Cells.p(m)));
            }
            row.add(Cells.verdict(b));
            rows.add(row.toArray(String[]::new));
            rowVerdicts.add(report.settings().fails(b) || !report.settings().fails(b.verdict()) ? b.verdict() : Verdict.UNCHANGED);
            String note = Cells.note(b);
            // an INCONCLUSIVE benchmark's note is in the UNDECIDED block below
            if (!note.isEmpty() && b.verdict() != Verdict.NEW && b.verdict() != Verdict.INCONCLUSIVE) {
                notes.add("  " + Text.plain(Cells.name(b.key(), prefix))
                        + (b.key().params().isEmpty() ? "" : " (" + Text.plain(b.key().paramsLabel()) + ")") + ": " + Text.plain(note));
            }
        }
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        List<String> lines = new ArrayList<>();
        if (!prefix.isEmpty()) {
            lines.add("package: " + Text.plain(prefix.substring(0, prefix.length() - 1)));
        }
        int lineLength = 2 * columns + 16; // separators and colour codes
        for (int w : widths) {
            lineLength += w;
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder(lineLength);
            for (int i = 0; i < columns - 1; i++) {
                boolean numeric = i >= 2;
                int padding = widths[i] - width(row[i]);
                if (!numeric) {
                    line.append(row[i]);
                }
                for (int k = 0; k < padding; k++) {
                    line.append(' ');
                }
                if (numeric) {
                    line.append(row[i]);
                }
                line.append("  ");
            }
            String code = colour && rowVerdicts.get(r) != null ? colour(rowVerdicts.get(r), report) : "";
            if (code.isEmpty()) {
                line.append(row[columns - 1]); // the last column needs no padding
            } else {
                line.append(code).append(row[columns - 1]).append(RESET);
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.addAll(notes);
        if (!undecided.isEmpty()) {
            String head = "UNDECIDED (" + undecided.size() + "): " + Summaries.UNDECIDED_EXPLANATION + ":";
            lines.add(colour ? YELLOW + head + RESET : head);
            for (Summaries.Undecided u : undecided) {
                BenchmarkKey key = u.benchmark().key();
                lines.add("  " + Text.plain(Cells.name(key, prefix)) + (key.params().isEmpty() ? "" : " (" + Text.plain(key.paramsLabel()) + ")")
                        + " " + u.benchmark().verdict() + ": " + Text.plain(u.reason()));
            }
        }
        List<BenchmarkComparison> own = report.benchmarks().stream().filter(b -> !b.policy().isDefault()).toList();
        if (!own.isEmpty()) {
            lines.add("Policy (" + own.size() + " with a rule or budget; the others: the run's settings):");
            for (BenchmarkComparison b : own) {
                lines.add("  " + Text.plain(Cells.name(b.key(), prefix)) + (b.key().params().isEmpty() ? ""
                        : " (" + Text.plain(b.key().paramsLabel()) + ")") + ": " + Text.plain(b.policy().describe()));
            }
        }
        String zeros = Cells.zeroFootnote(report, metrics);
        if (!zeros.isEmpty()) {
            lines.add("  " + zeros);
        }
        return lines;
    }

    /** Red for verdicts that fail the gate, green for improvements, yellow for what needs a look. */
    private static String colour(Verdict verdict, GateReport report) {
        if (report.settings().fails(verdict)) {
            return BOLD + RED;
        }
        return switch (verdict) {
            case IMPROVED -> GREEN;
            case UNCHANGED -> "";
            default -> YELLOW;
        };
    }

    /** Display width: code points, so escaped names and non-ASCII text align. */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
