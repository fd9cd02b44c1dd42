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
}
