package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.parallel.Workers;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every report file of a run into the output directory: each {@link ReportFormat} of {@link #FORMATS}, at the
 * same time as the others.
 */
public final class ReportFiles {
    public static final String JSON = JsonReportWriter.FILE_NAME;
    public static final String MARKDOWN = MarkdownRenderer.FILE_NAME;
    public static final String HTML = HtmlReportRenderer.FILE_NAME;
    public static final String JUNIT_XML = JUnitXmlReportWriter.FILE_NAME;
    /** Every format {@link #write} writes, in the order it returns their files. */
    public static final List<ReportFormat> FORMATS = List.of(new JsonReportWriter(), new MarkdownRenderer(),
            new HtmlReportRenderer(), new JUnitXmlReportWriter());
    /** Every file {@link #write} writes, in the order it returns them. */
    public static final List<String> NAMES = FORMATS.stream().map(ReportFormat::fileName).toList();

    private ReportFiles() {
    }

    /**
     * Writes every format's file (UTF-8): report.json, report.md, report.html and TEST-allocgate.xml; returns their
     * paths in that order.
     */
    public static List<Path> write(GateReport report, Path outputDirectory) throws IOException {
        return write(report, outputDirectory, null);
    }

    /**
     * As {@link #write(GateReport, Path)}, listing the current run's environment in report.md and
     * report.html when it is not {@code null}. The formats are rendered at the same time, one per
     * processor; see {@link #write(GateReport, Path, Environment, Workers)}.
     */
    public static List<Path> write(GateReport report, Path outputDirectory, Environment environment) throws IOException {
        try (Workers workers = Workers.forProcessors()) {
            return write(report, outputDirectory, environment, workers);
        }
    }

    /**
     * As {@link #write(GateReport, Path, Environment)}, rendering the formats concurrently on
     * {@code workers}. Each file gets the same bytes as when written one after another. When a file
     * cannot be written, the first failing file in {@link #NAMES} order is reported, after every
     * other file has been finished or has failed too.
     */
    public static List<Path> write(GateReport report, Path outputDirectory, Environment environment, Workers workers)
            throws IOException {
        Files.createDirectories(outputDirectory);
        render(report, environment, workers,
                name -> Files.newBufferedWriter(outputDirectory.resolve(name), StandardCharsets.UTF_8));
        return NAMES.stream().map(outputDirectory::resolve).toList();
    }

    /** Where a report goes: a writer for each of {@link #NAMES}, closed by {@link #render}. */
    @FunctionalInterface
    public interface Destination {
        Writer open(String name) throws IOException;
    }

    /**
     * Renders every report file's content (see {@link #NAMES}) into the writers {@code destination}
     * opens, each format at the same time as the others: the largest on the calling thread, the others
     * on {@code workers}. Each writer is closed when its report is complete. The content is exactly what
     * {@link #write(GateReport, Path, Environment)} writes into the files.
     *
     * @throws IOException the first failure in {@link #NAMES} order, once all formats have ended
     */
    public static void render(GateReport report, Environment environment, Workers workers, Destination destination)
            throws IOException {
        // Started largest first, so that the long ones never wait behind the short ones; the largest
        // is this thread's own share (it would otherwise only wait).
        List<ReportFormat> bySize = FORMATS.stream()
                .sorted(Comparator.comparingInt(ReportFormat::relativeSize).reversed()).toList();
        Map<ReportFormat, Workers.Stage<Void, IOException>> started = new HashMap<>();
        for (ReportFormat format : bySize.subList(1, bySize.size())) {
            started.put(format, workers.start("render " + format.fileName(),
                    () -> stream(destination, format.fileName(), out -> format.write(report, environment, out))));
        }
        ReportFormat largest = bySize.get(0);
        started.put(largest, workers.runHere("render " + largest.fileName(),
                () -> stream(destination, largest.fileName(), out -> largest.write(report, environment, out))));
        List<Workers.Stage<Void, IOException>> stages = FORMATS.stream().map(started::get).toList();
        Workers.joinAll(stages);
    }

    /** Streams a report into its writer, so the largest reports are never held as one string. */
    private static Void stream(Destination destination, String name, Streaming.Rendering rendering) throws IOException {
        try (Writer out = destination.open(name)) {
            rendering.writeTo(out);
        }
        return null;
    }
}
