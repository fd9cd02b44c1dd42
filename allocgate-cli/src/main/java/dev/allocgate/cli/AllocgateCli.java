package dev.allocgate.cli;

import dev.allocgate.core.comment.CommentConfigurationException;
import dev.allocgate.core.comment.CommentJob;
import dev.allocgate.core.comment.CommentOutcome;
import dev.allocgate.core.comment.CommentOverrides;
import dev.allocgate.core.comment.StickyCommentPoster;
import dev.allocgate.core.report.GitHubActionsOutput;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * allocgate without Maven, for any build tool:
 * <ul>
 *   <li>{@code compare}, {@code check-results} and {@code record} on JMH JSON results files ({@link GateCommands}):
 *       exit status 0 pass, 1 the gate failed, 2 usage error, 3 unusable input or I/O error;</li>
 *   <li>{@code comment --report target/allocgate/report.md --module NAME [options]}: posts a written report as the
 *       sticky pull-request comment, e.g. from a {@code workflow_run} job that downloaded the report artifact. Exit
 *       status 0 when the comment was posted and also when it could not be (read-only token, no token, not a pull
 *       request, network error: a warning on stderr), because the verdict is decided by the build that measured;
 *       2 for a usage error (unknown option, missing report, invalid value).</li>
 * </ul>
 */
public final class AllocgateCli {
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    private static final Map<String, String> OPTIONS = Map.of(
            "--report", "report", "--module", "module", "--pull-request", "pullRequest", "--repository", "repository",
            "--platform", "platform", "--api-url", "apiUrl", "--author", "author");
    private static final Set<String> REQUIRED = Set.of("report", "module");

    static final String COMMANDS_TEXT = """
            usage: java -jar allocgate-cli.jar COMMAND [options]

              compare        judge a JMH JSON results file against the baselines or a second results file
              check-results  judge a JMH JSON results file against the committed baselines (the CI gate)
              record         write a JMH JSON results file's benchmarks as the new baselines
              merge          join the outputs of sharded runs (-Dallocgate.shard=i/n) into one verdict and report
              comment        post report.md as the sticky pull-request comment

            java -jar allocgate-cli.jar COMMAND --help shows a command's options.
            Exit status: 0 pass; 1 the gate failed; 2 usage error; 3 unusable input or I/O error
            (comment: 0 also when the comment could not be posted).
            """;

    static final String USAGE_TEXT = """
            usage: java -jar allocgate-cli.jar comment --report FILE --module NAME [options]
                   java -jar allocgate-cli.jar merge --shards DIR,DIR,... --baselines DIR [--output DIR]
                   (merge --help for its options)

            Posts FILE (report.md written by allocgate:check or allocgate:compare) as one sticky comment per
            pull request and module, updated in place on later runs.

              --report FILE        the Markdown report to post (required)
              --module NAME        names the comment: one per pull request and module (required)
              --pull-request N     pull-request number / merge-request IID (default: from GITHUB_EVENT_PATH
                                   or CI_MERGE_REQUEST_IID); under workflow_run it is checked against the
                                   measured commit
              --repository R       owner/name (default GITHUB_REPOSITORY) or GitLab project (CI_PROJECT_ID)
              --platform P         github, gitlab or auto (default auto: the CI that runs the job, from
                                   GITHUB_ACTIONS or GITLAB_CI, else the one whose variables are set)
              --api-url URL        API base (default GITHUB_API_URL or https://api.github.com; CI_API_V4_URL)
              --author LOGIN       login the comment is written by (default: the token's, or
                                   github-actions[bot] for Actions' token)

            The token is read from the environment only: GITHUB_TOKEN; GITLAB_TOKEN or CI_JOB_TOKEN.
            Exit status 0 also when the comment could not be posted (a warning); 2 for a usage error.
            """;

    private AllocgateCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, null));
    }

    /**
     * Runs the command; {@code poster} {@code null} for the real one. Returns the exit status.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, StickyCommentPoster poster) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(COMMANDS_TEXT);
            return args.length == 0 ? USAGE : 0;
        }
        if (GateCommands.handles(args[0])) {
            return GateCommands.run(args[0], java.util.Arrays.asList(args).subList(1, args.length), env, out, err);
        }
        if (args[0].equals("merge")) {
            return MergeCommand.run(args, out, err);
        }
        if (!args[0].equals("comment")) {
            return usage(err, "unknown command '" + printable(args[0]) + "' (commands: compare, check-results, record,"
                    + " merge, comment)");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE_TEXT);
                return 0;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--token")) {
                return usage(err, "there is no --token option: the token is read from the environment only "
                        + "(GITHUB_TOKEN; GITLAB_TOKEN or CI_JOB_TOKEN), so it never shows in a process list or log");
            }
            String key = OPTIONS.get(name);
            if (key == null) {
                return usage(err, "unknown option '" + printable(name) + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return usage(err, name + " needs a value");
            }
            if (values.put(key, value) != null) {
                return usage(err, name + " given twice");
            }
        }
        for (String required : REQUIRED) {
            if (values.get(required) == null || values.get(required).isBlank()) {
                return usage(err, "--" + required + " is required");
            }
        }
        Path report = Path.of(values.get("report"));
        if (!Files.isRegularFile(report)) {
            return usage(err, "no report file " + report);
        }
        CommentOverrides overrides = new CommentOverrides(values.get("platform"), values.get("apiUrl"),
                values.get("repository"), values.get("pullRequest"), values.get("author"));
        StickyCommentPoster p = poster != null ? poster : new StickyCommentPoster(m -> err.println("allocgate: " + m));
        CommentOutcome outcome;
        try {
            outcome = CommentJob.run(env, overrides, values.get("module"), report, p);
        } catch (CommentConfigurationException e) {
            return usage(err, e.getMessage());
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
    }

    private static int usage(PrintStream err, String problem) {
        err.println("allocgate: " + problem);
        err.println("run with --help for usage");
        return USAGE;
    }

    private static String printable(String s) {
        return dev.allocgate.core.report.Text.plain(dev.allocgate.core.report.Text.shorten(s, 100));
    }
}
