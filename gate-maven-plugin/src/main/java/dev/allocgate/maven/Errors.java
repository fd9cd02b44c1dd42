package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.history.InvalidHistoryException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.MissingEnvironmentBaselinesException;
import dev.allocgate.core.baseline.BaselineConflictException;
import dev.allocgate.core.baseline.BaselineDirectoryNotWritableException;
import dev.allocgate.core.policy.PolicyException;
import dev.allocgate.core.report.Text;
import org.apache.maven.plugin.MojoExecutionException;

import java.nio.file.Path;

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
}
