package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.Verdict;

import java.util.Map;
import java.util.stream.Collectors;

/** The one-line summary shared by every format. */
final class Summaries {
    private Summaries() {
    }

    static String oneLine(GateReport report) {
        int total = report.benchmarks().size();
        Map<Verdict, Long> counts = report.counts();
        String detail = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        return (report.passed() ? "PASS" : "FAIL") + ": " + total + " benchmark" + (total == 1 ? "" : "s")
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
