package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line summary shared by every format. */
final class Summaries {
    private Summaries() {
    }

    /** What the reports say about undecided benchmarks: how they stand, and what may decide them. */
    static final String UNDECIDED_EXPLANATION = "the gate could neither pass nor fail them (a gated metric is"
            + " INCONCLUSIVE); more forks (allocgate.maxForks, or allocgate.forks with engine=fixed) may decide them";

    /** A benchmark the gate could not decide, and why, in the words of its notes (unescaped). */
    record Undecided(BenchmarkComparison benchmark, String reason) {
    }

    /**
     * The benchmarks that are INCONCLUSIVE, or have a gated metric that is (behind a worse verdict of another metric),
     * in reading order.
     */
    static List<Undecided> undecided(GateReport report) {
        List<Undecided> out = new ArrayList<>();
        for (BenchmarkComparison b : Section.ordered(report)) {
            StringBuilder reason = new StringBuilder();
            for (MetricComparison m : b.metrics().values()) {
                if (m.gated() && m.verdict() == Verdict.INCONCLUSIVE) {
                    reason.append(reason.isEmpty() ? "" : "; ").append(m.metric().key()).append(": ")
                            .append(m.note().isEmpty() ? "the forks neither show a change nor rule one out" : m.note());
                }
            }
            if (reason.isEmpty() && b.verdict() == Verdict.INCONCLUSIVE) {
                reason.append(Cells.note(b).isEmpty() ? "the forks neither show a change nor rule one out" : Cells.note(b));
            }
            if (!reason.isEmpty()) {
                out.add(new Undecided(b, reason.toString()));
            }
        }
        return out;
    }

    /** {@code PASS}, {@code PASS with 2 undecided} or {@code FAIL}: a pass never hides what it could not decide. */
    static String verdictWord(GateReport report) {
        if (!report.passed()) {
            return "FAIL";
        }
        long undecided = undecided(report).size();
        return undecided == 0 ? "PASS" : "PASS with " + undecided + " undecided";
    }

    static String oneLine(GateReport report) {
        int total = report.benchmarks().size();
        Map<Verdict, Long> counts = report.counts();
        String detail = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        return verdictWord(report) + ": " + total + " benchmark" + (total == 1 ? "" : "s")
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /**
     * The headline in the form, e.g. {@code 2 of 14 benchmarks regressed, 1 new, 1 missing}:
     * how many regressed, then the count of every other verdict except unchanged, in verdict order.
     */
    static String headline(GateReport report) {
        int total = report.benchmarks().size();
        if (total == 0) {
            return "no benchmarks compared";
        }
        Map<Verdict, Long> counts = report.counts();
        StringBuilder out = new StringBuilder()
                .append(counts.getOrDefault(Verdict.REGRESSED, 0L)).append(" of ").append(total)
                .append(total == 1 ? " benchmark" : " benchmarks").append(" regressed");
        counts.forEach((verdict, n) -> {
            if (verdict != Verdict.REGRESSED && verdict != Verdict.UNCHANGED) {
                out.append(", ").append(n).append(' ').append(word(verdict));
            }
        });
        return out.toString();
    }

    /** {@link #headline} followed by {@code ; see <path>} when a path is given. */
    static String headline(GateReport report, String reportPath) {
        return reportPath == null || reportPath.isEmpty() ? headline(report) : headline(report) + "; see " + reportPath;
    }

    static String word(Verdict verdict) {
        return verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
