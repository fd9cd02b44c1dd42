package dev.allocgate.corebench;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.report.HtmlReportRenderer;
import dev.allocgate.core.report.JUnitXmlReportWriter;
import dev.allocgate.core.report.JsonReportWriter;
import dev.allocgate.core.report.MarkdownRenderer;
import dev.allocgate.core.report.TextTableRenderer;

import java.nio.file.Path;
import java.util.List;

/**
 * The steps of an {@code allocgate:check} after JMH has run, through gate-core's public API only:
 * read the results, load the baselines, compare, and render every report format (in memory; the
 * plugin then writes them to disk). Shared by the JMH benchmarks and {@link PeakHeap}.
 */
public final class GatePipeline {

    private GatePipeline() {
    }

    /** The rendered outputs of one report, kept so that none of the work can be optimised away. */
    public record Rendered(String json, String markdown, String html, String junitXml, List<String> textTable) {

        /** Total characters rendered, a cheap value that depends on every output. */
        public long totalChars() {
            return (long) json.length() + markdown.length() + html.length() + junitXml.length()
                    + textTable.stream().mapToLong(String::length).sum();
        }
    }

    public static List<Measurement> parse(Path results) throws InvalidResultsException {
        return new JmhResultReader().read(results);
    }

    public static BaselineSet loadBaselines(Path baselines) throws InvalidBaselineException {
        return new BaselineStore(baselines).load();
    }

    public static GateReport compare(List<Measurement> current, BaselineSet baselines) {
        return new Gate(GateSettings.defaults()).compare(current, baselines.entries(), BenchmarkFilter.ALL,
                List.of(), "baselines/corebench");
    }

    public static String renderJson(GateReport report) {
        return new JsonReportWriter().render(report);
    }

    public static String renderMarkdown(GateReport report) {
        return new MarkdownRenderer().render(report);
    }

    public static String renderHtml(GateReport report) {
        return new HtmlReportRenderer().render(report);
    }

    public static String renderJUnitXml(GateReport report) {
        return new JUnitXmlReportWriter().render(report);
    }

    public static List<String> renderTextTable(GateReport report) {
        return new TextTableRenderer().render(report);
    }

    public static Rendered renderAll(GateReport report) {
        return new Rendered(renderJson(report), renderMarkdown(report), renderHtml(report), renderJUnitXml(report),
                renderTextTable(report));
    }

    /** Parse, load, compare and render: everything gate-core does for one {@code check}. */
    public static Rendered endToEnd(SyntheticSuite.Inputs inputs) throws InvalidResultsException, InvalidBaselineException {
        GateReport report = compare(parse(inputs.results()), loadBaselines(inputs.baselines()));
        return renderAll(report);
    }
}
