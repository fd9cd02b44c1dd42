package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.stats.Summary;

import java.util.List;
import java.util.Locale;

/** Text of the table cells shared by the console and Markdown renderers, before any escaping. */
final class Cells {
    private Cells() {
    }

    /**
     * Benchmark names without the package prefix that all of them share, so columns stay readable
     * while names stay distinct.
     */
    static String commonPackagePrefix(List<BenchmarkKey> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        String prefix = keys.get(0).benchmarkClass();
        for (BenchmarkKey k : keys) {
            String cls = k.benchmarkClass();
            while (!prefix.isEmpty() && !(cls + ".").startsWith(prefix + ".")) {
                int dot = prefix.lastIndexOf('.');
                prefix = dot < 0 ? "" : prefix.substring(0, dot);
            }
        }
        // Keep the class name itself: strip only whole package segments.
        if (keys.stream().allMatch(k -> k.benchmarkClass().equals(keys.get(0).benchmarkClass()))) {
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        return prefix.isEmpty() ? "" : prefix + ".";
    }

    static String name(BenchmarkKey key, String prefix) {
        return key.benchmark().startsWith(prefix) ? key.benchmark().substring(prefix.length()) : key.benchmark();
    }

    static String params(BenchmarkKey key) {
        String p = key.paramsLabel();
        return p.isEmpty() ? "-" : p;
    }

    static String value(Summary s) {
        return s == null ? "-" : number(s.center());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && a < 0.05) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return String.format(Locale.ROOT, a >= 10_000 ? "%.0f" : "%.1f", v);
    }

    /** "~" for unchanged, otherwise the signed change and percentage. */
    static String delta(MetricComparison m) {
        if (m == null || m.baseline() == null || m.current() == null) {
            return "-";
        }
        if (m.verdict() == Verdict.UNCHANGED) {
            return "~";
        }
        double d = m.delta();
        String abs = (d >= 0 ? "+" : "") + number(d);
        double pct = m.deltaPercent();
        if (Double.isNaN(pct)) {
            return abs + " (new allocation)";
        }
        return abs + String.format(Locale.ROOT, " (%+.1f%%)", pct);
    }

    static String p(MetricComparison m) {
        if (m == null) {
            return "-";
        }
        return switch (m.method()) {
            case EXACT -> "exact";
            case U_TEST -> String.format(Locale.ROOT, "%.3g", m.pValue());
            case NONE -> "-";
        };
    }

    /** The verdict word, with the benchmark note when the verdict alone does not explain it. */
    static String verdict(BenchmarkComparison b) {
        return b.verdict().name();
    }
}
