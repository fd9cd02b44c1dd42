package dev.allocgate.maven;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.workflow.GitHubActionsPublisher;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.Map;

/** {@link GitHubActionsPublisher} with Maven's log for its warnings. */
final class GitHubActions {
    private final Map<String, String> env;
    private final Log log;

    GitHubActions(Map<String, String> env, Log log) {
        this.env = env;
        this.log = log;
    }

    void publish(GateReport report, Environment environment, Path markdownReport) {
        // Workflow commands must start the line, so they bypass Maven's log prefix.
        GitHubActionsPublisher.publish(env, report, environment, markdownReport, System.out, log::warn);
    }
}
