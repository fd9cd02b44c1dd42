package dev.allocgate.core.workflow;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.report.GitHubActionsOutput;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;

/**
 * On GitHub Actions, for the Maven goals and the CLI alike: the Markdown report appended to the job summary
 * ({@code GITHUB_STEP_SUMMARY}) and error/warning annotations as workflow commands on standard output. Writing them
 * can fail (a read-only runner file); that is a warning and never changes the gate's verdict.
 */
public final class GitHubActionsPublisher {
    private GitHubActionsPublisher() {
    }

    /**
     * @param stdout   where the workflow commands go: they must start a line, so not through a log with a prefix
     * @param warnings receives a warning when the summary cannot be appended
     */
    public static void publish(Map<String, String> env, GateReport report, Environment environment, Path markdownReport,
                               PrintStream stdout, Consumer<String> warnings) {
        String summaryFile = env.get("GITHUB_STEP_SUMMARY");
        if (summaryFile != null && !summaryFile.isBlank()) {
            try {
                Files.writeString(Path.of(summaryFile), GitHubActionsOutput.stepSummary(report, environment) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                warnings.accept("allocgate: could not append to the job summary " + summaryFile + ": " + e.getMessage());
            }
        }
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            for (String command : GitHubActionsOutput.workflowCommands(report, markdownReport.toString())) {
                stdout.println(command);
            }
            stdout.flush();
        }
    }
}
