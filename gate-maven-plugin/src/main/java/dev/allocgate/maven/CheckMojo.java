package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.shard.Shard;
import dev.allocgate.core.shard.ShardResults;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.io.IOException;
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
     * their output directories into one verdict. The split is deterministic and balanced by the forks the baselines
     * let expect. A shard reports its own share but does not fail the build on its verdicts: the merge decides, with
     * Holm's correction over the whole suite.
     */
    @Parameter(property = "allocgate.shard")
    private String shard;

    /**
     * Append-only history file (JSON Lines, one line per run): when set, each run's results (not a shard's: set it on {@code allocgate:merge} then) (per benchmark its median
     * bytes/op and objects/op and its verdict, with the date, the git commit and the JVM environment) are appended, and
     * report.html draws each benchmark's trend over the last runs of the same environment. Meant for the main branch's
     * CI job (keep the file in a CI cache or on a branch); leave it unset on pull requests. A corrupt line fails the
     * build naming the file and line; a torn last line (a run killed while appending) is dropped with a warning.
     */
    @Parameter(property = "allocgate.history")
    private File history;

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        Shard share = shard == null || shard.isBlank() ? null : Shard.parse(shard);
        if (share != null && history != null) {
            throw new IllegalArgumentException("allocgate.history is for a whole run: a shard has a share of the"
                    + " benchmarks only. Set -Dallocgate.history on the allocgate:merge job instead of the shards.");
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
