package dev.allocgate.cli;

import dev.allocgate.core.comment.StickyCommentPoster;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * allocgate without Maven, for any build tool:
 * <ul>
 *   <li>{@code compare}, {@code check-results} and {@code record} on JMH JSON results files ({@link GateCommands}) and
 *       {@code merge} of sharded runs ({@link MergeCommand}): exit status 0 pass, 1 the gate failed, 2 usage error,
 *       3 unusable input or I/O error;</li>
 *   <li>{@code comment} ({@link CommentCommand}): posts a written report as the sticky pull-request comment; exit
 *       status 0 also when it could not be posted, 2 for a usage error.</li>
 * </ul>
 * Every command's options are parsed by {@link CommandLine}.
 */
public final class AllocgateCli {
    /** Exit status of a usage error. */
    public static final int USAGE = 2;

    static final String COMMANDS_TEXT = """
            usage: java -jar allocgate-cli.jar COMMAND [options]

              compare        judge a JMH JSON results file against the baselines or a second results file
              check-results  judge a JMH JSON results file against the committed baselines (the CI gate)
              record         write a JMH JSON results file's benchmarks as the new baselines
              merge          join the outputs of sharded runs (-Dallocgate.shard=i/n) into one verdict and report
              comment        post report.md as the sticky pull-request comment

            java -jar allocgate-cli.jar COMMAND --help shows a command's options and their defaults.
            Exit status: 0 pass; 1 the gate failed; 2 usage error; 3 unusable input or I/O error
            (comment: 0 also when the comment could not be posted).
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
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (GateCommands.handles(args[0])) {
            return GateCommands.run(args[0], rest, env, out, err);
        }
        return switch (args[0]) {
            case "merge" -> MergeCommand.run(rest, env, out, err);
            case "comment" -> CommentCommand.run(rest, env, out, err, poster);
            default -> usage(err, "allocgate: unknown command '" + CommandLine.printable(args[0]) + "' (commands: compare,"
                    + " check-results, record, merge, comment)");
        };
    }

    /** Prints a usage error (a whole message, "allocgate ...") and where help is; returns {@link #USAGE}. */
    static int usage(PrintStream err, String message) {
        err.println(message);
        err.println("run with --help for usage");
        return USAGE;
    }
}
