package dev.allocgate.cli;

import dev.allocgate.core.comment.CommentConfigurationException;
import dev.allocgate.core.comment.CommentJob;
import dev.allocgate.core.comment.CommentOutcome;
import dev.allocgate.core.comment.CommentOverrides;
import dev.allocgate.core.comment.StickyCommentPoster;
import dev.allocgate.core.report.GitHubActionsOutput;
import joptsimple.OptionSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code comment --report target/allocgate/report.md --module NAME [options]}: posts a written report as the sticky
 * pull-request comment, e.g. from a {@code workflow_run} job that downloaded the report artifact. Exit status 0 when
 * the comment was posted and also when it could not be (read-only token, no token, not a pull request, network
 * error: a warning on stderr), because the verdict is decided by the build that measured; 2 for a usage error.
 */
final class CommentCommand {

    private static final String SYNOPSIS = """
            usage: java -jar allocgate-cli.jar comment --report FILE --module NAME [options]

            Posts FILE (report.md written by allocgate:check or allocgate:compare, or by this jar's compare and
            check-results) as one sticky comment per pull request and module, updated in place on later runs.
            """;

    private static final String EPILOGUE = """
            The token is read from the environment only: GITHUB_TOKEN; GITLAB_TOKEN or CI_JOB_TOKEN.
            Exit status 0 also when the comment could not be posted (a warning); 2 for a usage error.
            """;

    private record Syntax(CommandLine line, OptionSpec<String> report, OptionSpec<String> module,
                          OptionSpec<Long> pullRequest, OptionSpec<String> repository, OptionSpec<String> platform,
                          OptionSpec<String> apiUrl, OptionSpec<String> author) {
    }

    private CommentCommand() {
    }

    private static Syntax syntax() {
        CommandLine line = new CommandLine("comment", SYNOPSIS, EPILOGUE);
        return new Syntax(line,
                line.value("report", "FILE", "the Markdown report to post", "required"),
                line.value("module", "NAME", "names the comment: one per pull request and module", "required"),
                line.number("pull-request", "N", "pull-request number / merge-request IID; under workflow_run it is"
                        + " checked against the measured commit", "default: from GITHUB_EVENT_PATH or CI_MERGE_REQUEST_IID"),
                line.value("repository", "R", "owner/name on GitHub, the project on GitLab",
                        "default: GITHUB_REPOSITORY or CI_PROJECT_ID"),
                line.value("platform", "P", "github, gitlab or auto: the CI that runs the job, from GITHUB_ACTIONS or"
                        + " GITLAB_CI, else the one whose variables are set", "auto"),
                line.value("api-url", "URL", "API base", "default: GITHUB_API_URL or https://api.github.com; CI_API_V4_URL"),
                line.value("author", "LOGIN", "login the comment is written by",
                        "default: the token's, or github-actions[bot] for Actions' token"));
    }

    /** Runs the command; {@code poster} {@code null} for the real one. Returns the exit status. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, StickyCommentPoster poster) {
        Syntax syntax = syntax();
        CommandLine line = syntax.line();
        return line.run(args, out, err, set -> {
            for (OptionSpec<String> required : List.of(syntax.report(), syntax.module())) {
                if (!set.has(required) || set.valueOf(required).isBlank()) {
                    throw line.usage("--" + required.options().get(0) + " is required");
                }
            }
            Path report = Path.of(set.valueOf(syntax.report()));
            if (!Files.isRegularFile(report)) {
                throw line.usage("no report file " + report);
            }
            CommentOverrides overrides = new CommentOverrides(set.valueOf(syntax.platform()), set.valueOf(syntax.apiUrl()),
                    set.valueOf(syntax.repository()), set.has(syntax.pullRequest()) ? set.valueOf(syntax.pullRequest()).toString()
                    : null, set.valueOf(syntax.author()));
            StickyCommentPoster p = poster != null ? poster : new StickyCommentPoster(m -> err.println("allocgate: " + m));
            CommentOutcome outcome;
            try {
                outcome = CommentJob.run(env, overrides, set.valueOf(syntax.module()), report, p);
            } catch (CommentConfigurationException e) {
                throw line.usage(e.getMessage());
            }
            if (outcome.posted()) {
                out.println("allocgate: " + outcome.message());
            } else {
                err.println("allocgate: warning: comment not posted: " + outcome.message());
                if ("true".equals(env.get("GITHUB_ACTIONS"))) {
                    out.println("::warning title=" + GitHubActionsOutput.escapeProperty("allocgate comment") + "::"
                            + GitHubActionsOutput.escapeData(outcome.message()));
                }
            }
            return 0;
        });
    }
}
