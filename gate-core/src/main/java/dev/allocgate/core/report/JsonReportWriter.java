package dev.allocgate.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.stats.Summary;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * report.json, schema version 1: {@code verdict} (PASS or FAIL), {@code benchmarks[]} with
 * {@code benchmark}, {@code mode}, {@code params}, {@code verdict}, {@code note},
 * {@code environmentDifferences} and {@code metrics} keyed by metric name, each with
 * {@code baseline} and {@code current} (centers), {@code delta}, {@code deltaPercent}, {@code p},
 * {@code pRaw}, {@code method}, {@code verdict}, {@code gated}, {@code allowedChange}, intervals and
 * samples. Values that do not exist (no baseline, no p-value) are {@code null}.
 */
public final class JsonReportWriter {
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE) // the caller's writer buffers
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** The document as a string. */
    public String render(GateReport report) {
        return Streaming.collect(out -> render(report, out));
    }

    /**
     * Writes the document to {@code out} (not closed) one benchmark at a time, so the whole text
     * never has to be in memory.
     */
    public void render(GateReport report, Writer out) throws IOException {
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> field : head(report).properties()) {
                json.writeFieldName(field.getKey());
                json.writeTree(field.getValue());
            }
            json.writeArrayFieldStart("benchmarks");
            for (BenchmarkComparison b : report.benchmarks()) {
                json.writeTree(benchmark(report, b));
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Every top-level field but the benchmarks, in document order. */
    private ObjectNode head(GateReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("verdict", report.passed() ? "PASS" : "FAIL");
        root.put("summary", Summaries.oneLine(report));
        root.put("baselineSource", report.baselineSource());
        ObjectNode settings = root.putObject("settings");
        settings.put("alpha", report.settings().alpha());
        settings.put("infraBytesPerIteration", report.settings().infraBytesPerIteration());
        settings.put("environmentPolicy", report.settings().environmentPolicy().name());
        ObjectNode thresholds = settings.putObject("thresholds");
        for (Metric metric : Metric.values()) {
            ObjectNode t = thresholds.putObject(metric.key());
            t.put("relativePercent", report.settings().threshold(metric).relativePercent());
            t.put("absolute", report.settings().threshold(metric).absolute());
            t.put("gated", report.settings().isGated(metric));
        }
        ObjectNode counts = root.putObject("counts");
        report.counts().forEach((v, n) -> counts.put(v.name(), n));
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return root;
    }

    private ObjectNode benchmark(GateReport report, BenchmarkComparison b) {
        ObjectNode node = mapper.createObjectNode();
        node.put("benchmark", b.key().benchmark());
        node.put("mode", b.key().mode());
        ObjectNode params = node.putObject("params");
        b.key().params().forEach(params::put);
        node.put("verdict", b.verdict().name());
        node.put("fails", report.settings().fails(b.verdict()));
        node.put("note", b.note());
        ArrayNode diffs = node.putArray("environmentDifferences");
        for (Environment.Difference d : b.environmentDifferences()) {
            ObjectNode dn = diffs.addObject();
            dn.put("field", d.field());
            dn.put("baseline", String.valueOf(d.baseline()));
            dn.put("current", String.valueOf(d.current()));
        }
        ObjectNode metrics = node.putObject("metrics");
        for (Map.Entry<Metric, MetricComparison> e : b.metrics().entrySet()) {
            metrics.set(e.getKey().key(), metric(e.getValue()));
        }
        return node;
    }

    private ObjectNode metric(MetricComparison m) {
        ObjectNode n = mapper.createObjectNode();
        n.put("unit", m.metric().unit());
        putNumber(n, "baseline", m.baseline() == null ? Double.NaN : m.baseline().center());
        putNumber(n, "current", m.current() == null ? Double.NaN : m.current().center());
        putNumber(n, "delta", m.delta());
        putNumber(n, "deltaPercent", m.deltaPercent());
        putNumber(n, "p", m.pValue());
        putNumber(n, "pRaw", m.pRaw());
        n.put("method", m.method().name());
        n.put("verdict", m.verdict().name());
        n.put("gated", m.gated());
        putNumber(n, "allowedChange", m.allowedChange());
        if (m.shift() != null) {
            ObjectNode s = n.putObject("shift");
            putNumber(s, "estimate", m.shift().estimate());
            putNumber(s, "lo", m.shift().lo());
            putNumber(s, "hi", m.shift().hi());
            putNumber(s, "confidence", m.shift().confidence());
        }
        interval(n, "baselineInterval", m.baseline());
        interval(n, "currentInterval", m.current());
        samples(n, "baselineSamples", m.baselineSample());
        samples(n, "currentSamples", m.currentSample());
        n.put("note", m.note());
        return n;
    }

    private static void interval(ObjectNode n, String field, Summary s) {
        if (s != null) {
            ObjectNode i = n.putObject(field);
            putNumber(i, "lo", s.lo());
            putNumber(i, "hi", s.hi());
        }
    }

    private static void samples(ObjectNode n, String field, Sample s) {
        if (s != null) {
            ArrayNode a = n.putArray(field);
            for (double v : s.values()) {
                a.add(v);
            }
        }
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
