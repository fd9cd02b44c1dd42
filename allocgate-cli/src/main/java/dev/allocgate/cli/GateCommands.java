package dev.allocgate.cli;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.InvalidSettingException;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.report.TextTableRenderer;
import dev.allocgate.core.workflow.BaselinesNotWrittenException;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.core.workflow.GitHubActionsPublisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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

    /** Options that name a setting, with the property each sets. */
    private static final Map<String, String> OPTIONS = Map.of(
            "--results", GateConfiguration.RESULTS,
            "--against", GateConfiguration.AGAINST,
            "--baselines", GateConfiguration.BASELINES,
            "--output-directory", GateConfiguration.OUTPUT_DIRECTORY,
            "--include", GateConfiguration.INCLUDE,
            "--exclude", GateConfiguration.EXCLUDE);

    static final String USAGE_TEXT = """
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

              --results FILE          the JMH JSON results (required)
              --baselines DIR         directory of the baseline files (one JSON file per benchmark class)
              --against FILE          compare: a second results file as the baseline
              --output-directory DIR  where report.json, report.md, report.html and TEST-allocgate.xml go
                                      (default allocgate-reports)
              --include REGEX,...     benchmarks to select (regular expressions found in the full name)
              --exclude REGEX,...     benchmarks to leave out
              --refresh-unchanged     record: also rewrite entries whose allocation is unchanged
              --ratchet               record: replace only the entries that improved beyond their threshold
              --settings FILE         allocgate.* settings from a properties file (options and -D win)
              -Dallocgate.NAME=VALUE  any setting of the Maven goals, e.g. -Dallocgate.thresholdBytes=8,
                                      -Dallocgate.objects=false, -Dallocgate.failOnNew=true

            Exit status: 0 the gate passed (record: the baselines were written); 1 the gate failed;
            2 usage error; 3 unusable input (results or baseline file) or an I/O error.
            On GitHub Actions (GITHUB_ACTIONS=true) the failures are annotations and report.md is appended
            to GITHUB_STEP_SUMMARY; TEST-allocgate.xml is JUnit XML for GitLab's and other CIs' test reports.
            """;

    private GateCommands() {
    }

    static boolean handles(String command) {
        return command.equals("compare") || command.equals("check-results") || command.equals("record");
    }

    static int run(String command, List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> given = new HashMap<>();
        Path settingsFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE_TEXT);
                return PASS;
            }
            if (arg.equals("--refresh-unchanged")) {
                given.put(GateConfiguration.REFRESH_UNCHANGED, "true");
                continue;
            }
            if (arg.equals("--ratchet")) {
                given.put(GateConfiguration.RATCHET, "true");
                continue;
            }
            if (arg.startsWith("-D")) {
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    return usage(err, arg + " needs a value: -Dallocgate.NAME=VALUE");
                }
                if (!arg.startsWith("-Dallocgate.")) {
                    return usage(err, "only allocgate.* settings can be given with -D, not " + Text.plain(Text.shorten(
                            arg.substring(0, eq), 100)));
                }
                if (given.put(arg.substring(2, eq), arg.substring(eq + 1)) != null) {
                    return usage(err, arg.substring(0, eq) + " given twice");
                }
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                return usage(err, name + " needs a value");
            }
            if (name.equals("--settings")) {
                settingsFile = Path.of(value);
                continue;
            }
            String property = OPTIONS.get(name);
            if (property == null) {
                return usage(err, "unknown option '" + Text.plain(Text.shorten(name, 100)) + "' for " + command);
            }
            if (given.put(property, value) != null) {
                return usage(err, name + " given twice");
            }
        }
        GateConfiguration configuration;
        try {
            Map<String, String> values = new HashMap<>(settingsFile == null ? Map.of() : properties(settingsFile));
            values.putAll(given);
            configuration = GateConfiguration.of(values);
        } catch (InvalidSettingException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            return usage(err, "cannot read the settings file " + settingsFile + ": " + e.getMessage());
        }
        return run(command, configuration, env, out, err);
    }

    private static int run(String command, GateConfiguration c, Map<String, String> env, PrintStream out, PrintStream err) {
        Path results = c.path(GateConfiguration.RESULTS).orElse(null);
        Path against = c.path(GateConfiguration.AGAINST).orElse(null);
        Path baselines = c.path(GateConfiguration.BASELINES).orElse(null);
        if (results == null) {
            return usage(err, "--results FILE is required: the JSON file JMH wrote (-rf json; Gradle: build/results/jmh/results.json)");
        }
        if (command.equals("compare") ? (baselines == null) == (against == null) : baselines == null) {
            return usage(err, command.equals("compare") ? "give either --baselines DIR or --against FILE"
                    : "--baselines DIR is required: the directory of the committed baseline files");
        }
        if (against != null && !command.equals("compare")) {
            return usage(err, "--against is only for compare");
        }
        Path outputDirectory = c.path(GateConfiguration.OUTPUT_DIRECTORY).orElse(Path.of(DEFAULT_OUTPUT_DIRECTORY));
        GateWorkflow workflow = new GateWorkflow(line -> { }, line -> { });
        try {
            if (command.equals("record")) {
                return record(workflow, c, results, baselines, outputDirectory, env, out, err);
            }
            GateWorkflow.Result result = workflow.compare(results, against, against == null ? new BaselineStore(baselines) : null,
                    c.filter(), c.gateSettings(c.objects()), outputDirectory);
            conclude(result, outputDirectory, env, out, err);
            if (!result.report().passed()) {
                err.println(failureMessage(result.report(), results, baselines, outputDirectory));
                return GATE_FAILED;
            }
            return PASS;
        } catch (InvalidSettingException e) {
            return usage(err, e.getMessage());
        } catch (AllocgateException | IOException | IllegalArgumentException e) {
            err.println(errorMessage(e));
            return ERROR;
        }
    }

    private static int record(GateWorkflow workflow, GateConfiguration c, Path results, Path baselines, Path outputDirectory,
                              Map<String, String> env, PrintStream out, PrintStream err)
            throws AllocgateException, IOException {
        GateWorkflow.Recorded recorded;
        try {
            recorded = workflow.recordResults(results, new BaselineStore(baselines), c.filter(), c.gateSettings(c.objects()),
                    outputDirectory, c.refreshUnchanged(), c.ratchet());
        } catch (BaselinesNotWrittenException e) {
            conclude(e.result(), outputDirectory, env, out, err);
            err.println("allocgate: " + e.getMessage() + "\nMake " + e.directory() + " writable (or give another"
                    + " --baselines) and run record again.");
            return ERROR;
        }
        conclude(recorded.result(), outputDirectory, env, out, err);
        UpdateSummary update = recorded.update();
        out.printf("allocgate: baselines in %s: %d added, %d updated, %d removed%n", baselines.toAbsolutePath().normalize(),
                update.added(), update.updated(), update.removed());
        update.written().forEach(f -> out.println("  wrote " + f));
        update.deleted().forEach(f -> out.println("  deleted " + f));
        if (update.written().isEmpty() && update.deleted().isEmpty()) {
            out.println("  no file changed");
        }
        return PASS;
    }

    /** The table, the warnings, where the reports are, and on GitHub Actions its annotations and summary. */
    private static void conclude(GateWorkflow.Result result, Path outputDirectory, Map<String, String> env, PrintStream out,
                                 PrintStream err) {
        GateReport report = result.report();
        Path markdown = outputDirectory.resolve(ReportFiles.MARKDOWN);
        new TextTableRenderer().render(report, markdown.toString(), false).forEach(out::println);
        report.warnings().forEach(w -> err.println("allocgate: warning: " + Text.plain(w)));
        out.println("Reports: " + result.reportFiles().stream().map(Path::toString).collect(Collectors.joining(", ")));
        GitHubActionsPublisher.publish(env, report, result.environment(), markdown, out, err::println);
    }

    /** Every failing benchmark and what to do, in the CLI's terms. */
    static String failureMessage(GateReport report, Path results, Path baselines, Path outputDirectory) {
        List<BenchmarkComparison> failing = report.failing();
        StringBuilder message = new StringBuilder("allocgate: ").append(failing.size())
                .append(failing.size() == 1 ? " benchmark fails" : " benchmarks fail").append(" the allocation gate:");
        for (BenchmarkComparison b : failing) {
            message.append("\n  - ").append(Text.plain(b.key().toString())).append(": ").append(b.verdict());
            for (MetricComparison m : b.metrics().values()) {
                if (m.gated() && m.verdict() == Verdict.REGRESSED) {
                    message.append(String.format(Locale.ROOT, " %s %.1f -> %.1f %s", m.metric().key(),
                            m.baseline().center(), m.current().center(), m.metric().unit()));
                }
            }
            if (!b.note().isEmpty()) {
                message.append(" (").append(Text.plain(b.note())).append(')');
            }
        }
        if (baselines != null) {
            message.append("\nIf the change is intended, run `java -jar allocgate-cli.jar record --results ").append(results)
                    .append(" --baselines ").append(baselines).append("` and commit ").append(baselines).append('.');
        }
        return message.append("\nDetails: ").append(outputDirectory.resolve(ReportFiles.MARKDOWN)).toString();
    }

    private static String errorMessage(Exception e) {
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

    private static Map<String, String> properties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("allocgate: " + problem);
        err.println("run with --help for usage");
        return AllocgateCli.USAGE;
    }
}
