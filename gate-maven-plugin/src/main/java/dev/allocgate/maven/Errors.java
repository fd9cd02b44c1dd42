package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.history.InvalidHistoryException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.MissingEnvironmentBaselinesException;
import dev.allocgate.core.baseline.BaselineConflictException;
import dev.allocgate.core.baseline.BaselineDirectoryNotWritableException;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.policy.PolicyException;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.report.Text;
import org.apache.maven.plugin.MojoExecutionException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The one place where core failures become Maven messages, each with what to do about it. */
final class Errors {
    private Errors() {
    }

    static MojoExecutionException of(AllocgateException e) {
        String message;
        if (e instanceof InvalidBaselineException b) {
            message = "allocgate: invalid baseline file " + e.getMessage()
                    + "\nThe file was not changed. Restore it from version control (git checkout -- " + b.file()
                    + "), or delete it and run `mvn allocgate:record` to measure it again.";
        } else if (e instanceof InvalidResultsException r) {
            message = "allocgate: unusable JMH results " + e.getMessage() + "\n" + resultsHint(e.getMessage(), r.file());
        } else if (e instanceof BaselineConflictException) {
            message = "allocgate: " + e.getMessage() + "\nAnother `allocgate:record` wrote these baselines meanwhile; "
                    + "run `mvn allocgate:record` again.";
        } else if (e instanceof MissingEnvironmentBaselinesException m) {
            message = "allocgate: " + e.getMessage() + ".\nRecord them with this JVM: `mvn allocgate:record` (with the"
                    + " same -Dallocgate.jvm, toolchain and -Dallocgate.jvmArgs as this run) writes " + m.directory()
                    + " beside the others; commit it. To run without gating on this JVM, set"
                    + " -Dallocgate.onEnvironmentMismatch=skip (every benchmark is then NEW).";
        } else if (e instanceof PolicyException p) {
            message = "allocgate: the per-benchmark policy cannot be applied, so nothing was run:\n  - "
                    + String.join("\n  - ", p.problems().stream().map(Text::plain).toList())
                    + "\nRules are <rules> in the plugin's configuration, budgets @AllocationBudget on the benchmarks;"
                    + " `mvn allocgate:policy` shows what applies to each benchmark.";
        } else if (e instanceof BaselineDirectoryNotWritableException w) {
            message = "allocgate: " + e.getMessage() + "; no benchmark was run. Make " + w.directory() + " writable, or"
                    + " set -Dallocgate.baselines to a writable directory.";
        } else if (e instanceof InvalidHistoryException h) {
            message = "allocgate: invalid history file " + e.getMessage() + "\nNothing was appended and the file was not"
                    + " changed. Restore it from where the CI keeps it (cache, artifact or branch), or delete that line"
                    + (h.line() > 0 ? " (" + h.line() + ")" : "") + " if it was edited by hand; -Dallocgate.history names"
                    + " the file.";
        } else if (e instanceof BenchmarkRunException) {
            message = "allocgate: benchmark run failed: " + e.getMessage();
        } else {
            message = "allocgate: " + e.getMessage();
        }
        return new MojoExecutionException(message, e);
    }

    /** What to do about an unusable results file: the hint that fits what is wrong with it. */
    private static String resultsHint(String message, Path file) {
        if (message.contains("does not exist") || message.contains("is a directory")) {
            return "Give the JSON file JMH wrote (JMH's -rf json -rff FILE) as -Dallocgate.results=FILE.";
        }
        if (message.contains("GC profiler") || message.contains("gc.alloc.rate")) {
            return "JMH must run with the GC profiler (-prof gc) and write JSON (-rf json); run the benchmarks again"
                    + " that way and compare the new file.";
        }
        return "Check that " + file + " is the JSON file JMH wrote (-rf json), complete and unedited; run the benchmarks"
                + " again if it is not.";
    }

    /** Names every benchmark that failed the gate, with old -> new where there is one, and the fix. */
    static String failureMessage(GateReport report, Path baselineDirectory, Path markdownReport) {
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
            out.append("\nIf the increase is intended, run `mvn allocgate:record` and commit ")
                    .append(baselineDirectory == null ? "the baselines it writes" : baselineDirectory).append('.');
        }
        if (missing) {
            out.append("\nA benchmark that was removed or renamed on purpose leaves the baselines with `mvn allocgate:record`.");
        }
        if (mismatch) {
            out.append("\nBaselines recorded on another JVM configuration are not compared: record baselines for this JVM "
                    + "with `mvn allocgate:record` (they go to a directory of their own beside the others, named after the"
                    + " JVM's environment, for example jdk25/), or set -Dallocgate.onEnvironmentMismatch=skip.");
        }
        out.append("\nDetails: ").append(markdownReport);
        return out.toString();
    }

    /** One decimal, as in the table; a huge value in scientific notation, never hundreds of digits. */
    private static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e12 ? "%.4g" : "%.1f", v);
    }
}
