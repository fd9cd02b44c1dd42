package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.ProfileTable;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.workflow.CollapsedStacks;
import dev.allocgate.core.workflow.ProfilingRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles where the selected benchmarks allocate, on demand ({@code mvn allocgate:profile -Dallocgate.include=...}):
 * one profiling fork per benchmark, nothing compared or recorded. Prints each benchmark's allocation sites (objects/op
 * and bytes/op by type, method and line) and writes them as collapsed stacks for flame graph tools to
 * {@code allocations.collapsed} in the output directory.
 */
@Mojo(name = "profile", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ProfileMojo extends AbstractRunMojo {

    /** Stack frames taken at each allocation (1 to 64); more tell longer call chains apart and cost more per allocation. */
    @Parameter(property = "allocgate.profileDepth", defaultValue = "8")
    private int profileDepth;

    @Override
    protected boolean probesEnvironment() {
        return false; // a profile is neither judged nor recorded
    }

    @Override
    protected void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException {
        if (profileDepth < 1 || profileDepth > ProfilingRun.MAX_DEPTH) {
            throw new MojoExecutionException("allocgate.profileDepth must be from 1 to " + ProfilingRun.MAX_DEPTH + ", not " + profileDepth);
        }
        Optional<Map<BenchmarkKey, AllocationProfile>> profiles = runBenchmarks((workflow, settings, counting, plan) ->
                workflow.profile(settings, counting, plan, outputDirectory.toPath(), profileDepth));
        if (profiles.isEmpty()) {
            return;
        }
        ProfileTable.lines(profiles.get()).forEach(line -> getLog().info(Text.plain(line)));
        getLog().info("allocgate: collapsed stacks (bytes per " + CollapsedStacks.OPERATIONS + " operations) in "
                + outputDirectory.toPath().resolve(CollapsedStacks.FILE));
    }
}
