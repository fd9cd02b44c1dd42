package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.workflow.BaselinesNotWrittenException;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the module's JMH benchmarks and writes their results as the new baselines. Only benchmarks
 * selected by {@code include}/{@code exclude} are replaced; the others keep their entries. Nothing is
 * written unless every selected benchmark produced a result.
 */
@Mojo(name = "record", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class RecordMojo extends AbstractRunMojo {

    /**
     * Also rewrite entries whose allocation is unchanged (fresh samples, allocation rates and
     * environment details) and every measured entry's {@code forkSeconds}. By default they keep their recorded
     * values, and a {@code forkSeconds} within a factor of 2 of the new time stays, so the baseline diff shows
     * only real changes.
     */
    @Parameter(property = "allocgate.refreshUnchanged", defaultValue = "false")
    private boolean refreshUnchanged;

    /**
     * Ratchet: replace only the entries of benchmarks that IMPROVED beyond their threshold (on the same JVM); add,
     * remove and change nothing else, so that the baselines only get tighter. {@code check} names the command when
     * a benchmark improved.
     */
    @Parameter(property = "allocgate.ratchet", defaultValue = "false")
    private boolean ratchet;

    /**
     * Store each recorded benchmark's allocation profile (its 20 largest allocation sites: type, method and line)
     * with its baseline entry, so that a later {@code check} that finds a regression names the sites that grew. Costs
     * one profiling fork per benchmark recorded (see BENCHMARKS.md); {@code false} skips it.
     */
    @Parameter(property = "allocgate.recordProfiles", defaultValue = "true")
    private boolean recordProfiles;

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        Optional<GateWorkflow.Recorded> recorded;
        try {
            recorded = runBenchmarks((workflow, settings, counting, plan) -> workflow.recordProfiles(recordProfiles)
                    .record(settings, counting, plan, baselineStore(settings, EnvironmentBaselines.Purpose.RECORD),
                            gateSettings(), outputDirectory.toPath(), refreshUnchanged, ratchet));
        } catch (BaselinesNotWrittenException e) {
            conclude(e.result(), false); // what was measured is shown (and in the reports) before the error
            throw new MojoExecutionException("allocgate: " + e.getMessage() + "\nThe measurements are in "
                    + outputDirectory.toPath().resolve(ReportFiles.JSON) + "; make " + e.directory() + " writable (or set"
                    + " -Dallocgate.baselines to a writable directory) and run `mvn allocgate:record` again.", e);
        }
        if (recorded.isEmpty()) {
            return;
        }
        conclude(recorded.get().result(), false);
        UpdateSummary update = recorded.get().update();
        getLog().info(String.format("allocgate: baselines in %s%s: %s", baselineDirectory(),
                ratchet ? " (ratchet: only improved entries)" : "", update.counts()));
        for (Path file : update.written()) {
            getLog().info("  wrote " + file);
        }
        for (Path file : update.deleted()) {
            getLog().info("  deleted " + file);
        }
        if (update.written().isEmpty() && update.deleted().isEmpty()) {
            getLog().info("  no file changed");
        }
    }
}
