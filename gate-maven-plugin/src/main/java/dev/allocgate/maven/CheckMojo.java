package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.util.Optional;

/**
 * Runs the module's JMH benchmarks with the GC profiler, compares bytes per operation with the
 * committed baselines, prints the table, writes report.json and report.md, and fails the build
 * when a benchmark regressed, went missing or crashed.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class CheckMojo extends AbstractRunMojo {

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        Optional<GateWorkflow.Result> result = runBenchmarks((workflow, settings, counting, plan) ->
                workflow.check(settings, counting, plan, baselineStore(settings, EnvironmentBaselines.Purpose.CHECK),
                        gateSettings(), outputDirectory.toPath()));
        if (result.isPresent()) {
            conclude(result.get(), true);
        }
    }
}
