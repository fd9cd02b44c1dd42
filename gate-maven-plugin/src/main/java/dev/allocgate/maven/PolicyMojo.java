package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.report.Text;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Prints the policy each compiled benchmark is gated by (its rule from {@code <rules>}, its
 * {@code @AllocationBudget}s) without running anything; fails as {@code check} would on a rule or budget that cannot
 * apply. Needs the compiled classes ({@code mvn test-compile allocgate:policy}).
 */
@Mojo(name = "policy", threadSafe = true)
public class PolicyMojo extends AbstractAllocgateMojo {

    /** Nothing is measured here; the thresholds printed are the ones a run that counts objects would use. */
    @Override
    protected boolean gatesObjects() {
        return true;
    }

    @Override
    protected void run() throws AllocgateException, IOException {
        Policy policy = policy();
        List<String> names = compiledBenchmarks().benchmarks().stream().toList();
        if (names.isEmpty()) {
            getLog().info("allocgate: no compiled @Benchmark methods in " + classDirectories()
                    + "; compile first (`mvn test-compile allocgate:policy`)");
            return;
        }
        getLog().info("allocgate: policy of " + names.size() + (names.size() == 1 ? " benchmark" : " benchmarks") + " ("
                + policy.rules().size() + (policy.rules().size() == 1 ? " rule" : " rules")
                + "; the run's thresholds: " + threshold(Metric.BYTES_PER_OP) + ", " + threshold(Metric.OBJECTS_PER_OP) + "):");
        for (String name : names) {
            if (policy.ignores(name)) {
                getLog().info("  " + Text.plain(name) + ": ignored (not run) by " + policy.explain(name).get(0));
                continue;
            }
            List<String> lines = policy.explain(name);
            getLog().info("  " + Text.plain(name) + ": " + Text.plain(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                getLog().info("      " + Text.plain(line));
            }
        }
    }

    /** {@code bytesPerOp max(1.0 %, 4.0 B/op)}. */
    private String threshold(Metric metric) {
        Threshold t = gateSettings().threshold(metric);
        return String.format(Locale.ROOT, "%s max(%s %%, %s %s)", metric.key(), t.relativePercent(), t.absolute(), metric.unit());
    }
}
