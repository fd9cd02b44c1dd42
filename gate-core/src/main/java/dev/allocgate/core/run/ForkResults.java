package dev.allocgate.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.baseline.AtomicFiles;
import dev.allocgate.core.model.BenchmarkKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the one-fork JSON files of allocgate's own forks into one file in JMH's format: per benchmark run, the
 * first fork's entry with every fork's raw data ({@code primaryMetric} and each secondary metric), {@code forks}
 * set to their number, the score recomputed as the mean of all iterations and no error estimate (JMH's would assume
 * a fixed design). {@code jvmArgs} become the arguments the user asked for, without allocgate's plumbing (agent,
 * hints file, temporary directory), which are paths on this machine.
 */
public final class ForkResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForkResults() {
    }

    public static void merge(List<Path> forkFiles, Map<BenchmarkKey, List<String>> userJvmArgs, Path result) throws IOException {
        Map<BenchmarkKey, ObjectNode> merged = new LinkedHashMap<>();
        for (Path file : forkFiles) {
            for (JsonNode entry : JSON.readTree(file.toFile())) {
                BenchmarkKey key = keyOf(entry);
                ObjectNode into = merged.get(key);
                if (into == null) {
                    into = ((ObjectNode) entry).deepCopy();
                    into.put("forks", 1);
                    List<String> args = userJvmArgs.get(key);
                    if (args != null) {
                        ArrayNode jvmArgs = into.putArray("jvmArgs");
                        args.forEach(jvmArgs::add);
                    }
                    merged.put(key, into);
                } else {
                    into.put("forks", into.get("forks").asInt() + 1);
                    appendRaw(into.get("primaryMetric"), entry.get("primaryMetric"));
                    JsonNode secondary = into.path("secondaryMetrics");
                    for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> metric = it.next();
                        appendRaw(metric.getValue(), entry.path("secondaryMetrics").get(metric.getKey()));
                    }
                }
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode entry : merged.values()) {
            // One row of raw data per fork, whether the files held one fork each or several (a base-vs-PR check's rounds)
            entry.put("forks", entry.path("primaryMetric").path("rawData").size());
            rescore(entry.get("primaryMetric"));
            entry.path("secondaryMetrics").forEach(ForkResults::rescore);
            out.add(entry);
        }
        if (result.getParent() != null) {
            Files.createDirectories(result.getParent());
        }
        AtomicFiles.write(result, JSON.writeValueAsString(out).getBytes(StandardCharsets.UTF_8));
    }

    private static void appendRaw(JsonNode into, JsonNode from) {
        if (!(into instanceof ObjectNode target)) {
            return;
        }
        for (String field : List.of("rawData", "rawDataHistogram")) {
            if (target.get(field) instanceof ArrayNode forks) {
                JsonNode more = from == null ? null : from.get(field);
                if (more instanceof ArrayNode moreForks) {
                    forks.addAll(moreForks);
                } else {
                    target.remove(field); // a fork without this metric: keep no misleading subset
                }
            }
        }
    }

    /** Mean of every iteration of every fork; JMH's error and percentiles do not apply to adaptive forks. */
    private static void rescore(JsonNode metric) {
        if (!(metric instanceof ObjectNode m) || !(m.get("rawData") instanceof ArrayNode forks)) {
            return;
        }
        double sum = 0;
        int n = 0;
        for (JsonNode fork : forks) {
            for (JsonNode v : fork) {
                sum += v.asDouble();
                n++;
            }
        }
        if (n > 0) {
            m.put("score", sum / n);
        }
        m.put("scoreError", "NaN");
        m.putArray("scoreConfidence").add("NaN").add("NaN");
        m.remove("scorePercentiles");
    }

    private static BenchmarkKey keyOf(JsonNode entry) {
        Map<String, String> params = new TreeMap<>();
        entry.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        return BenchmarkKey.of(entry.path("benchmark").asText(), entry.path("mode").asText(), params);
    }
}
