package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The groups the Markdown and HTML reports show benchmarks in, in reading order: regressions
 * first, unchanged last.
 */
enum Section {
    OVER_BUDGET("Over budget"),
    REGRESSIONS("Regressions"),
    IMPROVEMENTS("Improvements"),
    INCONCLUSIVE("Inconclusive"),
    NEW("New benchmarks"),
    MISSING("Missing benchmarks"),
    NOT_COMPARED("Failed or not compared"),
    UNCHANGED("Unchanged");

    final String title;

    Section(String title) {
        this.title = title;
    }

    static Section of(Verdict verdict) {
        return switch (verdict) {
            case OVER_BUDGET -> OVER_BUDGET;
            case REGRESSED -> REGRESSIONS;
            case IMPROVED -> IMPROVEMENTS;
            case INCONCLUSIVE -> INCONCLUSIVE;
            case NEW -> NEW;
            case MISSING, REMOVED -> MISSING;
            case FAILED, ENVIRONMENT_MISMATCH -> NOT_COMPARED;
            case UNCHANGED -> UNCHANGED;
        };
    }

    /** The report's benchmarks by section, sections in reading order, only non-empty ones, rows in key order. */
    static Map<Section, List<BenchmarkComparison>> group(GateReport report) {
        Map<Section, List<BenchmarkComparison>> out = new EnumMap<>(Section.class);
        for (BenchmarkComparison b : report.benchmarks()) {
            out.computeIfAbsent(of(b.verdict()), s -> new ArrayList<>()).add(b);
        }
        for (List<BenchmarkComparison> rows : out.values()) {
            rows.sort((a, b) -> a.key().compareTo(b.key()));
        }
        return out;
    }

    /** All benchmarks in section order. */
    static List<BenchmarkComparison> ordered(GateReport report) {
        List<BenchmarkComparison> out = new ArrayList<>();
        group(report).values().forEach(out::addAll);
        return out;
    }
}
