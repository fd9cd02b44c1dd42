package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@link ForkResultWriter} against JMH's own JSON writer on real runs (in this JVM, {@code -f 0}) of every mode:
 * the same document, less the error estimate and percentiles, plus allocgate's count of each iteration's operations.
 */
class ForkResultWriterTest {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"Throughput", "AverageTime", "SampleTime", "SingleShotTime"})
    void writesWhatJmhWritesLessTheErrorEstimate(Mode mode) throws Exception {
        RunResult result = new Runner(new OptionsBuilder()
                .include("^dev\\.allocgate\\.profiler\\.bench\\.ResultFormatBenchmarks\\.array$")
                .mode(mode).forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(10))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(20))
                .param("label", "a \"quoted\", [bracketed] value; with \\ and {braces}").param("size", "3")
                .addProfiler("gc").addProfiler(WorkerBytesProfiler.class)
                .verbosity(VerboseMode.SILENT).build()).runSingle();

        ByteArrayOutputStream jmhText = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(jmhText, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(List.of(result));
        }
        JsonNode jmh = JSON.readTree(jmhText.toString(StandardCharsets.UTF_8));
        JsonNode ours = JSON.readTree(ForkResultWriter.json(result));

        JsonNode entry = ours.get(0);
        assertEquals("\"NaN\"", entry.path("primaryMetric").path("scoreError").toString());
        assertEquals("a \"quoted\", [bracketed] value; with \\ and {braces}", entry.path("params").path("label").asText());
        assertTrue(entry.path("secondaryMetrics").has(WorkerBytesProfiler.NORM_METRIC), entry.toString());
        assertTrue(entry.path("primaryMetric").has(mode == Mode.SampleTime ? "rawDataHistogram" : "rawData"));
        // allocgate's own addition: the operations of each iteration, as the norm metrics were divided by them
        JsonNode ops = ((ObjectNode) entry.path("secondaryMetrics")).remove(ForkProtocol.OPS_PER_ITERATION);
        JsonNode bytes = entry.path("secondaryMetrics").path(WorkerBytesProfiler.NORM_METRIC).path("rawData").get(0);
        JsonNode bytesTotal = entry.path("secondaryMetrics").path(ForkProtocol.WORKER_BYTES).path("rawData").get(0);
        assertEquals(3, ops.path("rawData").get(0).size(), ops.toString());
        for (int i = 0; i < 3; i++) {
            double count = ops.path("rawData").get(0).get(i).asDouble();
            assertEquals(bytesTotal.get(i).asDouble() / count, bytes.get(i).asDouble(), 1e-9 * bytes.get(i).asDouble(),
                    "iteration " + i + ": " + ops);
        }
        assertEquals(withoutErrorEstimates(jmh), withoutErrorEstimates(ours));
    }

    private static JsonNode withoutErrorEstimates(JsonNode results) {
        for (JsonNode entry : results) {
            strip(entry.get("primaryMetric"));
            entry.path("secondaryMetrics").forEach(ForkResultWriterTest::strip);
        }
        return results;
    }

    private static void strip(JsonNode metric) {
        ((ObjectNode) metric).remove(List.of("scoreError", "scoreConfidence", "scorePercentiles"));
    }
}
