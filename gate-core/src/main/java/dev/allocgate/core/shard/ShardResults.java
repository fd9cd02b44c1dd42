package dev.allocgate.core.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.AtomicFiles;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.gate.FailedBenchmark;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.profile.ProfileEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one shard hands to {@code allocgate:merge}: everything the gate needs to judge the whole suite again, so
 * that Holm's correction runs over every benchmark, not per shard. The measurements keep every fork's value at full
 * precision and the probed environment; the failures and the run's warnings as the run reported them.
 *
 * @param shard      which share this is
 * @param suite      every benchmark name of the suite (the same in every shard of one run)
 * @param selected   the names this shard ran
 * @param looks      the looks of the adaptive engine's sequential design (1 for fixed forks)
 * @param measurements what the shard measured
 * @param failures   benchmarks of this shard that produced no result
 * @param warnings   the run's own warnings (warmup caps and the like)
 * @param explanations the shard's explanations of its regressed benchmarks (their profiles, or why there are none), which
 *                     the merged reports show as an unsharded run would
 */
public record ShardResults(Shard shard, SortedSet<String> suite, SortedSet<String> selected, int looks,
                           List<Measurement> measurements, List<FailedBenchmark> failures, List<String> warnings,
                           List<Explanation> explanations) {

    /** File name in the shard's output directory. */
    public static final String FILE = "shard.json";
    static final int SCHEMA = 1;
    /** Measurement field, false when its metrics were measured in different forks ({@link Measurement#sameForks}). */
    private static final String SAME_FORKS = "sameForks";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ShardResults {
        suite = new TreeSet<>(suite);
        selected = new TreeSet<>(selected);
        measurements = List.copyOf(measurements);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        explanations = List.copyOf(explanations);
    }

    /** A shard's results without explanations. */
    public ShardResults(Shard shard, SortedSet<String> suite, SortedSet<String> selected, int looks,
                        List<Measurement> measurements, List<FailedBenchmark> failures, List<String> warnings) {
        this(shard, suite, selected, looks, measurements, failures, warnings, List.of());
    }

    /** Writes {@link #FILE} into {@code directory}, atomically. */
    public Path write(Path directory) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA);
        root.put("shard", shard.toString());
        root.put("looks", looks);
        suite.forEach(root.putArray("suite")::add);
        selected.forEach(root.putArray("selected")::add);
        ArrayNode ms = root.putArray("measurements");
        for (Measurement m : measurements) {
            ObjectNode n = ms.addObject();
            n.put("benchmark", m.key().benchmark());
            n.put("mode", m.key().mode());
            ObjectNode params = n.putObject("params");
            m.key().params().forEach(params::put);
            if (!Double.isNaN(m.opsPerIteration())) {
                n.put("opsPerIteration", m.opsPerIteration());
            }
            ObjectNode metrics = n.putObject("metrics");
            m.metrics().forEach((metric, sample) -> {
                ArrayNode values = metrics.putArray(metric.key());
                for (double v : sample.values()) {
                    values.add(v);
                }
            });
            n.set("environment", MAPPER.valueToTree(m.environment()));
            String bytesFrom = BaselineStore.bytesFrom(m.bytesCounted());
            if (bytesFrom != null) {
                n.put(BaselineStore.BYTES_FROM, bytesFrom);
            }
            if (!m.sameForks()) {
                n.put(SAME_FORKS, false);
            }
        }
        ArrayNode fs = root.putArray("failures");
        for (FailedBenchmark f : failures) {
            fs.addObject().put("benchmark", f.benchmark()).put("params", f.paramsLabel()).put("reason", f.reason());
        }
        warnings.forEach(root.putArray("warnings")::add);
        ArrayNode es = root.putArray("explanations");
        for (Explanation e : explanations) {
            ObjectNode n = es.addObject();
            key(n, e.key());
            e.baseline().ifPresent(b -> writeProfile(n.putObject("baselineProfile"), b));
            e.current().ifPresent(c -> writeProfile(n.putObject("currentProfile"), c));
            if (!e.profiled()) {
                n.put("missing", e.missing());
            }
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(root));
        return file;
    }

    /**
     * Reads {@link #FILE} from a shard's output directory.
     *
     * @throws InvalidResultsException naming the file when it is missing, unreadable or not a shard file of this version
     */
    public static ShardResults read(Path directory) throws InvalidResultsException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidResultsException(file, "does not exist: it is written by `allocgate:check -Dallocgate.shard=i/n`"
                    + " into the shard's output directory (allocgate.outputDirectory); did that shard run, and were its"
                    + " files copied here?");
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.path("schemaVersion").asInt() != SCHEMA) {
                throw new InvalidResultsException(file, "is not a shard file of schema version " + SCHEMA
                        + " (written by another allocgate version?)");
            }
            Shard shard = Shard.parse(root.path("shard").asText());
            List<Measurement> measurements = new ArrayList<>();
            for (JsonNode n : root.path("measurements")) {
                Map<String, String> params = new TreeMap<>();
                n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
                Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
                for (Map.Entry<String, JsonNode> e : n.path("metrics").properties()) {
                    Metric metric = Metric.fromKey(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                            "unknown metric " + e.getKey()));
                    double[] values = new double[e.getValue().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = e.getValue().get(i).doubleValue();
                    }
                    metrics.put(metric, new Sample(values));
                }
                Measurement.BytesCounted bytesCounted = n.has(BaselineStore.BYTES_FROM)
                        ? BaselineStore.bytesCounted(n.get(BaselineStore.BYTES_FROM).asText()) : Measurement.BytesCounted.ALL_THREADS;
                if (bytesCounted == null) {
                    throw new IllegalArgumentException("unknown " + BaselineStore.BYTES_FROM + " "
                            + n.get(BaselineStore.BYTES_FROM).asText());
                }
                measurements.add(new Measurement(BenchmarkKey.of(n.path("benchmark").asText(), n.path("mode").asText(), params),
                        metrics, n.has("opsPerIteration") ? n.get("opsPerIteration").doubleValue() : Double.NaN,
                        MAPPER.treeToValue(n.path("environment"), Environment.class), bytesCounted,
                        n.path(SAME_FORKS).asBoolean(true)));
            }
            List<FailedBenchmark> failures = new ArrayList<>();
            for (JsonNode f : root.path("failures")) {
                failures.add(new FailedBenchmark(f.path("benchmark").asText(), f.path("params").asText(), f.path("reason").asText()));
            }
            List<Explanation> explanations = new ArrayList<>();
            for (JsonNode n : root.path("explanations")) {
                BenchmarkKey key = key(n);
                explanations.add(n.has("currentProfile")
                        ? Explanation.of(key, Optional.ofNullable(n.get("baselineProfile")).map(ShardResults::readProfile),
                                readProfile(n.get("currentProfile")))
                        : Explanation.missing(key, n.path("missing").asText()));
            }
            return new ShardResults(shard, strings(root.path("suite")), strings(root.path("selected")),
                    root.path("looks").asInt(1), measurements, failures, list(root.path("warnings")), explanations);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidResultsException(file, "cannot be read as a shard file: " + e.getMessage(), e);
        }
    }

    private static void key(ObjectNode n, BenchmarkKey key) {
        n.put("benchmark", key.benchmark());
        n.put("mode", key.mode());
        ObjectNode params = n.putObject("params");
        key.params().forEach(params::put);
    }

    private static BenchmarkKey key(JsonNode n) {
        Map<String, String> params = new TreeMap<>();
        n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return BenchmarkKey.of(n.path("benchmark").asText(), n.path("mode").asText(), params);
    }

    /** A profile at full precision (a baseline file rounds; the merged report must read as the shard's did). */
    private static void writeProfile(ObjectNode n, AllocationProfile profile) {
        ArrayNode sites = n.putArray("sites");
        for (ProfileEntry e : profile.entries()) {
            ObjectNode site = sites.addObject();
            site.put("type", e.site().type());
            e.site().frames().forEach(site.putArray("frames")::add);
            site.put("objectsPerOp", e.objectsPerOp());
            site.put("bytesPerOp", e.bytesPerOp());
        }
        n.put("otherObjectsPerOp", profile.otherObjectsPerOp());
        n.put("otherBytesPerOp", profile.otherBytesPerOp());
    }

    private static AllocationProfile readProfile(JsonNode n) {
        List<ProfileEntry> entries = new ArrayList<>();
        for (JsonNode site : n.path("sites")) {
            entries.add(new ProfileEntry(new AllocationSite(site.path("type").asText(), list(site.path("frames"))),
                    site.path("objectsPerOp").doubleValue(), site.path("bytesPerOp").doubleValue()));
        }
        return new AllocationProfile(entries, n.path("otherObjectsPerOp").doubleValue(), n.path("otherBytesPerOp").doubleValue());
    }

    private static SortedSet<String> strings(JsonNode array) {
        return new TreeSet<>(list(array));
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
