package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report file of a run into the output directory. */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    /** Every file {@link #write} writes. */
    public static final List<String> NAMES = List.of(JSON, MARKDOWN);

    private ReportFiles() {
    }

    /** Writes report.json and report.md; returns their paths. */
    public static List<Path> write(GateReport report, Path outputDirectory) throws IOException {
        Files.createDirectories(outputDirectory);
        Path json = outputDirectory.resolve(JSON);
        Path markdown = outputDirectory.resolve(MARKDOWN);
        Files.writeString(json, new JsonReportWriter().render(report), StandardCharsets.UTF_8);
        Files.writeString(markdown, new MarkdownRenderer().render(report), StandardCharsets.UTF_8);
        return List.of(json, markdown);
    }
}
