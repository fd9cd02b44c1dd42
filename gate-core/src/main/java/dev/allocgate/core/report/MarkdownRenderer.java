package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.EnvironmentKey;
import dev.allocgate.core.model.Metric;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * report.md, fit for a pull-request comment: a summary line with the verdict icon; tables of
 * regressions, improvements, inconclusive, new, missing and failed or not compared benchmarks, in
 * that order; the unchanged ones folded in a {@code <details>} block; warnings; settings (and the
 * environment when given); how to update the baselines.
 *
 * <p>Every name, parameter, note and path is escaped with {@link Text#markdownCell} (no HTML, no
 * mentions, no issue links, no control or bidi characters); names longer than
 * {@value #MAX_NAME_CODE_POINTS} code points are shortened with "…" (the full names are in
 * report.json and report.html). The output never exceeds {@link MarkdownOptions#maxChars()}.
 */
public final class MarkdownRenderer implements ReportFormat {
    public static final String FILE_NAME = "report.md";

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public int relativeSize() {
        return 1;
    }

    /** The whole report, uncapped, with the environment when given. */
    @Override
    public void write(GateReport report, Environment environment, Writer out) throws IOException {
        render(report, MarkdownOptions.unlimited().withEnvironment(environment), out);
    }

    static final int MAX_NAME_CODE_POINTS = 150;
    static final int MAX_NOTE_CODE_POINTS = 300;
    /** Undecided benchmarks named in the quote at the top; the rest are counted. */
    static final int MAX_UNDECIDED_LISTED = 10;
    private static final int MAX_PATH_CODE_POINTS = 120;

    /** The whole report without a cap and without environment: the report.md artifact. */
    public String render(GateReport report) {
        return render(report, MarkdownOptions.unlimited());
    }

    /** The report under the options' cap, with the environment when the options carry one. */
    public String render(GateReport report, MarkdownOptions options) {
        Document doc = document(report, options);
        String full = doc.head + doc.sections.stream().map(Block::full).collect(Collectors.joining()) + doc.tail;
        if (full.length() <= options.maxChars()) {
            return full;
        }
        return capped(doc, options.maxChars());
    }

    /**
     * Writes the whole report under options without a cap (report.md, with the environment when the options
     * carry one) to {@code out}, which is not closed: the text {@link #render(GateReport, MarkdownOptions)} gives,
     * a piece at a time rather than as one string of megabytes.
     *
     * @throws IllegalArgumentException when the options set a cap (a capped report is cut as a whole)
     */
    public void render(GateReport report, MarkdownOptions options, Writer out) throws IOException {
        if (options.maxChars() != Integer.MAX_VALUE) {
            throw new IllegalArgumentException("only an uncapped report is streamed, the cap is " + options.maxChars());
        }
        Document doc = document(report, options);
        out.write(doc.head);
        for (Block section : doc.sections) {
            out.write(section.open);
            for (String row : section.rows) {
                out.write(row);
            }
            out.write(section.close);
        }
        out.write(doc.tail);
    }

    /** Cuts rows at a row boundary, keeping sections in order, so that everything fits under the cap. */
    private static String capped(Document doc, int cap) {
        int totalRows = doc.sections.stream().mapToInt(b -> b.rows.size()).sum();
        int trailerReserve = trailer(totalRows).length();
        String tail = doc.head.length() + doc.shortTail.length() + trailerReserve <= cap ? doc.shortTail : "";
        if (doc.head.length() + tail.length() + trailerReserve > cap) {
            // Only reachable with a very long baseline path: the title line alone is short by construction.
            return doc.title + trailer(totalRows);
        }
        int budget = cap - doc.head.length() - tail.length() - trailerReserve;
        StringBuilder body = new StringBuilder();
        int shown = 0;
        outer:
        for (Block section : doc.sections) {
            StringBuilder part = new StringBuilder();
            for (String row : section.rows) {
                int cost = row.length() + (part.isEmpty() ? section.open.length() + section.close.length() : 0);
                if (cost > budget) {
                    if (!part.isEmpty()) {
                        body.append(section.open).append(part).append(section.close);
                    }
                    break outer;
                }
                budget -= cost;
                part.append(row);
                shown++;
            }
            body.append(section.open).append(part).append(section.close);
        }
        return doc.head + body + trailer(totalRows - shown) + tail;
    }

    private static String trailer(int hiddenRows) {
        return "\n_" + hiddenRows + (hiddenRows == 1 ? " more row" : " more rows") + " in the report artifact._\n";
    }

    /** A section: its opening (heading and table header), its rows, and what closes it. */
    private record Block(String open, List<String> rows, String close) {
        String full() {
            return open + String.join("", rows) + close;
        }
    }

    private record Document(String title, String head, List<Block> sections, String tail, String shortTail) {
    }

    private Document document(GateReport report, MarkdownOptions options) {
        List<BenchmarkKey> keys = report.benchmarks().stream().map(BenchmarkComparison::key).toList();
        String prefix = Cells.commonPackagePrefix(keys);
        List<Metric> metrics = Cells.tableMetrics(report);

        List<Summaries.Undecided> undecided = Summaries.undecided(report);
        String title = "## " + (!report.passed() ? "❌" : undecided.isEmpty() ? "✅" : "⚠️") + " allocgate: "
                + Summaries.verdictWord(report) + " — " + Summaries.headline(report) + "\n\n";
        StringBuilder head = new StringBuilder(title);
        head.append(metrics.stream().map(m -> m.label() + " (" + m.unit() + ")").collect(Collectors.joining(", ")))
                .append(", baseline from ").append(Text.markdownCell(Text.shorten(report.baselineSource(), MAX_PATH_CODE_POINTS)));
        if (!prefix.isEmpty()) {
            head.append("; package ").append(Text.markdownCell(Text.shorten(prefix.substring(0, prefix.length() - 1), MAX_NAME_CODE_POINTS)));
        }
        head.append('.');
        String zeros = Cells.zeroFootnote(report, metrics);
        if (!zeros.isEmpty()) {
            head.append(' ').append(Character.toUpperCase(zeros.charAt(0))).append(zeros, 1, zeros.length()).append('.');
        }
        head.append('\n');
        undecided(head, undecided, prefix);

        List<Block> sections = new ArrayList<>();
        for (Map.Entry<Section, List<BenchmarkComparison>> e : Section.group(report).entrySet()) {
            sections.add(section(report, e.getKey(), e.getValue(), prefix, metrics));
        }

        StringBuilder tail = new StringBuilder();
        if (!report.warnings().isEmpty()) {
            tail.append("\n**Warnings**\n\n");
            for (String w : report.warnings()) {
                tail.append("- ").append(Text.markdownCell(Text.shorten(w, MAX_NOTE_CODE_POINTS))).append('\n');
            }
        }
        tail.append(ExplanationSection.markdown(report));
        tail.append(policy(report, prefix));
        tail.append(settings(report, options, metrics));
        String howTo = howToUpdate(report, options.environment());
        tail.append(howTo);
        return new Document(title, head.toString(), sections, tail.toString(), howTo);
    }

    /**
     * The undecided benchmarks as a quote right under the summary, so a PR comment shows them even when it is cut
     * or the tables are folded; at most {@value #MAX_UNDECIDED_LISTED} by name.
     */
    private static void undecided(StringBuilder head, List<Summaries.Undecided> undecided, String prefix) {
        if (undecided.isEmpty()) {
            return;
        }
        head.append("\n> ⚠️ **Undecided (").append(undecided.size()).append(")**: ")
                .append(Text.markdownCell(Summaries.UNDECIDED_EXPLANATION)).append(".\n");
        for (Summaries.Undecided u : undecided.subList(0, Math.min(undecided.size(), MAX_UNDECIDED_LISTED))) {
            BenchmarkComparison b = u.benchmark();
            head.append("> - **").append(Text.markdownCell(Text.shorten(Cells.name(b.key(), prefix), MAX_NAME_CODE_POINTS)))
                    .append("**");
            if (!b.key().params().isEmpty()) {
                head.append(" (").append(Text.markdownCell(Text.shorten(b.key().paramsLabel(), MAX_NAME_CODE_POINTS))).append(')');
            }
            head.append(' ').append(b.verdict().name()).append(": ")
                    .append(Text.markdownCell(Text.shorten(u.reason(), MAX_NOTE_CODE_POINTS))).append('\n');
        }
        if (undecided.size() > MAX_UNDECIDED_LISTED) {
            head.append("> - and ").append(undecided.size() - MAX_UNDECIDED_LISTED).append(" more, in the tables below\n");
        }
    }

    private static Block section(GateReport report, Section section, List<BenchmarkComparison> rows, String prefix, List<Metric> metrics) {
        boolean fails = rows.stream().anyMatch(report.settings()::fails);
        String heading = section.title + " (" + rows.size() + ")";
        List<String> header = new ArrayList<>(List.of("benchmark", "params"));
        List<String> align = new ArrayList<>(List.of("---", "---"));
        switch (section) {
            case NEW -> metrics.forEach(m -> {
                header.add("current " + m.unit());
                align.add("--:");
            });
            case MISSING -> {
                metrics.forEach(m -> {
                    header.add("baseline " + m.unit());
                    align.add("--:");
                });
                header.add("note");
                align.add("---");
            }
            case NOT_COMPARED -> {
                header.addAll(List.of("verdict", "reason"));
                align.addAll(List.of("---", "---"));
            }
            default -> {
                for (Metric m : metrics) {
                    header.addAll(List.of("baseline " + m.unit(), "current " + m.unit(), "delta", "p"));
                    align.addAll(List.of("--:", "--:", "--:", "--:"));
                }
                header.add("note");
                align.add("---");
            }
        }
        String table = "| " + String.join(" | ", header) + " |\n|" + String.join("|", align) + "|\n";
        List<String> lines = new ArrayList<>();
        for (BenchmarkComparison b : rows) {
            lines.add(row(b, section, prefix, metrics));
        }
        if (section == Section.UNCHANGED) {
            return new Block("\n<details><summary>" + heading + "</summary>\n\n" + table, lines, "\n</details>\n");
        }
        String mark = fails ? "❌ " : section == Section.INCONCLUSIVE ? "⚠️ " : "";
        String open = "\n### " + mark + heading + (fails ? ", failing the gate" : section == Section.INCONCLUSIVE ? ", undecided" : "")
                + "\n\n" + table;
        return new Block(open, lines, "");
    }

    private static String row(BenchmarkComparison b, Section section, String prefix, List<Metric> metrics) {
        List<String> cells = new ArrayList<>();
        cells.add(Text.markdownCell(Text.shorten(Cells.name(b.key(), prefix), MAX_NAME_CODE_POINTS)));
        cells.add(Text.markdownCell(Text.shorten(Cells.params(b.key()), MAX_NAME_CODE_POINTS)));
        String note = Text.markdownCell(Text.shorten(Cells.note(b), MAX_NOTE_CODE_POINTS));
        switch (section) {
            case NEW -> metrics.forEach(m -> cells.add(Cells.value(m, current(b.metric(m)))));
            case MISSING -> {
                metrics.forEach(m -> cells.add(Cells.value(m, baseline(b.metric(m)))));
                cells.add(note);
            }
            case NOT_COMPARED -> {
                cells.add(b.verdict().name());
                cells.add(note);
            }
            default -> {
                for (Metric metric : metrics) {
                    MetricComparison m = b.metric(metric);
                    cells.add(Cells.value(metric, baseline(m)));
                    cells.add(Cells.value(metric, current(m)));
                    String delta = Text.markdownCell(Cells.delta(m));
                    cells.add(m != null && m.gated() && m.verdict() == Verdict.REGRESSED ? "**" + delta + "**" : delta);
                    cells.add(Cells.p(m));
                }
                cells.add(note);
            }
        }
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** Which rule or budget each benchmark was judged by; the others by the run's settings. */
    private static String policy(GateReport report, String prefix) {
        List<BenchmarkComparison> own = report.benchmarks().stream().filter(b -> !b.policy().isDefault()).toList();
        if (own.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n<details><summary>Policy (").append(own.size())
                .append(own.size() == 1 ? " benchmark" : " benchmarks").append(" with a rule or budget; the others: the run's settings)</summary>\n\n")
                .append("| benchmark | params | policy |\n|---|---|---|\n");
        for (BenchmarkComparison b : own) {
            md.append("| ").append(Text.markdownCell(Text.shorten(Cells.name(b.key(), prefix), MAX_NAME_CODE_POINTS)))
                    .append(" | ").append(Text.markdownCell(Text.shorten(Cells.params(b.key()), MAX_NAME_CODE_POINTS)))
                    .append(" | ").append(Text.markdownCell(Text.shorten(b.policy().describe(), MAX_NOTE_CODE_POINTS))).append(" |\n");
        }
        return md.append("\n</details>\n").toString();
    }

    private static String settings(GateReport report, MarkdownOptions options, List<Metric> metrics) {
        StringBuilder md = new StringBuilder("\n<details><summary>Settings")
                .append(options.environment() == null ? "" : " and environment").append("</summary>\n\n")
                .append("| setting | value |\n|---|---|\n")
                .append("| baseline | ").append(Text.markdownCell(Text.shorten(report.baselineSource(), MAX_PATH_CODE_POINTS))).append(" |\n");
        for (Metric m : metrics) {
            md.append("| ").append(m.key()).append(" | ").append(Text.markdownCell(Cells.judged(report, m))).append(" |\n");
        }
        md.append("| significance | alpha ").append(report.settings().alpha())
                .append(", one-sided Mann-Whitney U, Holm-corrected; compared directly when fork values are constant |\n")
                .append("| on environment mismatch | ").append(report.settings().environmentPolicy()).append(" |\n")
                .append("| fails the gate | ").append(java.util.Arrays.stream(Verdict.values()).filter(report.settings()::fails)
                        .map(Verdict::name).collect(Collectors.joining(", "))).append(" |\n");
        if (options.environment() != null) {
            for (Map.Entry<String, String> e : Cells.environment(options.environment())) {
                md.append("| ").append(e.getKey()).append(" | ").append(Text.markdownCell(Text.shorten(e.getValue(), MAX_NOTE_CODE_POINTS))).append(" |\n");
            }
        }
        md.append("\n`~` means within the threshold; `exact` means the fork values were constant and compared directly; ")
                .append("otherwise p is the Holm-corrected one-sided p-value.\n\n</details>\n");
        return md.toString();
    }

    private static String howToUpdate(GateReport report, Environment environment) {
        if (report.baselineMeasured()) {
            return "\n**The baseline side** is " + Text.markdownCell(Text.shorten(report.baselineSource(),
                    MAX_PATH_CODE_POINTS)) + " (`-Dallocgate.against`): there are no baseline files to update. An"
                    + " intended increase is for the review to accept; a lasting one may need a rule's threshold or an"
                    + " `@AllocationBudget`.\n";
        }
        String where = environment == null ? "" : " with the JDK and JVM flags of this run (environment `"
                + EnvironmentKey.of(environment).directoryName() + "`), on your machine or with the recording job in CI"
                + " (allocgate's README, \"Recording in CI\"),";
        return "\n**Updating the baselines.** If a change is intended, run `" + report.settings().commands().record() + "`" + where + " and commit"
                + " the changed baseline files (" + Text.markdownCell(Text.shorten(report.baselineSource(), MAX_PATH_CODE_POINTS))
                + "). The same command drops benchmarks that were removed or renamed on purpose.\n";
    }

    private static dev.allocgate.core.stats.Summary baseline(MetricComparison m) {
        return m == null ? null : m.baseline();
    }

    private static dev.allocgate.core.stats.Summary current(MetricComparison m) {
        return m == null ? null : m.current();
    }
}
