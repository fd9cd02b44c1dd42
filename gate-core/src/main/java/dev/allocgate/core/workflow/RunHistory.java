package dev.allocgate.core.workflow;

import dev.allocgate.core.history.GitCommit;
import dev.allocgate.core.history.HistoryFile;
import dev.allocgate.core.history.HistoryRun;
import dev.allocgate.core.history.InvalidHistoryException;
import dev.allocgate.core.history.Trends;
import dev.allocgate.core.model.EnvironmentKey;
import dev.allocgate.core.report.HtmlReportRenderer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -Dallocgate.history=FILE}: appends a finished run to the history file and redraws its report.html with each
 * benchmark's trend over the latest runs of the same environment.
 */
public final class RunHistory {
    private RunHistory() {
    }

    /** What appending did: the run as written, and warnings (a torn last line that was cut). */
    public record Appended(HistoryRun run, int runsOfEnvironment, List<String> warnings) {
    }

    /**
     * Appends {@code result}'s run (dated {@code now}, with the commit {@code projectDirectory} is checked out at) to
     * {@code file}, then rewrites report.html in {@code outputDirectory} with the trends.
     */
    public static Appended append(GateWorkflow.Result result, Path file, Path projectDirectory, Path outputDirectory,
                                  Instant now) throws IOException, InvalidHistoryException {
        String environment = result.measurements().isEmpty() ? "unknown"
                : EnvironmentKey.of(result.environment()).directoryName();
        String commit = projectDirectory == null ? "" : GitCommit.head(projectDirectory).orElse("");
        HistoryRun run = Trends.run(result.report(), now, commit, environment);
        List<String> warnings = HistoryFile.append(file, run);
        // Read back what is on disk, so that the page shows exactly what the file holds.
        HistoryFile.Contents contents = HistoryFile.read(file);
        List<String> all = new ArrayList<>(warnings);
        all.addAll(contents.warnings());
        Trends trends = Trends.of(contents.runs(), environment, Trends.DEFAULT_RUNS);
        try (Writer out = Files.newBufferedWriter(outputDirectory.resolve(HtmlReportRenderer.FILE_NAME), StandardCharsets.UTF_8)) {
            new HtmlReportRenderer(trends).render(result.report(), result.environment(), out);
        }
        return new Appended(run, trends.runs(), all);
    }
}
