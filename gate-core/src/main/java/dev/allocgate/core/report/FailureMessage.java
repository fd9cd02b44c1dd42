package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.Metric;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The message of a failed gate, for the build log or stderr: every failing benchmark with old -> new where there is
 * one, and what to do, naming the front end's commands ({@link GateReport#settings()}'s
 * {@link dev.allocgate.core.gate.GateSettings#commands() commands}).
 */
public final class FailureMessage {
    private FailureMessage() {
    }

    /**
     * @param baselineDirectory where the baselines are, {@code null} when the run compared against a second results file
     * @param markdownReport    report.md, for the details
     */
    public static String of(GateReport report, Path baselineDirectory, Path markdownReport) {
        String record = "`" + report.settings().commands().record() + "`";
        List<BenchmarkComparison> failing = report.failing();
        StringBuilder out = new StringBuilder("allocgate: ").append(failing.size())
                .append(failing.size() == 1 ? " benchmark fails" : " benchmarks fail").append(" the allocation gate:");
        boolean regressed = false;
        boolean missing = false;
        boolean mismatch = false;
        boolean overBudget = false;
        for (BenchmarkComparison b : failing) {
            out.append("\n  - ").append(Text.plain(b.key().toString())).append(": ").append(b.verdict());
            MetricComparison bytes = b.metric(Metric.BYTES_PER_OP);
            for (MetricComparison m : b.metrics().values()) {
                if (m.gated() && m.verdict() == Verdict.REGRESSED) {
                    out.append(String.format(Locale.ROOT, " %s %s -> %s %s", m.metric().key(), number(m.baseline().center()),
                            number(m.current().center()), m.metric().unit()));
                }
            }
            if (!b.note().isEmpty()) {
                out.append(" (").append(Text.plain(b.note())).append(')');
            } else if (bytes != null && !bytes.note().isEmpty()) {
                out.append(" (").append(Text.plain(bytes.note())).append(')');
            }
            regressed |= b.verdict() == Verdict.REGRESSED || b.verdict() == Verdict.NEW || b.verdict() == Verdict.INCONCLUSIVE;
            missing |= b.verdict() == Verdict.MISSING;
            mismatch |= b.verdict() == Verdict.ENVIRONMENT_MISMATCH;
            overBudget |= b.verdict() == Verdict.OVER_BUDGET;
        }
        if (overBudget) {
            out.append("\nA budget holds whatever the baselines say: bring the allocation back under it, or raise the"
                    + " @AllocationBudget on the benchmark if the increase is intended.");
        }
        if (regressed && report.baselineMeasured()) {
            out.append("\nThe baseline side is ").append(Text.plain(report.baselineSource())).append(": there is nothing"
                    + " to record. If the increase is intended, say so in the review, and raise the benchmark's threshold"
                    + " with a <rule> or its @AllocationBudget if it is to stay.");
        } else if (regressed) {
            out.append("\nIf the increase is intended, run ").append(record).append(" and commit ")
                    .append(baselineDirectory == null ? "the baselines it writes" : baselineDirectory).append('.');
        }
        if (missing) {
            out.append("\nA benchmark that was removed or renamed on purpose leaves the baselines with ").append(record)
                    .append('.');
        }
        if (mismatch) {
            out.append("\nBaselines recorded on another JVM configuration are not compared: record baselines for this JVM"
                    + " with ").append(record).append(" (they go to a directory of their own beside the others, named"
                    + " after the JVM's environment, for example jdk25/), or set -Dallocgate.onEnvironmentMismatch=skip.");
        }
        out.append("\nDetails: ").append(markdownReport);
        return out.toString();
    }

    /** One decimal, as in the table; a huge value in scientific notation, never hundreds of digits. */
    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e12 ? "%.4g" : "%.1f", v);
    }
}
