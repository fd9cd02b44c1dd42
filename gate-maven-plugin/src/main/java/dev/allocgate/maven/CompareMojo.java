package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.workflow.GateWorkflow;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * Compares an existing JMH JSON results file (from any JMH 1.21-1.37 run, Maven or Gradle) with the
 * baselines, or with a second results file, without running anything. Same table, reports and
 * failure rules as {@code check}.
 */
@Mojo(name = "compare", requiresProject = false, threadSafe = true)
public class CompareMojo extends AbstractAllocgateMojo {

    /** The JMH JSON results to judge (JMH's {@code -rf json -rff FILE}); must contain GC profiler data. */
    @Parameter(property = "allocgate.results", required = true)
    private File results;

    /** A second JMH JSON results file to use as the baseline instead of the baseline directory. */
    @Parameter(property = "allocgate.against")
    private File against;

    /**
     * Gate on objects/op as well, where the baselines have it. Results of a run without allocgate's objects/op
     * profiler (plain JMH, Gradle, sbt) do not carry it, so each benchmark whose baseline does fails as not
     * measured; set {@code false} to compare bytes/op alone (objects/op is then shown, never decisive).
     */
    @Parameter(property = "allocgate.objects", defaultValue = "true")
    private boolean objects;

    @Override
    protected boolean gatesObjects() {
        return objects;
    }

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        // With a second results file the baseline directory is not read (and outside a project there is none).
        GateWorkflow.Result result = new GateWorkflow(line -> { }, line -> { }).compare(results.toPath(),
                against == null ? null : against.toPath(), against == null ? baselineStore() : null, filter(),
                gateSettings(), outputDirectory.toPath());
        conclude(result, true);
    }
}
