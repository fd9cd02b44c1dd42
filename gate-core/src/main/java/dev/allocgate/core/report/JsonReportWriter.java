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
public final class JsonReportWriter implements ReportFormat {
    public static final String FILE_NAME = "report.json";

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public int relativeSize() {
        return 3;
    }

    /** report.json has no environment section: the environment is in the baselines and report.md. */
    @Override
    public void write(GateReport report, Environment environment, Writer out) throws IOException {
        render(report, out);
    }

    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE) // the caller's writer buffers
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
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
                benchmark(json, report, b);
            }
            json.writeEndArray();
            if (!report.explanations().isEmpty()) {
                ExplanationSection.json(json, report);
            }
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
        root.put("baselineMeasured", report.baselineMeasured());
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

    /**
     * One benchmark, written straight to the generator (no tree per benchmark): the same tokens,
     * so the same text, as a tree of these fields would give.
     */
    private static void benchmark(JsonGenerator json, GateReport report, BenchmarkComparison b) throws IOException {
        json.writeStartObject();
        json.writeStringField("benchmark", b.key().benchmark());
        json.writeStringField("mode", b.key().mode());
        json.writeObjectFieldStart("params");
        for (Map.Entry<String, String> p : b.key().params().entrySet()) {
            json.writeStringField(p.getKey(), p.getValue());
        }
        json.writeEndObject();
        json.writeStringField("verdict", b.verdict().name());
        json.writeBooleanField("fails", report.settings().fails(b));
        json.writeObjectFieldStart("policy");
        json.writeStringField("source", b.policy().source());
        json.writeStringField("description", b.policy().describe());
        json.writeBooleanField("informational", b.policy().informational());
        json.writeBooleanField("mayBeRemoved", b.policy().mayBeRemoved());
        if (b.policy().rule() != null) {
            json.writeNumberField("rule", b.policy().rule().number());
            json.writeStringField("pattern", b.policy().rule().pattern());
        }
        if (b.policy().budget() != null) {
            json.writeStringField("budget", b.policy().budget().label());
            json.writeObjectFieldStart("limits");
            for (Map.Entry<Metric, Double> limit : b.policy().limits().entrySet()) {
                json.writeNumberField(limit.getKey().key(), limit.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeStringField("note", b.note());
        json.writeArrayFieldStart("environmentDifferences");
        for (Environment.Difference d : b.environmentDifferences()) {
            json.writeStartObject();
            json.writeStringField("field", d.field());
            json.writeStringField("baseline", String.valueOf(d.baseline()));
            json.writeStringField("current", String.valueOf(d.current()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<Metric, MetricComparison> e : b.metrics().entrySet()) {
            json.writeFieldName(e.getKey().key());
            metric(json, e.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void metric(JsonGenerator json, MetricComparison m) throws IOException {
        json.writeStartObject();
        json.writeStringField("unit", m.metric().unit());
        number(json, "baseline", m.baseline() == null ? Double.NaN : m.baseline().center());
        number(json, "current", m.current() == null ? Double.NaN : m.current().center());
        number(json, "delta", m.delta());
        number(json, "deltaPercent", m.deltaPercent());
        number(json, "p", m.pValue());
        number(json, "pRaw", m.pRaw());
        json.writeStringField("method", m.method().name());
        json.writeStringField("verdict", m.verdict().name());
        json.writeBooleanField("gated", m.gated());
        number(json, "allowedChange", m.allowedChange());
        if (m.shift() != null) {
            json.writeObjectFieldStart("shift");
            number(json, "estimate", m.shift().estimate());
            number(json, "lo", m.shift().lo());
            number(json, "hi", m.shift().hi());
            number(json, "confidence", m.shift().confidence());
            json.writeEndObject();
        }
        interval(json, "baselineInterval", m.baseline());
        interval(json, "currentInterval", m.current());
        samples(json, "baselineSamples", m.baselineSample());
        samples(json, "currentSamples", m.currentSample());
        json.writeStringField("note", m.note());
        json.writeEndObject();
    }

    private static void interval(JsonGenerator json, String field, Summary s) throws IOException {
        if (s != null) {
            json.writeObjectFieldStart(field);
            number(json, "lo", s.lo());
            number(json, "hi", s.hi());
            json.writeEndObject();
        }
    }

    private static void samples(JsonGenerator json, String field, Sample s) throws IOException {
        if (s != null) {
            json.writeArrayFieldStart(field);
            for (double v : s.values()) {
                json.writeNumber(v);
            }
            json.writeEndArray();
        }
    }

    /** A finite number, or null for a value that does not exist (NaN, infinite). */
    private static void number(JsonGenerator json, String field, double v) throws IOException {
        if (Double.isFinite(v)) {
            json.writeNumberField(field, v);
        } else {
            json.writeNullField(field);
        }
    }
}
