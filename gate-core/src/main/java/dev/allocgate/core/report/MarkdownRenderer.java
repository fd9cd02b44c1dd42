package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;

import java.util.Comparator;
import java.util.List;

/** report.md: a summary line, the failing benchmarks first, then every other benchmark. */
public final class MarkdownRenderer {

    public String render(GateReport report) {
        StringBuilder md = new StringBuilder();
        md.append("## allocgate: ").append(report.passed() ? "✅ " : "❌ ").append(Text.markdownCell(Summaries.oneLine(report))).append("\n\n");
        List<BenchmarkKey> keys = report.benchmarks().stream().map(BenchmarkComparison::key).toList();
        String prefix = Cells.commonPackagePrefix(keys);
        if (!prefix.isEmpty()) {
            md.append("Package `").append(prefix.substring(0, prefix.length() - 1).replace("`", "")).append("`. ");
        }
        md.append("Bytes allocated per operation (B/op), baseline from ").append(Text.markdownCell(report.baselineSource())).append(".\n\n");
        List<BenchmarkComparison> rows = report.benchmarks().stream()
                .sorted(Comparator.comparing((BenchmarkComparison b) -> !report.settings().fails(b.verdict()))
                        .thenComparing(b -> b.verdict().ordinal())
                        .thenComparing(BenchmarkComparison::key))
                .toList();
        md.append("| benchmark | params | baseline B/op | current B/op | delta | p | verdict |\n");
        md.append("|---|---|--:|--:|--:|--:|---|\n");
        for (BenchmarkComparison b : rows) {
            MetricComparison m = b.metric(Metric.BYTES_PER_OP);
            md.append("| ").append(Text.markdownCell(Cells.name(b.key(), prefix)))
                    .append(" | ").append(Text.markdownCell(Cells.params(b.key())))
                    .append(" | ").append(Cells.value(m == null ? null : m.baseline()))
                    .append(" | ").append(Cells.value(m == null ? null : m.current()))
                    .append(" | ").append(Text.markdownCell(Cells.delta(m)))
                    .append(" | ").append(Cells.p(m))
                    .append(" | ").append(report.settings().fails(b.verdict()) ? "**" + b.verdict() + "**" : b.verdict().name());
            String note = !b.note().isEmpty() ? b.note() : m != null ? m.note() : "";
            if (!note.isEmpty()) {
                md.append(" ").append(Text.markdownCell(note));
            }
            md.append(" |\n");
        }
        if (!report.warnings().isEmpty()) {
            md.append("\n**Warnings**\n\n");
            for (String w : report.warnings()) {
                md.append("- ").append(Text.markdownCell(w)).append('\n');
            }
        }
        md.append("\n`~` means within the threshold (max(")
                .append(Cells.number(report.settings().threshold(Metric.BYTES_PER_OP).relativePercent())).append(" %, ")
                .append(Cells.number(report.settings().threshold(Metric.BYTES_PER_OP).absolute())).append(" B/op)); ")
                .append("`exact` means fork values were constant and compared directly; otherwise p is a one-sided ")
                .append("Mann-Whitney U test, Holm-corrected, at alpha ").append(report.settings().alpha()).append(".\n");
        if (!report.passed()) {
            md.append("\nIf an increase is intended, update the baselines with `mvn allocgate:record` and commit them.\n");
        }
        return md.toString();
    }
}
