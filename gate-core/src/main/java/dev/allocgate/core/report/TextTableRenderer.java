package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;

import java.util.ArrayList;
import java.util.List;

/** The benchstat-like console table: one row per benchmark, bytes per op, aligned columns. */
public final class TextTableRenderer {

    private static final String[] HEADER = {"benchmark", "params", "baseline B/op", "current B/op", "delta", "p", "verdict"};

    /** Lines of the table, then notes for rows that need them, then one summary line. */
    public List<String> render(GateReport report) {
        List<BenchmarkKey> keys = report.benchmarks().stream().map(BenchmarkComparison::key).toList();
        String prefix = Cells.commonPackagePrefix(keys);
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        List<String> notes = new ArrayList<>();
        for (BenchmarkComparison b : report.benchmarks()) {
            MetricComparison m = b.metric(Metric.BYTES_PER_OP);
            rows.add(new String[] {
                    Text.plain(Cells.name(b.key(), prefix)),
                    Text.plain(Cells.params(b.key())),
                    Cells.value(m == null ? null : m.baseline()),
                    Cells.value(m == null ? null : m.current()),
                    Cells.delta(m),
                    Cells.p(m),
                    Cells.verdict(b)});
            String note = !b.note().isEmpty() ? b.note() : m != null ? m.note() : "";
            if (!note.isEmpty() && b.verdict() != dev.allocgate.core.gate.Verdict.NEW) {
                notes.add("  " + Text.plain(Cells.name(b.key(), prefix)) + (b.key().params().isEmpty() ? "" : " (" + Text.plain(b.key().paramsLabel()) + ")") + ": " + Text.plain(note));
            }
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        if (!prefix.isEmpty()) {
            lines.add("package: " + Text.plain(prefix.substring(0, prefix.length() - 1)));
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i >= 2 && i <= 5;
                String cell = numeric ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
                line.append(cell);
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.addAll(notes);
        lines.add(Summaries.oneLine(report));
        return lines;
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
