package dev.allocgate.core.report;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.stats.Summary;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST-allocgate.xml: the verdicts as JUnit XML in Maven Surefire's format, so every CI shows a
 * failing benchmark as a failed test.
 *
 * <p>One {@code <testsuite name="allocgate">}; one {@code <testcase>} per benchmark and gated
 * metric that some benchmark of the report has (per benchmark alone when there is none), {@code classname} the benchmark class,
 * {@code name} the method, {@code [params]} when there are any, {@code (mode)} only when the same
 * benchmark and params were measured in several modes, then the metric key, e.g.
 * {@code array[size=16] bytesPerOp}. The verdict of the metric (or of the benchmark when the
 * metric has none, e.g. a crashed benchmark) maps to:
 * <ul>
 *   <li>{@code <error>}: FAILED (the benchmark crashed or gave no result, like a test that threw);</li>
 *   <li>{@code <failure>}: any other verdict that fails the gate under the report's settings, e.g.
 *       REGRESSED with {@code message="bytesPerOp 16.0 -> 32.0 B/op (+100.0%)"}, MISSING, and
 *       ENVIRONMENT_MISMATCH, INCONCLUSIVE or NEW when the settings make them fail;</li>
 *   <li>{@code <skipped>}: NEW, INCONCLUSIVE, MISSING and ENVIRONMENT_MISMATCH when they do not
 *       fail the gate: nothing was judged, and a skipped test says exactly that;</li>
 *   <li>passed: UNCHANGED, IMPROVED, and REGRESSED when regressions are configured not to fail; the
 *       numbers are in {@code <system-out>}.</li>
 * </ul>
 * Failure and skip reasons carry the numbers, samples, interval, p-value and threshold as text.
 * All text is escaped with {@link Text#markup}, so the document is valid XML 1.0 for any name.
 * Times are 0: the gate does not time benchmarks per test case.
 */
public final class JUnitXmlReportWriter {

    /** The testsuite name, also the file name's suffix. */
    public static final String SUITE = "allocgate";

    /** The XML document. */
    public String render(GateReport report) {
        return Streaming.collect(out -> render(report, out));
    }

    /**
     * Writes the XML document to {@code out} (not closed) a chunk at a time, so the whole document
     * never has to be in memory.
     */
    public void render(GateReport report, Writer out) throws IOException {
        List<Case> cases = cases(report);
        long failures = cases.stream().filter(c -> c.kind == Kind.FAILURE).count();
        long errors = cases.stream().filter(c -> c.kind == Kind.ERROR).count();
        long skipped = cases.stream().filter(c -> c.kind == Kind.SKIPPED).count();
        StringBuilder x = new StringBuilder(2 * Streaming.CHUNK);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd\"")
                .append(" version=\"3.0\" name=\"").append(SUITE).append("\" time=\"0\" tests=\"").append(cases.size())
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
                .append("\" failures=\"").append(failures).append("\">\n  <properties>\n");
        property(x, "allocgate.verdict", report.passed() ? "PASS" : "FAIL");
        property(x, "allocgate.summary", Summaries.headline(report));
        property(x, "allocgate.undecided", String.valueOf(Summaries.undecided(report).size()));
        property(x, "allocgate.baselineSource", report.baselineSource());
        property(x, "allocgate.alpha", String.valueOf(report.settings().alpha()));
        for (Metric m : Metric.values()) {
            if (report.settings().isGated(m)) {
                property(x, "allocgate.threshold." + m.key(), Cells.threshold(report, m));
            }
        }
        x.append("  </properties>\n");
        for (Case c : cases) {
            x.append("  <testcase name=\"").append(Text.markup(c.name)).append("\" classname=\"")
                    .append(Text.markup(c.classname)).append("\" time=\"0\"");
            switch (c.kind) {
                case PASSED -> x.append(">\n    <system-out>").append(Text.markupMultiline(c.details)).append("</system-out>\n  </testcase>\n");
                case SKIPPED -> x.append(">\n    <skipped message=\"").append(Text.markup(c.message)).append("\"/>\n")
                        .append("    <system-out>").append(Text.markupMultiline(c.details)).append("</system-out>\n  </testcase>\n");
                case FAILURE, ERROR -> {
                    String element = c.kind == Kind.FAILURE ? "failure" : "error";
                    x.append(">\n    <").append(element).append(" message=\"").append(Text.markup(c.message))
                            .append("\" type=\"").append(c.type).append("\">").append(Text.markupMultiline(c.details))
                            .append("</").append(element).append(">\n  </testcase>\n");
                }
            }
            Streaming.spillIfFull(x, out);
        }
        x.append("</testsuite>\n");
        Streaming.spill(x, out);
    }

    private enum Kind { PASSED, SKIPPED, FAILURE, ERROR }

    private static final java.util.Set<Verdict> COMPARED =
            java.util.EnumSet.of(Verdict.REGRESSED, Verdict.IMPROVED, Verdict.UNCHANGED, Verdict.INCONCLUSIVE);

    private record Case(String classname, String name, Kind kind, String type, String message, String details) {
    }

    private static List<Case> cases(GateReport report) {
        // Gated metrics that some benchmark has: a metric nobody measured (objects/op without the
        // agent) would only add a skipped case per benchmark.
        java.util.Set<Metric> present = java.util.EnumSet.noneOf(Metric.class);
        report.benchmarks().forEach(b -> present.addAll(b.metrics().keySet()));
        List<Metric> gated = Arrays.stream(Metric.values()).filter(m -> report.settings().isGated(m) && present.contains(m)).toList();
        Map<String, Long> modesPerName = new HashMap<>();
        for (BenchmarkComparison b : report.benchmarks()) {
            modesPerName.merge(b.key().benchmark() + "\u0000" + b.key().paramsLabel(), 1L, Long::sum);
        }
        List<Case> out = new ArrayList<>();
        for (BenchmarkComparison b : report.benchmarks()) {
            BenchmarkKey key = b.key();
            String base = Text.plain(key.method()) + (key.params().isEmpty() ? "" : "[" + Text.plain(key.paramsLabel()) + "]")
                    + (modesPerName.get(key.benchmark() + "\u0000" + key.paramsLabel()) > 1 ? " (" + Text.plain(key.mode()) + ")" : "");
            String classname = Text.plain(key.benchmarkClass());
            if (gated.isEmpty()) {
                out.add(testCase(report, b, null, classname, base));
            }
            for (Metric metric : gated) {
                out.add(testCase(report, b, metric, classname, base + " " + metric.key()));
            }
        }
        return out;
    }

    private static Case testCase(GateReport report, BenchmarkComparison b, Metric metric, String classname, String name) {
        MetricComparison m = metric == null ? null : b.metric(metric);
        Verdict verdict = m == null || b.verdict() == Verdict.FAILED ? b.verdict() : m.verdict();
        if (metric != null && m == null && COMPARED.contains(b.verdict())) {
            // Compared on other metrics, but this one was not measured on either side: nothing to judge.
            return new Case(classname, name, Kind.SKIPPED, "NOT_MEASURED", metric.key() + " not measured for this benchmark",
                    Text.plain(b.key().toString()) + "\n");
        }
        String change = m == null ? "" : change(m);
        String message = switch (verdict) {
            case OVER_BUDGET -> "over its allocation budget";
            case REGRESSED, IMPROVED, UNCHANGED, INCONCLUSIVE -> change.isEmpty() ? verdict.name() : verdict + ": " + change;
            case NEW -> "new benchmark, no baseline" + (change.isEmpty() ? "" : ": " + change);
            case MISSING -> "in the baselines but not measured" + (change.isEmpty() ? "" : ": " + change);
            case REMOVED -> "removed on purpose";
            case ENVIRONMENT_MISMATCH -> "baseline recorded on a different JVM configuration, not compared";
            case FAILED -> "benchmark failed";
        };
        if (verdict == Verdict.REGRESSED && !change.isEmpty()) {
            message = change; // "bytesPerOp 16.0 -> 32.0 B/op (+100.0%)": the old -> new a CI shows first
        }
        String note = Cells.note(b);
        if (!note.isEmpty() && (verdict == Verdict.FAILED || verdict == Verdict.OVER_BUDGET || verdict == Verdict.ENVIRONMENT_MISMATCH || verdict == Verdict.INCONCLUSIVE)) {
            message += ": " + note;
        }
        message = Text.plain(Text.shorten(message, 500));
        // An informational benchmark's verdicts are reported and never fail.
        boolean fails = report.settings().fails(verdict) && (report.settings().fails(b) || !report.settings().fails(b.verdict()));
        StringBuilder details = new StringBuilder().append(Text.plain(b.key().toString())).append('\n')
                .append("verdict: ").append(verdict).append(fails ? " (fails the gate)" : "").append('\n');
        if (!b.policy().isDefault()) {
            details.append("policy: ").append(Text.plain(b.policy().describe())).append('\n');
        }
        if (m != null) {
            details.append(details(m));
        }
        if (!note.isEmpty()) {
            details.append("note: ").append(Text.plain(note)).append('\n');
        }
        Kind kind;
        if (verdict == Verdict.FAILED) {
            kind = Kind.ERROR;
        } else if (fails) {
            kind = Kind.FAILURE;
        } else if (verdict == Verdict.NEW || verdict == Verdict.INCONCLUSIVE || verdict == Verdict.MISSING
                || verdict == Verdict.REMOVED
                || verdict == Verdict.ENVIRONMENT_MISMATCH) {
            kind = Kind.SKIPPED;
        } else {
            kind = Kind.PASSED;
        }
        return new Case(classname, name, kind, verdict.name(), message, details.toString());
    }

    /** {@code bytesPerOp 16.0 -> 32.0 B/op (+100.0%)}, or the one side there is. */
    private static String change(MetricComparison m) {
        String unit = " " + m.metric().unit();
        if (m.baseline() != null && m.current() != null && m.method() != MetricComparison.Method.NONE) {
            return m.metric().key() + " " + Cells.number(m.metric(), m.baseline().center()) + " -> "
                    + Cells.number(m.metric(), m.current().center()) + unit + Cells.percentChangeOf(m);
        }
        if (m.current() != null) {
            return m.metric().key() + " " + Cells.number(m.metric(), m.current().center()) + unit;
        }
        return m.baseline() == null ? "" : m.metric().key() + " was " + Cells.number(m.metric(), m.baseline().center()) + unit;
    }

    private static String details(MetricComparison m) {
        StringBuilder d = new StringBuilder();
        d.append(m.metric().key()).append(m.gated() ? " (gated)" : " (informational)").append(": ").append(m.verdict()).append('\n');
        line(d, "baseline", m.baseline(), m.baselineSample(), m.metric());
        line(d, "current", m.current(), m.currentSample(), m.metric());
        if (m.method() != MetricComparison.Method.NONE) {
            Cells.appendNumber(d.append("delta: ").append(Cells.delta(m)).append(", allowed change "), m.allowedChange())
                    .append(' ').append(m.metric().unit()).append('\n');
            d.append("method: ").append(m.method());
            if (m.method() == MetricComparison.Method.U_TEST) {
                d.append(", p ").append(DecimalText.general(m.pValue(), 3))
                        .append(" (raw ").append(DecimalText.general(m.pRaw(), 3)).append(')');
                if (m.shift() != null) {
                    Cells.appendNumber(d.append(", shift "), m.metric(), m.shift().estimate()).append(" [");
                    Cells.appendNumber(d, m.metric(), m.shift().lo()).append(", ");
                    Cells.appendNumber(d, m.metric(), m.shift().hi()).append(']');
                }
            }
            d.append('\n');
        }
        return d.toString();
    }

    private static void line(StringBuilder d, String label, Summary s, Sample sample, Metric metric) {
        if (s == null) {
            return;
        }
        Cells.appendNumber(d.append(label).append(": "), metric, s.center()).append(' ').append(metric.unit()).append(" [");
        Cells.appendNumber(d, metric, s.lo()).append(", ");
        Cells.appendNumber(d, metric, s.hi()).append("], forks ");
        if (sample == null) {
            d.append('-');
        } else {
            double[] values = sample.values();
            for (int i = 0; i < values.length; i++) {
                Cells.appendNumber(i == 0 ? d : d.append(' '), metric, values[i]);
            }
        }
        d.append('\n');
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("    <property name=\"").append(Text.markup(name)).append("\" value=\"").append(Text.markup(value)).append("\"/>\n");
    }
}
