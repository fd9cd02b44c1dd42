package dev.allocgate.cli;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.Commands;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.InvalidSettingException;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.report.FailureMessage;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.report.TextTableRenderer;
import dev.allocgate.core.workflow.BaselinesNotWrittenException;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.core.workflow.GitHubActionsPublisher;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code compare}, {@code check-results} and {@code record} on JMH JSON results files, for any build tool (the JMH
 * Gradle plugin's {@code build/results/jmh/results.json}, sbt-jmh's, plain JMH's {@code -rf json}): the same
 * workflow, settings, baselines, reports and GitHub Actions output as the Maven goals, through gate-core.
 */
final class GateCommands {
    /** Exit status: the gate passed (or the baselines were written). */
    static final int PASS = 0;
    /** Exit status: the gate failed (a regression, a missing benchmark, ... under the settings). */
    static final int GATE_FAILED = 1;
    /** Exit status: unusable input or an I/O error (a results or baseline file that cannot be used). */
    static final int ERROR = 3;

    static final String DEFAULT_OUTPUT_DIRECTORY = "allocgate-reports";

    private static final String SYNOPSIS = """
            usage: java -jar allocgate-cli.jar compare --results FILE (--baselines DIR | --against FILE) [options]
                   java -jar allocgate-cli.jar check-results --results FILE --baselines DIR [options]
                   java -jar allocgate-cli.jar record --results FILE --baselines DIR [--ratchet] [options]

            Judge or record a JMH JSON results file (JMH with -prof gc -rf json: the JMH Gradle plugin's
            build/results/jmh/results.json, sbt-jmh's, plain JMH's -rff FILE) with the same baselines, reports
            and rules as the Maven goals allocgate:compare and allocgate:record. Nothing is run.

              compare        judge FILE against the baseline directory, or against a second results file
              check-results  judge FILE against the committed baselines (the CI gate; --baselines required)
              record         write FILE's benchmarks as the new baselines (only those include/exclude select;
                             entries whose allocation is unchanged keep their recorded values)
            """;

    private static final String EXIT_STATUS = """
            Exit status: 0 the gate passed (record: the baselines were written); 1 the gate failed;
            2 usage error; 3 unusable input (results or baseline file) or an I/O error.
            On GitHub Actions (GITHUB_ACTIONS=true) the failures are annotations and report.md is appended
            to GITHUB_STEP_SUMMARY; TEST-allocgate.xml is JUnit XML for GitLab's and other CIs' test reports.
            """;

    /** One command's options. */
    private record Syntax(CommandLine line, JudgingOptions judging, OptionSpec<String> results, OptionSpec<String> against,
                          OptionSpec<String> baselines, OptionSpec<String> outputDirectory) {
    }

    private GateCommands() {
    }

    static boolean handles(String command) {
        return command.equals("compare") || command.equals("check-results") || command.equals("record");
    }

    /** The options of {@code command}: those of every judging command, and the command's own. */
    private static Syntax syntax(String command) {
        Set<String> asOptions = new java.util.HashSet<>(Set.of(GateConfiguration.RESULTS, GateConfiguration.AGAINST,
                GateConfiguration.BASELINES, GateConfiguration.OUTPUT_DIRECTORY, GateConfiguration.INCLUDE,
                GateConfiguration.EXCLUDE, GateConfiguration.REFRESH_UNCHANGED, GateConfiguration.RATCHET));
        CommandLine line = new CommandLine(command, SYNOPSIS, JudgingOptions.settingsHelp(asOptions) + "\n" + EXIT_STATUS);
        OptionSpec<String> results = line.value("results", "FILE", "the JMH JSON results", "required");
        OptionSpec<String> baselines = line.value("baselines", "DIR", "directory of the baseline files (one JSON file per"
                + " benchmark class)", command.equals("compare") ? "required unless --against" : "required");
        OptionSpec<String> against = command.equals("compare")
                ? line.value("against", "FILE", "a second results file as the baseline", "none") : null;
        OptionSpec<String> outputDirectory = line.value("output-directory", "DIR", "where report.json, report.md,"
                + " report.html and TEST-allocgate.xml go", DEFAULT_OUTPUT_DIRECTORY);
        OptionSpec<String> include = line.value("include", "REGEX,...", "benchmarks to select (regular expressions"
                + " found in the full name)", "all");
        OptionSpec<String> exclude = line.value("exclude", "REGEX,...", "benchmarks to leave out", "none");
        JudgingOptions judging = new JudgingOptions(line, asOptions);
        judging.property(results, GateConfiguration.RESULTS);
        judging.property(baselines, GateConfiguration.BASELINES);
        if (against != null) {
            judging.property(against, GateConfiguration.AGAINST);
        }
        judging.property(outputDirectory, GateConfiguration.OUTPUT_DIRECTORY);
        judging.property(include, GateConfiguration.INCLUDE);
        judging.property(exclude, GateConfiguration.EXCLUDE);
        if (command.equals("record")) {
            judging.flag(line.flag("refresh-unchanged",
                    "also rewrite entries whose allocation is unchanged, and every fork time"),
                    GateConfiguration.REFRESH_UNCHANGED);
            judging.flag(line.flag("ratchet", "replace only the entries that improved beyond their threshold"),
                    GateConfiguration.RATCHET);
        }
        return new Syntax(line, judging, results, against, baselines, outputDirectory);
    }

    static int run(String command, List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Syntax syntax = syntax(command);
        CommandLine line = syntax.line();
        return line.run(args, out, err, set -> {
            GateConfiguration c = syntax.judging().configuration(set);
            Path results = c.path(GateConfiguration.RESULTS).orElseThrow(() -> line.usage("--results FILE is required:"
                    + " the JSON file JMH wrote (-rf json; Gradle: build/results/jmh/results.json)"));
            Path against = c.path(GateConfiguration.AGAINST).orElse(null);
            Path baselines = c.path(GateConfiguration.BASELINES).orElse(null);
            if (command.equals("compare") ? (baselines == null) == (against == null) : baselines == null) {
                throw line.usage(command.equals("compare") ? "give either --baselines DIR or --against FILE"
                        : "--baselines DIR is required: the directory of the committed baseline files");
            }
            if (against != null && !command.equals("compare")) {
                throw line.usage("allocgate.against is only for compare");
            }
            Path outputDirectory = c.path(GateConfiguration.OUTPUT_DIRECTORY).orElse(Path.of(DEFAULT_OUTPUT_DIRECTORY));
            Commands commands = Commands.cli(c.string(GateConfiguration.RESULTS), baselines == null ? null
                    : c.string(GateConfiguration.BASELINES), syntax.judging().rulesArgument(set));
            return judge(command, syntax, set, c, results, against, baselines, outputDirectory, commands, env, out, err);
        });
    }

    private static int judge(String command, Syntax syntax, OptionSet set, GateConfiguration c, Path results, Path against,
                             Path baselines, Path outputDirectory, Commands commands, Map<String, String> env,
                             PrintStream out, PrintStream err) throws CommandLine.UsageException {
        GateWorkflow workflow = new GateWorkflow(line -> { }, line -> { });
        try {
            GateSettings run = c.gateSettings(c.objects()).withCommands(commands); // every setting checked first
            Policy policy = Policy.NONE;
            List<String> names = List.of();
            if (syntax.judging().rulesArgument(set) != null) {
                // The rules are checked against the benchmarks of the results, as the pom's against the compiled ones.
                List<BenchmarkKey> keys = new JmhResultReader().read(results).stream().map(Measurement::key).toList();
                names = keys.stream().map(BenchmarkKey::benchmark).distinct().toList();
                policy = syntax.judging().policy(set, keys, "in " + results.getFileName());
            }
            BenchmarkFilter filter = JudgingOptions.filter(c, policy, names);
            GateSettings settings = run.withPolicy(policy);
            if (command.equals("record")) {
                return record(workflow, c, filter, settings, results, baselines, outputDirectory, env, out, err);
            }
            BaselineStore store = against == null ? new BaselineStore(baselines, commands) : null;
            GateWorkflow.Result result = workflow.compare(results, against, store, filter, settings, outputDirectory);
            conclude(result, outputDirectory, env, out, err);
            if (!result.report().passed()) {
                err.println(FailureMessage.of(result.report(), baselines, outputDirectory.resolve(ReportFiles.MARKDOWN)));
                return GATE_FAILED;
            }
            return PASS;
        } catch (InvalidSettingException e) {
            throw syntax.line().usage(e.getMessage());
        } catch (AllocgateException | IOException | IllegalArgumentException e) {
            err.println(errorMessage(e));
            return ERROR;
        }
    }

    private static int record(GateWorkflow workflow, GateConfiguration c, BenchmarkFilter filter, GateSettings settings,
                              Path results, Path baselines, Path outputDirectory, Map<String, String> env, PrintStream out,
                              PrintStream err) throws AllocgateException, IOException {
        GateWorkflow.Recorded recorded;
        try {
            recorded = workflow.recordResults(results, new BaselineStore(baselines, settings.commands()), filter, settings, outputDirectory,
                    c.refreshUnchanged(), c.ratchet());
        } catch (BaselinesNotWrittenException e) {
            conclude(e.result(), outputDirectory, env, out, err);
            err.println("allocgate: " + e.getMessage() + "\nMake " + e.directory() + " writable (or give another"
                    + " --baselines) and run record again.");
            return ERROR;
        }
        conclude(recorded.result(), outputDirectory, env, out, err);
        UpdateSummary update = recorded.update();
        out.printf("allocgate: baselines in %s: %s%n", baselines.toAbsolutePath().normalize(), update.counts());
        update.written().forEach(f -> out.println("  wrote " + f));
        update.deleted().forEach(f -> out.println("  deleted " + f));
        if (update.written().isEmpty() && update.deleted().isEmpty()) {
            out.println("  no file changed");
        }
        return PASS;
    }

    /** The table, the warnings, where the reports are, and on GitHub Actions its annotations and summary. */
    static void conclude(GateWorkflow.Result result, Path outputDirectory, Map<String, String> env, PrintStream out,
                                 PrintStream err) {
        GateReport report = result.report();
        Path markdown = outputDirectory.resolve(ReportFiles.MARKDOWN);
        new TextTableRenderer().render(report, markdown.toString(), false).forEach(out::println);
        report.warnings().forEach(w -> err.println("allocgate: warning: " + Text.plain(w)));
        out.println("Reports: " + result.reportFiles().stream().map(Path::toString).collect(Collectors.joining(", ")));
        GitHubActionsPublisher.publish(env, report, result.environment(), markdown, out, err::println);
    }

    /** An unusable input or I/O failure, with what to do about it. */
    static String errorMessage(Exception e) {
        if (e instanceof InvalidResultsException r) {
            return "allocgate: unusable JMH results " + e.getMessage() + "\nGive the JSON file JMH wrote with the GC"
                    + " profiler (-prof gc -rf json; the JMH Gradle plugin: build/results/jmh/results.json with"
                    + " profilers = ['gc'] and resultFormat = 'JSON'); run the benchmarks again if " + r.file()
                    + " is incomplete.";
        }
        if (e instanceof InvalidBaselineException b) {
            return "allocgate: invalid baseline file " + e.getMessage() + "\nThe file was not changed. Restore it from"
                    + " version control (git checkout -- " + b.file() + "), or delete it and record it again.";
        }
        if (e instanceof IOException) {
            return "allocgate: I/O error: " + e.getMessage();
        }
        return "allocgate: " + e.getMessage();
    }
}
