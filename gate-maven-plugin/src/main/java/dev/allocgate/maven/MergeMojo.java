package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.shard.MergedShards;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the output directories of {@code check -Dallocgate.shard=i/n} runs into one verdict and one set of reports,
 * as one unsharded {@code check} would give them (but for timings): the whole suite is compared at once, so Holm's
 * correction runs over every benchmark. Fails when a shard is missing or given twice, and as {@code check} fails.
 * Run it after {@code test-compile} in the project, so that budgets on the benchmarks apply as they did in the shards.
 */
@Mojo(name = "merge", requiresProject = false, threadSafe = true)
public class MergeMojo extends AbstractAllocgateMojo {

    /**
     * The output directories of every shard ({@code allocgate.outputDirectory} of each {@code check -Dallocgate.shard=i/n}
     * job, for example downloaded CI artifacts), comma-separated; relative paths from the current directory.
     */
    @Parameter(property = "allocgate.shards", required = true)
    private List<String> shards;

    /**
     * Append-only history file (JSON Lines, one line per run): when set, each run's results (per benchmark its median
     * bytes/op and objects/op and its verdict, with the date, the git commit and the JVM environment) are appended, and
     * report.html draws each benchmark's trend over the last runs of the same environment. Meant for the main branch's
     * CI job (keep the file in a CI cache or on a branch); leave it unset on pull requests. A corrupt line fails the
     * build naming the file and line; a torn last line (a run killed while appending) is dropped with a warning.
     */
    @Parameter(property = "allocgate.history")
    private File history;

    /** A shard directory: absolute, or relative to the project's directory (the current one without a project). */
    private Path directory(String path) {
        Path p = Path.of(path);
        Path base = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of("");
        return base.resolve(p).toAbsolutePath().normalize();
    }

    /** The shards read; null before. */
    private MergedShards merged;

    /** Objects/op is gated as in the shards' runs: when they counted it. */
    @Override
    protected boolean gatesObjects() {
        return merged != null && merged.measurements().stream().anyMatch(m -> m.sample(Metric.OBJECTS_PER_OP).isPresent());
    }

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        merged = MergedShards.read(shards.stream().flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).map(this::directory).toList());
        GateSettings settings = gateSettings();
        EnvironmentBaselines.Choice choice = EnvironmentBaselines.forShards(baselineRoot(), merged,
                settings.environmentPolicy() == EnvironmentPolicy.FAIL ? EnvironmentBaselines.Purpose.CHECK
                        : EnvironmentBaselines.Purpose.CHECK_ALLOW_MISSING);
        chosenBaselines(choice.store().directory());
        getLog().info("allocgate: merging " + merged.directories().size() + " shards (" + merged.suite().size()
                + " benchmarks) against the baselines of environment " + choice.environment() + ": "
                + choice.store().directory());
        Path out = outputDirectory.toPath();
        GateWorkflow.Result result = new GateWorkflow(line -> { }, line -> { }).merge(merged, choice.store(), settings, out);
        appendHistory(result, history);
        conclude(result, true);
    }
}
