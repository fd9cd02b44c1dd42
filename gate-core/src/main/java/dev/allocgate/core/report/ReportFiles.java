package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report file of a run into the output directory. */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    public static final String JUNIT_XML = "TEST-" + JUnitXmlReportWriter.SUITE + ".xml";
    /** Every file {@link #write} writes, in the order it returns them. */
    public static final List<String> NAMES = List.of(JSON, MARKDOWN, HTML, JUNIT_XML);

    private ReportFiles() {
    }

    /**
     * Writes report.json, report.md, report.html and TEST-allocgate.xml (UTF-8); returns their
     * paths in that order.
     */
    public static List<Path> write(GateReport report, Path outputDirectory) throws IOException {
        return write(report, outputDirectory, null);
    }

    /**
     * As {@link #write(GateReport, Path)}, listing the current run's environment in report.md and
     * report.html when it is not {@code null}.
     */
    public static List<Path> write(GateReport report, Path outputDirectory, Environment environment) throws IOException {
        Files.createDirectories(outputDirectory);
        Path json = outputDirectory.resolve(JSON);
        Path markdown = outputDirectory.resolve(MARKDOWN);
        Path html = outputDirectory.resolve(HTML);
        Path junit = outputDirectory.resolve(JUNIT_XML);
        write(json, out -> new JsonReportWriter().render(report, out));
        Files.writeString(markdown, new MarkdownRenderer().render(report, MarkdownOptions.unlimited().withEnvironment(environment)),
                StandardCharsets.UTF_8);
        write(html, out -> new HtmlReportRenderer().render(report, environment, out));
        write(junit, out -> new JUnitXmlReportWriter().render(report, out));
        return List.of(json, markdown, html, junit);
    }

    /** Streams a report into a file (UTF-8), so the largest reports are never held as one string. */
    private static void write(Path file, Streaming.Rendering rendering) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            rendering.writeTo(out);
        }
    }
}
