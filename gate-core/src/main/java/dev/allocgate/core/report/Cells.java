package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.stats.Summary;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Metric;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** A summary's center as the reports show it: {@code 0} below the metric's noise floor, "-" when absent. */
    static String value(Metric metric, Summary s) {
        return s == null ? "-" : number(metric, s.center());
    }

    /** A value of {@code metric} as the reports show it: {@code 0} below its noise floor, else {@link #number(double)}. */
    static String number(Metric metric, double v) {
        return metric.readsZero(v) ? "0" : number(v);
    }

    /** Appends {@link #number(Metric, double)}'s text to {@code out}. */
    static StringBuilder appendNumber(StringBuilder out, Metric metric, double v) {
        return metric.readsZero(v) ? out.append('0') : appendNumber(out, v);
    }

    /**
     * The report's one statement of the noise floors, e.g. {@code values below 0.05 B/op and 0.01 objects/op read 0},
     * when some baseline or current value of the given metrics reads 0 without being 0; empty otherwise.
     */
    static String zeroFootnote(GateReport report, List<Metric> metrics) {
        boolean hidden = false;
        for (BenchmarkComparison b : report.benchmarks()) {
            for (Metric metric : metrics) {
                MetricComparison m = b.metric(metric);
                if (m != null && (hidesValue(metric, m.baseline()) || hidesValue(metric, m.current()))) {
                    hidden = true;
                    break;
                }
            }
            if (hidden) {
                break;
            }
        }
        if (!hidden) {
            return "";
        }
        List<String> floors = new ArrayList<>();
        for (Metric metric : metrics) {
            if (metric.noiseFloor() > 0) {
                floors.add(java.math.BigDecimal.valueOf(metric.noiseFloor()).stripTrailingZeros().toPlainString() + " " + metric.unit());
            }
        }
        return "values below " + String.join(" and ", floors) + " read 0 (measurement noise; report.json has the exact numbers)";
    }

    /**
     * The percentage change for a message, e.g. {@code " (+12.5%)"}; empty when there is none or the baseline reads 0
     * (a percentage of noise, such as 0.0003 to 0.0004 B/op, is not a change).
     */
    static String percentChangeOf(MetricComparison m) {
        double pct = m.deltaPercent();
        if (Double.isNaN(pct) || m.baseline() != null && m.metric().readsZero(m.baseline().center())) {
            return "";
        }
        return percentChange(pct);
    }

    private static boolean hidesValue(Metric metric, Summary s) {
        return s != null && s.center() != 0 && metric.readsZero(s.center());
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && a < 0.05) {
            return DecimalText.general(v, 2);
        }
        if (a >= SCIENTIFIC_FROM) {
            return DecimalText.general(v, 4); // 1.000e+300, not 301 digits
        }
        return DecimalText.fixed(v, fixedDecimals(a));
    }

    /** From here (a terabyte per operation) a value is absurd, and whole-number text would run to hundreds of digits. */
    private static final double SCIENTIFIC_FROM = 1e12;

    /** Appends {@link #number(double)}'s text to {@code out} without making a String of it (reports print hundreds of thousands). */
    static StringBuilder appendNumber(StringBuilder out, double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v) || a != 0 && a < 0.05 || a >= SCIENTIFIC_FROM) {
            return out.append(number(v));
        }
        return DecimalText.appendFixed(out, v, fixedDecimals(a), false);
    }

    /** Whole numbers from 10,000 (allocations of kilobytes and more), one decimal below. */
    private static int fixedDecimals(double magnitude) {
        return magnitude >= 10_000 ? 0 : 1;
    }

    /** A percentage change as {@code " (+12.5%)"}. */
    static String percentChange(double percent) {
        if (Math.abs(percent) >= SCIENTIFIC_FROM) {
            return " (" + (percent > 0 ? "+" : "") + DecimalText.general(percent, 4) + "%)";
        }
        return DecimalText.appendFixed(new StringBuilder(16).append(" ("), percent, 1, true).append("%)").toString();
    }

    /** "~" for unchanged, otherwise the signed change and percentage. */
    static String delta(MetricComparison m) {
        if (m == null || m.baseline() == null || m.current() == null || m.method() == MetricComparison.Method.NONE) {
            return "-"; // not compared (one side missing, or a different JVM)
        }
        if (m.verdict() == Verdict.UNCHANGED) {
            return "~";
        }
        double d = m.delta();
        String abs = m.metric().readsZero(d) ? "+0" : (d >= 0 ? "+" : "") + number(d);
        if (m.metric().readsZero(m.baseline().center()) || Double.isNaN(m.deltaPercent())) {
            // no percentage of nothing (or of noise)
            return m.metric().readsZero(m.current().center()) ? abs : abs + " (new allocation)";
        }
        return abs + percentChange(m.deltaPercent());
    }

    static String p(MetricComparison m) {
        if (m == null) {
            return "-";
        }
        return switch (m.method()) {
            case EXACT -> "exact";
            case U_TEST -> DecimalText.general(m.pValue(), 3);
            case NONE -> "-";
        };
    }

    /** The verdict word, with the benchmark note when the verdict alone does not explain it. */
    static String verdict(BenchmarkComparison b) {
        return b.policy().informational() && b.verdict() != Verdict.UNCHANGED ? b.verdict().name() + " (informational)"
                : b.verdict().name();
    }

    /**
     * The metrics that get value columns (and charts): bytes per operation always, then every other
     * metric that some benchmark of the report has and that is either per operation (its unit ends
     * in {@code /op}, such as objects per op) or gated. Informational rates stay out of the tables;
     * they are in report.json.
     */
    static List<Metric> tableMetrics(GateReport report) {
        Set<Metric> present = EnumSet.noneOf(Metric.class);
        for (BenchmarkComparison b : report.benchmarks()) {
            present.addAll(b.metrics().keySet());
        }
        List<Metric> out = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (metric == Metric.BYTES_PER_OP
                    || present.contains(metric) && (metric.unit().endsWith("/op") || report.settings().isGated(metric))) {
                out.add(metric);
            }
        }
        return out;
    }

    /**
     * The note that explains a row: the benchmark's own, else its metrics' notes, each named by its
     * metric. Notes of informational comparisons (the allocation rate by default) are left to
     * report.json: they cannot change the verdict.
     */
    static String note(BenchmarkComparison b) {
        if (!b.note().isEmpty()) {
            return b.note();
        }
        StringBuilder notes = null; // a loop, not a stream: every report asks this of every benchmark
        for (MetricComparison m : b.metrics().values()) {
            if (!m.note().isEmpty() && (m.gated() || m.method() == MetricComparison.Method.NONE)) {
                notes = notes == null ? new StringBuilder() : notes.append("; ");
                notes.append(m.metric().key()).append(": ").append(m.note());
            }
        }
        return notes == null ? "" : notes.toString();
    }

    /** The practical threshold in words, e.g. {@code max(1.0 %, 4.0 B/op)}; "-" when the settings have none. */
    static String threshold(GateReport report, Metric metric) {
        var t = report.settings().threshold(metric);
        return t == null ? "-" : "max(" + number(t.relativePercent()) + " %, " + number(t.absolute()) + " " + metric.unit() + ")";
    }

    /**
     * How a metric is judged, e.g. {@code gated, threshold max(1.0 %, 4.0 B/op), JMH allowance 8192.0 B per iteration}.
     */
    static String judged(GateReport report, Metric metric) {
        double infra = report.settings().infraPerIteration(metric);
        return (report.settings().isGated(metric) ? "gated" : "informational") + ", threshold " + threshold(report, metric)
                + (infra > 0 ? ", JMH allowance " + number(infra) + " " + metric.unit().replace("/op", "") + " per iteration"
                        + (metric == Metric.BYTES_PER_OP && infra > JmhResultReader.JMH_WORKER_BYTES_PER_ITERATION
                                ? " (" + number(JmhResultReader.JMH_WORKER_BYTES_PER_ITERATION)
                                        + " B where bytes/op counts the benchmark's threads only)" : "") : "");
    }

    /** Non-null fields of an environment as label and value, in a fixed order. */
    static List<Map.Entry<String, String>> environment(Environment e) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        add(out, "JDK", e.jdkVersion());
        add(out, "Java vendor", e.javaVendor());
        add(out, "VM", e.vmName() == null ? null : e.vmName() + (e.vmVersion() == null ? "" : " " + e.vmVersion()));
        add(out, "JMH", e.jmhVersion());
        add(out, "GC", e.gc());
        add(out, "compressed oops", e.compressedOops());
        add(out, "compressed class pointers", e.compressedClassPointers());
        add(out, "compact object headers", e.compactObjectHeaders());
        add(out, "max heap", e.maxHeapBytes() == null ? null : e.maxHeapBytes() / (1024 * 1024) + " MiB");
        add(out, "arch", e.arch());
        add(out, "JVM args", e.jvmArgs() == null ? null : String.join(" ", e.jvmArgs()));
        return out;
    }

    private static void add(List<Map.Entry<String, String>> out, String label, Object value) {
        if (value != null) {
            out.add(Map.entry(label, String.valueOf(value)));
        }
    }
}
