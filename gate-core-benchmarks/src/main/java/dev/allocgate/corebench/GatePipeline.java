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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * The steps of an {@code allocgate:check} after JMH has run, through gate-core's public API only:
 * read the results, load the baselines, compare, and render every report format. The JSON, HTML
 * and JUnit XML reports are streamed into a writer that only counts characters, as
 * {@code ReportFiles} streams them into files (the disk itself is left out); the Markdown report
 * and the console table are strings, as the plugin uses them. Shared by the JMH benchmarks and
 * {@link PeakHeap}.
 */
public final class GatePipeline {

    private GatePipeline() {
    }

    /** What one report rendered to, kept so that none of the work can be optimised away. */
    public record Rendered(long jsonChars, String markdown, long htmlChars, long junitXmlChars, List<String> textTable) {

        /** Total characters rendered, a cheap value that depends on every output. */
        public long totalChars() {
            return jsonChars + markdown.length() + htmlChars + junitXmlChars
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

    /** Characters of report.json. */
    public static long renderJson(GateReport report) {
        return charsOf(out -> new JsonReportWriter().render(report, out));
    }

    public static String renderMarkdown(GateReport report) {
        return new MarkdownRenderer().render(report);
    }

    /** Characters of report.html. */
    public static long renderHtml(GateReport report) {
        return charsOf(out -> new HtmlReportRenderer().render(report, null, out));
    }

    /** Characters of the JUnit XML report. */
    public static long renderJUnitXml(GateReport report) {
        return charsOf(out -> new JUnitXmlReportWriter().render(report, out));
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

    /** A renderer's streaming method. */
    private interface Rendering {
        void writeTo(Writer out) throws IOException;
    }

    private static long charsOf(Rendering rendering) {
        CharCounter out = new CharCounter();
        try {
            rendering.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("counting characters does not fail", e);
        }
        return out.chars;
    }

    /** A writer that counts the characters written to it and keeps none. */
    private static final class CharCounter extends Writer {
        long chars;

        @Override
        public void write(char[] text, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) {
            chars += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
