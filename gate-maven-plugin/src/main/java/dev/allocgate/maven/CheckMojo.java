package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.git.BaseWorktree;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.shard.Shard;
import dev.allocgate.core.shard.ShardResults;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the module's JMH benchmarks with the GC profiler, compares bytes per operation with the
 * committed baselines, prints the table, writes report.json and report.md, and fails the build
 * when a benchmark regressed, went missing or crashed.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class CheckMojo extends AbstractRunMojo {

    /**
     * Run one share of the selected benchmarks, {@code i/n} (1-based): the n jobs of a CI matrix each run
     * {@code -Dallocgate.shard=1/n} ... {@code n/n} (same commit, same settings) and {@code allocgate:merge} joins
     * their output directories into one verdict. The split is deterministic, balanced by the cost the baselines
     * recorded (each entry's {@code forkSeconds} times the forks it lets expect) and stable: adding a benchmark moves
     * only a few others. A shard reports its own share but does not fail the build on its verdicts: the merge decides, with
     * Holm's correction over the whole suite.
     */
    @Parameter(property = "allocgate.shard")
    private String shard;

    /**
     * Append-only history file (JSON Lines, one line per run): when set, each run's results (per benchmark its median
     * bytes/op and objects/op and its verdict, with the date, the git commit and the JVM environment) are appended, and
     * report.html draws each benchmark's trend over the last runs of the same environment. Meant for the main branch's
     * CI job (keep the file in a CI cache or on a branch); leave it unset on pull requests and on shards (set it on
     * {@code allocgate:merge} instead). A corrupt line fails the
     * build naming the file and line; a torn last line (a run killed while appending) is dropped with a warning.
     */
    @Parameter(property = "allocgate.history")
    private File history;

    /**
     * A git ref (branch, tag or commit, e.g. {@code origin/main}) to compare with instead of the recorded baselines:
     * allocgate checks that revision out into a temporary worktree under {@code target/allocgate/against}, builds its
     * benchmark module there with this Maven (same settings, offline mode and local repository, {@code -DskipTests},
     * log in {@code target/allocgate/against/base-build.log}), then measures both revisions in this job, in
     * alternating rounds, as many forks each as the statistics need. Same verdicts and reports; no baseline file is
     * read or written. Needs git, the project's git history (a CI checkout must fetch the ref), and this plugin in
     * the local repository.
     */
    @Parameter(property = "allocgate.against")
    private String against;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    private PluginDescriptor plugin;

    /** The pom Maven was started with (the build's root), from which the base revision is built as this one is. */
    private Path rootPom() {
        File pom = session().getRequest().getPom();
        return (pom != null ? pom : session().getTopLevelProject().getFile()).toPath().toAbsolutePath();
    }

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        Shard share = shard == null || shard.isBlank() ? null : Shard.parse(shard);
        if (share != null && history != null) {
            throw new IllegalArgumentException("allocgate.history is for a whole run: a shard has a share of the"
                    + " benchmarks only. Set -Dallocgate.history on the allocgate:merge job instead of the shards.");
        }
        if (against != null && !against.isBlank()) {
            if (share != null) {
                throw new IllegalArgumentException("allocgate.against and allocgate.shard cannot be combined: a shard"
                        + " is judged by allocgate:merge against recorded baselines");
            }
            if (history != null) {
                throw new IllegalArgumentException("allocgate.history records the main branch's runs against its"
                        + " baselines; a base-vs-PR run (allocgate.against) is not one. Leave allocgate.history unset"
                        + " in pull-request jobs.");
            }
            Path profiler = profilerJar();
            Optional<GateWorkflow.Result> result = runBenchmarks((workflow, settings, counting, plan) -> {
                Path directory = outputDirectory.toPath().resolve("against");
                try (BaseWorktree worktree = BaseWorktree.create(against.trim(), project.getBasedir().toPath(), directory)) {
                    getLog().info("allocgate: building the base revision " + worktree.revision().ref() + " ("
                            + worktree.revision().shortId() + ") in " + worktree.root() + "; its log: "
                            + directory.resolve(BaseRevisionBuild.LOG));
                    RunSettings base = BaseRevisionBuild.build(worktree, Path.of(System.getProperty("maven.home")),
                            session().getRequest(), plugin, rootPom(),
                            project.getBasedir().toPath(), directory, settings, profiler);
                    return workflow.checkAgainst(settings, base, worktree.revision(), counting, plan, gateSettings(),
                            outputDirectory.toPath());
                }
            });
            if (result.isPresent()) {
                conclude(result.get(), true);
            }
            return;
        }
        Optional<GateWorkflow.Result> result = runBenchmarks((workflow, settings, counting, plan) ->
                workflow.check(settings, counting, plan, baselineStore(settings, EnvironmentBaselines.Purpose.CHECK),
                        gateSettings(), outputDirectory.toPath(), share));
        if (result.isPresent()) {
            appendHistory(result.get(), history);
            conclude(result.get(), share == null);
            if (share != null) {
                getLog().info("allocgate: shard " + share + " measured " + result.get().measurements().size()
                        + " benchmark runs; its results for allocgate:merge are in "
                        + outputDirectory.toPath().resolve(ShardResults.FILE) + ". The verdict comes from `mvn"
                        + " allocgate:merge -Dallocgate.shards=DIR,DIR,...` over every shard's output directory.");
            }
        }
    }
}
