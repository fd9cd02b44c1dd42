package dev.allocgate.cli;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.report.TextTableRenderer;
import dev.allocgate.core.shard.MergedShards;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar allocgate-cli.jar merge --shards DIR,DIR,... --baselines DIR [--output DIR]}: what
 * {@code mvn allocgate:merge} does, without Maven, with the gate's default thresholds.
 */
final class MergeCommand {

    /** Exit status of a failed gate. */
    static final int FAILED = 1;

    static final String USAGE_TEXT = """
            usage: java -jar allocgate-cli.jar merge --shards DIR,DIR,... --baselines DIR [--output DIR]

            Joins the output directories of `allocgate:check -Dallocgate.shard=i/n` jobs into one verdict and one
            set of reports (report.json, report.md, report.html, TEST-allocgate.xml), as one unsharded check gives
            them, with the gate's default thresholds.

              --shards LIST      every shard's output directory, comma-separated (required)
              --baselines DIR    the baseline directory (baselines/<artifactId>; required)
              --output DIR       where the reports go (default target/allocgate)

            Exit status 0 when the gate passes, 1 when it fails, 2 for a usage error or unusable input.
            """;

    private MergeCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE_TEXT);
                return 0;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!List.of("--shards", "--baselines", "--output").contains(name)) {
                return usage(err, "unknown option '" + Text.plain(Text.shorten(name, 100)) + "'");
            }
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                return usage(err, name + " needs a value");
            }
            values.put(name, value);
        }
        if (values.get("--shards") == null || values.get("--baselines") == null) {
            return usage(err, "--shards and --baselines are required");
        }
        List<Path> shards = Arrays.stream(values.get("--shards").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
        Path output = Path.of(values.getOrDefault("--output", "target/allocgate")).toAbsolutePath().normalize();
        try {
            MergedShards merged = MergedShards.read(shards);
            GateSettings settings = GateSettings.defaults();
            EnvironmentBaselines.Choice choice = EnvironmentBaselines.forShards(Path.of(values.get("--baselines"))
                    .toAbsolutePath().normalize(), merged, EnvironmentBaselines.Purpose.CHECK);
            GateWorkflow.Result result = new GateWorkflow(l -> { }, l -> { }).merge(merged, choice.store(), settings, output);
            GateReport report = result.report();
            new TextTableRenderer().render(report, output.resolve(ReportFiles.MARKDOWN).toString(), false).forEach(out::println);
            report.warnings().forEach(w -> err.println("allocgate: warning: " + Text.plain(w)));
            return report.passed() ? 0 : FAILED;
        } catch (AllocgateException | IllegalArgumentException e) {
            err.println("allocgate: " + e.getMessage());
            return AllocgateCli.USAGE;
        } catch (IOException e) {
            err.println("allocgate: I/O error: " + e.getMessage());
            return AllocgateCli.USAGE;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("allocgate: " + problem);
        err.println("run merge --help for usage");
        return AllocgateCli.USAGE;
    }
}
