package dev.allocgate.maven;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.report.GitHubActionsOutput;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * On GitHub Actions: the Markdown report appended to the job summary and error/warning
 * annotations. Writing them can fail (a read-only runner file); that is a warning and never
 * changes the gate's verdict.
 */
final class GitHubActions {
    private final Map<String, String> env;
    private final Log log;

    GitHubActions(Map<String, String> env, Log log) {
        this.env = env;
        this.log = log;
    }

    void publish(GateReport report, Environment environment, Path markdownReport) {
        String summaryFile = env.get("GITHUB_STEP_SUMMARY");
        if (summaryFile != null && !summaryFile.isBlank()) {
            try {
                Files.writeString(Path.of(summaryFile), GitHubActionsOutput.stepSummary(report, environment) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                log.warn("allocgate: could not append to the job summary " + summaryFile + ": " + e.getMessage());
            }
        }
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            // Workflow commands must start the line, so they bypass Maven's log prefix.
            for (String command : GitHubActionsOutput.workflowCommands(report, markdownReport.toString())) {
                System.out.println(command);
            }
            System.out.flush();
        }
    }
}
