package dev.allocgate.cli;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.InvalidSettingException;
import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.report.FailureMessage;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.shard.MergedShards;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar allocgate-cli.jar merge --shards DIR,DIR,... --baselines DIR [options]}: what
 * {@code mvn allocgate:merge} does, without Maven: the same settings and rules as the other judging commands (no
 * {@code @AllocationBudget}s, which need the compiled classes), the same reports and exit status.
 */
final class MergeCommand {

    static final String DEFAULT_OUTPUT_DIRECTORY = "target/allocgate";

    private static final String SYNOPSIS = """
            usage: java -jar allocgate-cli.jar merge --shards DIR,DIR,... --baselines DIR [options]

            Joins the output directories of `allocgate:check -Dallocgate.shard=i/n` jobs into one verdict and one
            set of reports (report.json, report.md, report.html, TEST-allocgate.xml), as one unsharded check gives
            them, under the settings and rules given here.
            """;

    private static final String EXIT_STATUS = """
            Exit status: 0 the gate passed; 1 the gate failed; 2 usage error; 3 unusable input (a shard missing,
            given twice or from another run, a corrupt baseline file) or an I/O error.
            """;

    private MergeCommand() {
    }

    private record Syntax(CommandLine line, JudgingOptions judging, OptionSpec<String> shards,
                          OptionSpec<String> baselines, OptionSpec<String> output) {
    }

    private static Syntax syntax() {
        Set<String> asOptions = Set.of(GateConfiguration.BASELINES, GateConfiguration.OUTPUT_DIRECTORY,
                GateConfiguration.RESULTS, GateConfiguration.AGAINST, GateConfiguration.INCLUDE, GateConfiguration.EXCLUDE,
                GateConfiguration.REFRESH_UNCHANGED, GateConfiguration.RATCHET);
        CommandLine line = new CommandLine("merge", SYNOPSIS, JudgingOptions.settingsHelp(asOptions) + "\n" + EXIT_STATUS);
        OptionSpec<String> shards = line.value("shards", "DIR,...", "every shard's output directory, comma-separated",
                "required");
        OptionSpec<String> baselines = line.value("baselines", "DIR", "the baseline directory (baselines/<artifactId>)",
                "required");
        OptionSpec<String> output = line.value(List.of("output-directory", "output"), "DIR", "where the reports go",
                DEFAULT_OUTPUT_DIRECTORY);
        JudgingOptions judging = new JudgingOptions(line, asOptions);
        return new Syntax(line, judging, shards, baselines, output);
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Syntax syntax = syntax();
        CommandLine line = syntax.line();
        return line.run(args, out, err, set -> {
            if (!set.has(syntax.shards()) || !set.has(syntax.baselines())) {
                throw line.usage("--shards and --baselines are required");
            }
            GateConfiguration c = syntax.judging().configuration(set);
            List<Path> shards = Arrays.stream(set.valueOf(syntax.shards()).split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
            Path baselines = Path.of(set.valueOf(syntax.baselines())).toAbsolutePath().normalize();
            Path output = Path.of(set.has(syntax.output()) ? set.valueOf(syntax.output()) : DEFAULT_OUTPUT_DIRECTORY)
                    .toAbsolutePath().normalize();
            return merge(syntax, set, c, shards, baselines, output, env, out, err);
        });
    }

    private static int merge(Syntax syntax, OptionSet set, GateConfiguration c, List<Path> shards, Path baselines,
                             Path output, Map<String, String> env, PrintStream out, PrintStream err)
            throws CommandLine.UsageException {
        try {
            c.gateSettings(c.objects()); // every setting checked before the shards are read
            MergedShards merged = MergedShards.read(shards);
            Policy policy = syntax.judging().policy(set, merged.measurements().stream().map(Measurement::key).toList(),
                    "in the shards");
            boolean countedObjects = merged.measurements().stream().anyMatch(m -> m.sample(Metric.OBJECTS_PER_OP).isPresent());
            // The shards were measured by the Maven goals, so the reports name their record command (the default).
            GateSettings settings = c.gateSettings(c.objects() && countedObjects).withPolicy(policy);
            EnvironmentBaselines.Choice choice = EnvironmentBaselines.forShards(baselines, merged,
                    settings.environmentPolicy() == EnvironmentPolicy.FAIL ? EnvironmentBaselines.Purpose.CHECK
                            : EnvironmentBaselines.Purpose.CHECK_ALLOW_MISSING);
            GateWorkflow.Result result = new GateWorkflow(l -> { }, l -> { }).merge(merged, choice.store(), settings, output);
            GateCommands.conclude(result, output, env, out, err);
            GateReport report = result.report();
            if (!report.passed()) {
                err.println(FailureMessage.of(report, choice.store().directory(), output.resolve(ReportFiles.MARKDOWN)));
                return GateCommands.GATE_FAILED;
            }
            return GateCommands.PASS;
        } catch (InvalidSettingException e) {
            throw syntax.line().usage(e.getMessage());
        } catch (AllocgateException | IOException | IllegalArgumentException e) {
            err.println(GateCommands.errorMessage(e));
            return GateCommands.ERROR;
        }
    }
}
