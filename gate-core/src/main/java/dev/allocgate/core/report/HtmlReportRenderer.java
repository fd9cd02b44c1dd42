package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.history.Trends;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.stats.Summary;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page, no script and no external resource (a Content Security
 * Policy forbids both). At the top the verdict, the counts and an overview table; then, regressions
 * first (same order as report.md), one article per benchmark with an inline SVG chart per metric:
 * baseline and current median as bars, the confidence interval of the median as a whisker, and
 * the per-fork values as dots. Unchanged benchmarks are folded in a {@code <details>} block.
 *
 * <p>The page is also well-formed XML (only the five XML entities and numeric references, every
 * element closed), so tests can parse it; all untrusted text goes through {@link Text#markup}.
 */
public final class HtmlReportRenderer implements ReportFormat {
    public static final String FILE_NAME = "report.html";

    private final Trends trends;

    /** The page without trends. */
    public HtmlReportRenderer() {
        this(Trends.NONE);
    }

    /** The page with each benchmark's trend over the history's runs ({@code -Dallocgate.history}). */
    public HtmlReportRenderer(Trends trends) {
        this.trends = trends;
    }

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public int relativeSize() {
        return 4;
    }

    @Override
    public void write(GateReport report, Environment environment, Writer out) throws IOException {
        render(report, environment, out);
    }

    /** Chart geometry, in SVG user units. */
    static final int WIDTH = 720;
    private static final int PLOT_LEFT = 90;
    private static final int PLOT_RIGHT = 500;
    private static final int VALUE_LEFT = 512;
    private static final int HEIGHT = 96;
    private static final int AXIS_Y = 72;

    /** The page without environment details. */
    public String render(GateReport report) {
        return render(report, null);
    }

    /**
     * The page.
     *
     * @param environment the current run's JVM environment, listed with the settings; {@code null} when unknown
     */
    public String render(GateReport report, Environment environment) {
        return Streaming.collect(out -> render(report, environment, out));
    }

    /**
     * Writes the page to {@code out} (not closed) a chunk at a time, so the whole page never has to
     * be in memory.
     *
     * @param environment the current run's JVM environment, listed with the settings; {@code null} when unknown
     */
    public void render(GateReport report, Environment environment, Writer out) throws IOException {
        Trends trends = this.trends;
        List<BenchmarkKey> keys = report.benchmarks().stream().map(BenchmarkComparison::key).toList();
        String prefix = Cells.commonPackagePrefix(keys);
        List<Metric> metrics = Cells.tableMetrics(report);
        String verdict = Summaries.verdictWord(report);
        List<Summaries.Undecided> undecided = Summaries.undecided(report);
        String headline = Summaries.headline(report);

        StringBuilder h = new StringBuilder(2 * Streaming.CHUNK);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>allocgate: ").append(verdict).append(" — ").append(Text.markup(headline)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header class=\"summary ").append(report.passed() ? "pass" : "fail").append(undecided.isEmpty() ? "" : " undecided")
                .append("\">\n")
                .append("<h1>").append(report.passed() ? ICON_PASS : ICON_FAIL).append(" allocgate: ").append(verdict).append("</h1>\n")
                .append("<p class=\"headline\">").append(Text.markup(headline)).append("</p>\n<ul class=\"counts\">");
        report.counts().forEach((v, n) -> h.append("<li class=\"badge ").append(cssClass(v)).append("\">").append(n).append(' ')
                .append(Summaries.word(v)).append("</li>"));
        h.append("</ul>\n<p class=\"meta\">Baseline: <code>").append(Text.markup(report.baselineSource())).append("</code>");
        if (!prefix.isEmpty()) {
            h.append(" · package <code>").append(Text.markup(prefix.substring(0, prefix.length() - 1))).append("</code>");
        }
        String zeros = Cells.zeroFootnote(report, metrics);
        if (!zeros.isEmpty()) {
            h.append(" · ").append(Text.markup(zeros));
        }
        h.append("</p>\n");
        if (!undecided.isEmpty()) {
            h.append("<div class=\"undecided\" role=\"alert\"><p><strong>Undecided (").append(undecided.size())
                    .append(")</strong>: ").append(Text.markup(Summaries.UNDECIDED_EXPLANATION)).append(".</p>\n<ul>");
            for (Summaries.Undecided u : undecided) {
                BenchmarkComparison b = u.benchmark();
                h.append("<li><strong>").append(Text.markup(Cells.name(b.key(), prefix))).append("</strong>");
                if (!b.key().params().isEmpty()) {
                    h.append(" (").append(Text.markup(b.key().paramsLabel())).append(')');
                }
                h.append(' ').append(b.verdict().name()).append(": ").append(Text.markup(u.reason())).append("</li>");
                Streaming.spillIfFull(h, out);
            }
            h.append("</ul></div>\n");
        }
        if (!report.warnings().isEmpty()) {
            h.append("<ul class=\"warnings\">");
            report.warnings().forEach(w -> h.append("<li>").append(Text.markup(w)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append(ExplanationSection.html(report));
        h.append("</header>\n<main>\n");

        overview(h, out, report, prefix, metrics);

        int id = 0;
        for (Map.Entry<Section, List<BenchmarkComparison>> e : Section.group(report).entrySet()) {
            Section section = e.getKey();
            boolean folded = section == Section.UNCHANGED;
            String title = section.title + " (" + e.getValue().size() + ")";
            h.append(folded ? "<details class=\"group\"><summary>" + title + "</summary>\n"
                    : "<h2 class=\"group\">" + title + "</h2>\n");
            for (BenchmarkComparison b : e.getValue()) {
                article(h, report, b, "b" + id++, prefix, metrics, trends);
                Streaming.spillIfFull(h, out);
            }
            if (folded) {
                h.append("</details>\n");
            }
        }
        h.append("</main>\n");
        footer(h, report, environment, metrics);
        h.append("</body>\n</html>\n");
        Streaming.spill(h, out);
    }

    private static void overview(StringBuilder h, Writer out, GateReport report, String prefix, List<Metric> metrics)
            throws IOException {
        h.append("<table class=\"overview\">\n<thead><tr><th>benchmark</th><th>params</th><th>verdict</th>");
        for (Metric m : metrics) {
            h.append("<th>").append(Text.markup(m.unit())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int id = 0;
        for (BenchmarkComparison b : Section.ordered(report)) {
            h.append("<tr><td><a href=\"#b").append(id++).append("\">").append(Text.markup(Cells.name(b.key(), prefix)))
                    .append("</a></td><td>").append(Text.markup(Cells.params(b.key()))).append("</td><td><span class=\"badge ")
                    .append(cssClass(b.verdict())).append("\">").append(b.verdict()).append("</span></td>");
            for (Metric metric : metrics) {
                MetricComparison m = b.metric(metric);
                String delta = Cells.delta(m);
                h.append("<td class=\"num\">").append(m == null ? "-" : Text.markup(Cells.value(metric, m.baseline()) + " → "
                        + Cells.value(metric, m.current()) + (delta.equals("-") ? "" : ", " + delta))).append("</td>");
            }
            h.append("</tr>\n");
            Streaming.spillIfFull(h, out);
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void article(StringBuilder h, GateReport report, BenchmarkComparison b, String id, String prefix, List<Metric> metrics,
                                Trends trends) {
        h.append("<article class=\"bench ").append(cssClass(b.verdict())).append("\" id=\"").append(id)
                .append("\" data-verdict=\"").append(b.verdict()).append("\">\n<h3><span class=\"badge ")
                .append(cssClass(b.verdict())).append("\">").append(b.verdict()).append("</span> <span class=\"name\" title=\"")
                .append(Text.markup(b.key().benchmark())).append("\">").append(Text.markup(Cells.name(b.key(), prefix)))
                .append("</span></h3>\n<p class=\"params\">mode ").append(Text.markup(b.key().mode()));
        if (!b.key().params().isEmpty()) {
            h.append(" · ").append(Text.markup(b.key().paramsLabel()));
        }
        if (report.settings().fails(b)) {
            h.append(" · <strong>fails the gate</strong>");
        }
        h.append(" · policy: ").append(Text.markup(b.policy().describe()));
        h.append("</p>\n");
        String note = Cells.note(b);
        if (!note.isEmpty()) {
            h.append("<p class=\"note\">").append(Text.markup(note)).append("</p>\n");
        }
        for (Metric metric : metrics) {
            MetricComparison m = b.metric(metric);
            if (m != null) {
                chart(h, m);
            }
        }
        TrendChart.html(h, trends, trends.of(b.key()));
        h.append("</article>\n");
    }

    /** One metric: a caption with the numbers, then the SVG with two rows (baseline, current) and an axis. */
    private static void chart(StringBuilder h, MetricComparison m) {
        String unit = m.metric().unit();
        StringBuilder caption = new StringBuilder(128).append(m.metric().key()).append(" (").append(unit).append("): ")
                .append(Cells.value(m.metric(), m.baseline())).append(" → ").append(Cells.value(m.metric(), m.current()));
        String delta = Cells.delta(m);
        if (!delta.equals("-")) {
            caption.append(", ").append(delta).append(", p ").append(Cells.p(m));
        }
        caption.append(m.gated() ? ", gated" : ", informational").append(", ").append(Summaries.word(m.verdict()));
        String captionMarkup = Text.markup(caption.toString());
        h.append("<figure class=\"metric\">\n<figcaption>").append(captionMarkup).append("</figcaption>\n");

        double max = m.metric().noiseFloor(); // values below it read 0: their bars stay short
        for (Summary s : new Summary[] {m.baseline(), m.current()}) {
            if (s != null) {
                max = Math.max(max, Math.max(s.hi(), s.center()));
            }
        }
        for (Sample s : new Sample[] {m.baselineSample(), m.currentSample()}) {
            if (s != null) {
                max = Math.max(max, s.max());
            }
        }
        double step = niceStep(max > 0 ? max / 4 : 0.25);
        double axisMax = Math.max(step, Math.ceil(max / step - 1e-9) * step);

        h.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\">\n<title>").append(captionMarkup).append("</title>\n");
        row(h, m.metric(), "baseline", "bar base", m.baseline(), m.baselineSample(), 22, axisMax, "no baseline");
        String currentClass = m.verdict() == Verdict.REGRESSED ? "bar cur regressed"
                : m.verdict() == Verdict.IMPROVED ? "bar cur improved" : "bar cur";
        row(h, m.metric(), "current", currentClass, m.current(), m.currentSample(), 50, axisMax, "not measured");
        h.append("<line class=\"axis\" x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"")
                .append(PLOT_RIGHT).append("\" y2=\"").append(AXIS_Y).append("\"/>\n");
        for (double t = 0; t <= axisMax + step / 2; t += step) {
            String x = fmt(x(t, axisMax));
            h.append("<line class=\"tick\" x1=\"").append(x).append("\" y1=\"").append(AXIS_Y).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(AXIS_Y + 4).append("\"/><text class=\"tick\" x=\"").append(x).append("\" y=\"")
                    .append(AXIS_Y + 16).append("\" text-anchor=\"middle\">");
            Cells.appendNumber(h, t).append("</text>\n");
        }
        h.append("<text class=\"unit\" x=\"").append(PLOT_RIGHT + 26).append("\" y=\"").append(AXIS_Y + 16).append("\">")
                .append(Text.markup(unit)).append("</text>\n</svg>\n</figure>\n");
    }

    private static void row(StringBuilder h, Metric metric, String label, String barClass, Summary s, Sample sample, int cy, double axisMax, String absent) {
        h.append("<text class=\"label\" x=\"").append(PLOT_LEFT - 8).append("\" y=\"").append(cy + 4)
                .append("\" text-anchor=\"end\">").append(label).append("</text>\n");
        if (s == null) {
            h.append("<text class=\"absent\" x=\"").append(PLOT_LEFT + 4).append("\" y=\"").append(cy + 4).append("\">")
                    .append(absent).append("</text>\n");
            return;
        }
        double width = Math.max(1, x(s.center(), axisMax) - PLOT_LEFT);
        h.append("<rect class=\"").append(barClass).append("\" x=\"").append(PLOT_LEFT).append("\" y=\"").append(cy - 9)
                .append("\" width=\"");
        appendFmt(h, width).append("\" height=\"18\"><title>median ");
        Cells.appendNumber(h, metric, s.center()).append("</title></rect>\n");
        String lo = fmt(x(s.lo(), axisMax));
        String hi = fmt(x(s.hi(), axisMax));
        Cells.appendNumber(h.append("<g class=\"ci\"><title>confidence interval of the median: "), metric, s.lo()).append(" to ");
        Cells.appendNumber(h, metric, s.hi()).append("</title>")
                .append("<line x1=\"").append(lo).append("\" y1=\"").append(cy).append("\" x2=\"").append(hi).append("\" y2=\"").append(cy).append("\"/>")
                .append("<line x1=\"").append(lo).append("\" y1=\"").append(cy - 6).append("\" x2=\"").append(lo).append("\" y2=\"").append(cy + 6).append("\"/>")
                .append("<line x1=\"").append(hi).append("\" y1=\"").append(cy - 6).append("\" x2=\"").append(hi).append("\" y2=\"").append(cy + 6).append("\"/>")
                .append("</g>\n");
        if (sample != null) {
            double[] values = sample.values();
            for (int i = 0; i < values.length; i++) {
                // Deterministic vertical jitter so that equal fork values stay distinguishable.
                int jitter = (i % 5 - 2) * 2;
                appendFmt(h.append("<circle class=\"dot\" cx=\""), x(values[i], axisMax)).append("\" cy=\"").append(cy + jitter)
                        .append("\" r=\"3.5\"><title>fork ").append(i + 1).append(": ");
                Cells.appendNumber(h, metric, values[i]).append("</title></circle>\n");
            }
        }
        h.append("<text class=\"value\" x=\"").append(VALUE_LEFT).append("\" y=\"").append(cy + 4).append("\">");
        Cells.appendNumber(h, metric, s.center()).append(" [");
        Cells.appendNumber(h, metric, s.lo()).append(", ");
        Cells.appendNumber(h, metric, s.hi()).append("]</text>\n");
    }

    private static void footer(StringBuilder h, GateReport report, Environment environment, List<Metric> metrics) {
        h.append("<footer>\n<p class=\"legend\">Bars: median of the per-fork values. Whiskers: distribution-free ")
                .append("confidence interval of the median (order statistics; the whole range when there are too few forks). ")
                .append("Dots: one per fork. <code>~</code> means within the threshold; <code>exact</code> means the fork values ")
                .append("were constant and compared directly.</p>\n<table class=\"settings\">\n<tbody>\n");
        setting(h, "baseline", report.baselineSource());
        for (Metric m : metrics) {
            setting(h, m.key(), Cells.judged(report, m));
        }
        setting(h, "significance", "alpha " + report.settings().alpha() + ", one-sided Mann-Whitney U, Holm-corrected");
        setting(h, "on environment mismatch", report.settings().environmentPolicy().name());
        if (environment != null) {
            for (Map.Entry<String, String> e : Cells.environment(environment)) {
                setting(h, e.getKey(), e.getValue());
            }
        }
        if (report.baselineMeasured()) {
            h.append("</tbody>\n</table>\n<p class=\"howto\">The baseline side is <code>")
                    .append(Text.markup(report.baselineSource())).append("</code> (<code>-Dallocgate.against</code>):"
                            + " there are no baseline files to update.</p>\n</footer>\n");
            return;
        }
        h.append("</tbody>\n</table>\n<p class=\"howto\">If a change is intended, run <code>")
                .append(Text.markup(report.settings().commands().record())).append("</code> and commit ")
                .append("the changed baseline files (<code>").append(Text.markup(report.baselineSource()))
                .append("</code>). The same command drops benchmarks that were removed or renamed on purpose.</p>\n</footer>\n");
    }

    private static void setting(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Text.markup(name)).append("</th><td>").append(Text.markup(value)).append("</td></tr>\n");
    }

    private static double x(double value, double axisMax) {
        return PLOT_LEFT + Math.max(0, Math.min(1, value / axisMax)) * (PLOT_RIGHT - PLOT_LEFT);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / pow;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
    }

    private static String fmt(double v) {
        return DecimalText.fixed(v, 1);
    }

    private static StringBuilder appendFmt(StringBuilder h, double v) {
        return DecimalText.appendFixed(h, v, 1, false);
    }

    static String cssClass(Verdict v) {
        return "v-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Verdict icons drawn inline: emoji fonts are not everywhere (headless Chromium on a server has none). */
    private static final String ICON_FAIL = "<svg class=\"icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"22\" height=\"22\" "
            + "viewBox=\"0 0 22 22\" aria-label=\"failed\"><circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#cf222e\"/>"
            + "<path d=\"M7 7L15 15M15 7L7 15\" stroke=\"#ffffff\" stroke-width=\"2.5\" stroke-linecap=\"round\"/></svg>";
    private static final String ICON_PASS = "<svg class=\"icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"22\" height=\"22\" "
            + "viewBox=\"0 0 22 22\" aria-label=\"passed\"><circle cx=\"11\" cy=\"11\" r=\"10\" fill=\"#1a7f37\"/>"
            + "<path d=\"M6 11.5L9.5 15L16 8\" stroke=\"#ffffff\" stroke-width=\"2.5\" fill=\"none\" stroke-linecap=\"round\"/></svg>";

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1100px;padding:16px 24px}
            h1{font-size:24px;margin:0 0 4px}h2.group{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
            h3{font-size:15px;margin:0 0 2px}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
            .summary{padding:12px 16px;border-radius:8px;margin-bottom:16px}.summary.fail{background:#ffebe9;border:1px solid #ff8182}
            .summary.pass{background:#dafbe1;border:1px solid #4ac26b}.headline{font-size:16px;margin:4px 0}
            .summary.pass.undecided{background:#fff8c5;border-color:#d4a72c}
            .undecided{background:#fff8c5;border:1px solid #d4a72c;border-left:5px solid #d4a72c;border-radius:6px;padding:6px 12px;margin:8px 0;color:#7d4e00}
            .undecided p,.undecided ul{margin:2px 0}.undecided li{overflow-wrap:anywhere}
            .counts{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:6px}.meta{margin:4px 0;color:#59636e}
            .warnings{color:#9a6700}
            h1 svg.icon{vertical-align:-3px}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#eaeef2;color:#1f2328}
            .badge.v-regressed,.badge.v-failed,.badge.v-missing,.badge.v-environment-mismatch{background:#ffcecb;color:#82071e}
            .badge.v-improved{background:#aceebb;color:#116329}.badge.v-inconclusive,.badge.v-new{background:#fff8c5;color:#7d4e00}
            article.bench{border:1px solid #d0d7de;border-left:5px solid #d0d7de;border-radius:6px;padding:10px 14px;margin:10px 0}
            article.v-regressed,article.v-failed,article.v-missing,article.v-environment-mismatch{border-left-color:#ff8182}
            article.v-improved{border-left-color:#4ac26b}article.v-inconclusive,article.v-new{border-left-color:#d4a72c}
            .name{overflow-wrap:anywhere}.params,.note{margin:2px 0;color:#59636e;overflow-wrap:anywhere}.note{color:#82071e}
            figure.metric{margin:8px 0 0}figcaption{font-size:13px}
            svg.chart{display:block;max-width:100%;height:auto}
            .bar.base{fill:#8c959f}.bar.cur{fill:#0969da}.bar.cur.regressed{fill:#cf222e}.bar.cur.improved{fill:#1a7f37}
            .ci line{stroke:#1f2328;stroke-width:1.5}.dot{fill:#ffffff;stroke:#1f2328;stroke-width:1.2;fill-opacity:.85}
            .axis,line.tick{stroke:#8c959f}text{font:12px system-ui,sans-serif;fill:#1f2328}text.tick,text.unit,text.absent{fill:#59636e}
            text.absent{font-style:italic}
            table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
            td.num{text-align:right;white-space:nowrap}table.overview td:first-child{overflow-wrap:anywhere;max-width:420px}
            details.group>summary{font-size:18px;font-weight:600;margin:28px 0 8px;cursor:pointer}
            figure.trend{margin:8px 0 0}.trend-line{fill:none;stroke:#0969da;stroke-width:1.5}
            .trend-dot{fill:#ffffff;stroke:#0969da;stroke-width:1.2}.trend-dot.regressed{fill:#cf222e;stroke:#cf222e}
            footer{margin-top:28px;color:#59636e;font-size:13px}
            """;
}
