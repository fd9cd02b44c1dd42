package dev.allocgate.core.baseline;

import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.ProfileEntry;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.JsonErrorText;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads one baseline file strictly: anything that is not exactly a valid schema-version-1 file is an
 * {@link InvalidBaselineException} naming the file, the place (a JSON pointer, or line and column for
 * syntax errors) and the problem. Nothing is skipped, defaulted or repaired except the optional fields
 * ({@code params}, {@code opsPerIteration}, {@code bytesFrom}, {@code forkSeconds}, {@code environment} and its
 * members, {@code profile}).
 */
final class BaselineReader {

    /** Schema versions this reader understands. */
    static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(BaselineWriter.SCHEMA_VERSION,
            BaselineWriter.PROFILE_SCHEMA_VERSION, BaselineWriter.COST_SCHEMA_VERSION, BaselineWriter.NET_SCHEMA_VERSION);

    private static final Set<String> ROOT_FIELDS = Set.of("schemaVersion", "benchmarkClass", "benchmarks");
    private static final Set<String> ENTRY_FIELDS =
            Set.of("benchmark", "mode", "params", "opsPerIteration", BaselineStore.BYTES_FROM, BaselineStore.FORK_SECONDS,
                    "environment", "metrics", "profile");
    private static final Set<String> METRIC_FIELDS = Set.of("samples", "median");
    private static final Set<String> PROFILE_FIELDS = Set.of("sites", "otherObjectsPerOp", "otherBytesPerOp");
    private static final Set<String> SITE_FIELDS = Set.of("type", "frames", "objectsPerOp", "bytesPerOp");
    private static final Set<String> ENVIRONMENT_FIELDS = Set.of("jdkVersion", "javaVendor", "vmName", "vmVersion",
            "jmhVersion", "gc", "compressedOops", "compressedClassPointers", "compactObjectHeaders", "maxHeapBytes",
            "arch", "jvmArgs");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // same values as Double.parseDouble, faster
            .build();

    /** The content of one valid baseline file. */
    record ParsedFile(String benchmarkClass, List<Measurement> measurements, Map<BenchmarkKey, AllocationProfile> profiles,
                      Map<BenchmarkKey, Double> forkSeconds) {
        ParsedFile(String benchmarkClass, List<Measurement> measurements, Map<BenchmarkKey, Double> forkSeconds) {
            this(benchmarkClass, measurements, Map.of(), forkSeconds);
        }
    }

    private int schemaVersion;
    private final Map<BenchmarkKey, AllocationProfile> profiles = new HashMap<>();
    private final Map<BenchmarkKey, Double> forkSeconds = new HashMap<>();

    private final Path file;

    private BaselineReader(Path file) {
        this.file = file;
    }

    private static final BaselineStreamReader STREAMED = new BaselineStreamReader(MAPPER.getFactory());

    /**
     * Parses and validates the bytes of {@code file}: a plainly valid file straight from its bytes
     * ({@link BaselineStreamReader}), anything else by the strict reader, which says what is wrong.
     */
    static ParsedFile parse(Path file, byte[] bytes) throws InvalidBaselineException {
        ParsedFile streamed = STREAMED.read(file, bytes);
        return streamed != null ? streamed : parseStrictly(file, bytes);
    }

    /** Parses and validates the bytes of {@code file} as a whole tree (the reference for {@link #parse}). */
    static ParsedFile parseStrictly(Path file, byte[] bytes) throws InvalidBaselineException {
        return new BaselineReader(file).parse(bytes);
    }

    private ParsedFile parse(byte[] bytes) throws InvalidBaselineException {
        JsonNode root = readJson(bytes);
        if (!root.isObject()) {
            throw error("", "expected a JSON object at the top level but found " + describe(root));
        }
        // The version first: a file of a newer schema should say so, not complain about its new fields.
        JsonNode version = required(root, "", "schemaVersion");
        if (!version.isIntegralNumber()) {
            throw error("/schemaVersion", "expected an integer but found " + describe(version));
        }
        if (!version.canConvertToInt() || !SUPPORTED_SCHEMA_VERSIONS.contains(version.intValue())) {
            throw error("/schemaVersion", "unsupported schemaVersion " + version.asText()
                    + "; this version of allocgate reads schemaVersion " + supportedVersions()
                    + " (a newer allocgate may have written this file)");
        }
        schemaVersion = version.intValue();
        rejectUnknownFields(root, "", ROOT_FIELDS);
        String benchmarkClass = nonEmptyText(root, "", "benchmarkClass");
        String expectedName = BaselineFileNames.fileNameFor(benchmarkClass);
        Path fileName = file.getFileName();
        if (fileName != null && !fileName.toString().equals(expectedName)) {
            throw error("/benchmarkClass", "the baselines of class " + benchmarkClass + " belong in a file named "
                    + expectedName + ", not " + fileName + " (one canonical file per benchmark class)");
        }
        JsonNode benchmarks = required(root, "", "benchmarks");
        if (!benchmarks.isArray()) {
            throw error("/benchmarks", "expected an array but found " + describe(benchmarks));
        }
        if (benchmarks.isEmpty()) {
            throw error("/benchmarks", "the list of benchmarks is empty; allocgate never writes an empty file"
                    + " (delete the file to drop the baselines of " + benchmarkClass + ")");
        }
        List<Measurement> measurements = new ArrayList<>();
        Map<BenchmarkKey, Integer> seen = new HashMap<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            String at = "/benchmarks/" + i;
            Measurement m = readEntry(benchmarks.get(i), at);
            if (!m.key().benchmarkClass().equals(benchmarkClass)) {
                throw error(at + "/benchmark", "benchmark " + m.key().benchmark() + " belongs to class "
                        + m.key().benchmarkClass() + ", not to this file's benchmarkClass " + benchmarkClass);
            }
            Integer previous = seen.putIfAbsent(m.key(), i);
            if (previous != null) {
                throw error(at, "duplicate baseline entry for " + m.key() + " (also at /benchmarks/" + previous + ")");
            }
            measurements.add(m);
        }
        return new ParsedFile(benchmarkClass, measurements, profiles, forkSeconds);
    }

    private JsonNode readJson(byte[] bytes) throws InvalidBaselineException {
        if (bytes.length == 0) {
            throw error("", "the file is empty (truncated write?); a baseline file holds at least one benchmark");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw error("byte 0", "the file starts with a UTF-8 byte order mark (BOM); save it as UTF-8 without BOM");
        }
        if (bytes.length >= 2 && (((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)
                || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE))) {
            throw error("byte 0", "the file starts with a UTF-16 byte order mark; baseline files are UTF-8 without BOM");
        }
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw error("", "the file contains only whitespace (truncated write?)");
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw error("", "the file holds no JSON value");
            }
            try {
                if (parser.nextToken() != null) {
                    throw error(position(parser.currentTokenLocation()),
                            "unexpected content after the end of the top-level JSON value");
                }
            } catch (JacksonException e) {
                throw error(position(e.getLocation()),
                        "unexpected content after the end of the top-level JSON value: "
                                + readableLocations(e.getOriginalMessage()));
            }
            return root;
        } catch (JacksonException e) {
            throw error(position(e.getLocation()), syntaxDetail(e.getOriginalMessage()));
        } catch (IOException e) {
            throw error("", "cannot parse: " + e.getMessage());
        }
    }

    private static String syntaxDetail(String jacksonMessage) {
        jacksonMessage = readableLocations(jacksonMessage);
        if (jacksonMessage != null && jacksonMessage.startsWith("Non-standard token")) {
            // Jackson suggests enabling a feature; for a baseline the answer is that such numbers are invalid.
            return "NaN and Infinity are not valid JSON numbers and not valid baseline values ("
                    + jacksonMessage.replaceAll(":.*", "") + ")";
        }
        return "invalid JSON: " + jacksonMessage;
    }

    /** The parser's message in the user's terms, never quoting the file; see {@link JsonErrorText}. */
    private static String readableLocations(String jacksonMessage) {
        return JsonErrorText.of(jacksonMessage);
    }

    private String decodeUtf8(byte[] bytes) throws InvalidBaselineException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw error("byte " + in.position(), "the file is not valid UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String position(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private Measurement readEntry(JsonNode entry, String at) throws InvalidBaselineException {
        if (!entry.isObject()) {
            throw error(at, "expected an object but found " + describe(entry));
        }
        rejectUnknownFields(entry, at, ENTRY_FIELDS);
        String benchmark = nonEmptyText(entry, at, "benchmark");
        String mode = nonEmptyText(entry, at, "mode");
        Map<String, String> params = new TreeMap<>();
        JsonNode paramsNode = entry.get("params");
        if (paramsNode != null) {
            String pat = at + "/params";
            if (!paramsNode.isObject()) {
                throw error(pat, "expected an object but found " + describe(paramsNode));
            }
            for (Map.Entry<String, JsonNode> p : paramsNode.properties()) {
                if (!p.getValue().isTextual()) {
                    throw error(pat + "/" + escape(p.getKey()),
                            "expected a string (JMH @Param values are strings) but found " + describe(p.getValue()));
                }
                params.put(p.getKey(), p.getValue().textValue());
            }
        }
        double ops = Double.NaN;
        JsonNode opsNode = entry.get("opsPerIteration");
        if (opsNode != null) {
            ops = nonNegativeNumber(opsNode, at + "/opsPerIteration");
        }
        Measurement.BytesCounted bytesCounted = Measurement.BytesCounted.ALL_THREADS;
        JsonNode fromNode = entry.get(BaselineStore.BYTES_FROM);
        if (fromNode != null) {
            String from = at + "/" + BaselineStore.BYTES_FROM;
            bytesCounted = fromNode.isTextual() ? BaselineStore.bytesCounted(fromNode.textValue()) : null;
            if (bytesCounted == null) {
                throw error(from, "expected \"" + BaselineStore.BENCHMARK_THREADS + "\" or \""
                        + BaselineStore.BENCHMARK_THREADS_NET + "\" but found " + describe(fromNode));
            }
            if (bytesCounted == Measurement.BytesCounted.BENCHMARK_THREADS_NET
                    && schemaVersion < BaselineWriter.NET_SCHEMA_VERSION) {
                throw error(from, "\"" + BaselineStore.BENCHMARK_THREADS_NET + "\" needs schemaVersion "
                        + BaselineWriter.NET_SCHEMA_VERSION + " (this file says " + schemaVersion + ")");
            }
        }
        Environment environment = Environment.UNKNOWN;
        JsonNode envNode = entry.get("environment");
        if (envNode != null) {
            environment = readEnvironment(envNode, at + "/environment");
        }
        Map<Metric, Sample> metrics = readMetrics(required(entry, at, "metrics"), at + "/metrics");
        BenchmarkKey key = BenchmarkKey.of(benchmark, mode, params);
        JsonNode secondsNode = entry.get(BaselineStore.FORK_SECONDS);
        if (secondsNode != null) {
            String sat = at + "/" + BaselineStore.FORK_SECONDS;
            if (schemaVersion < BaselineWriter.COST_SCHEMA_VERSION) {
                throw error(sat, "a recorded " + BaselineStore.FORK_SECONDS + " needs schemaVersion "
                        + BaselineWriter.COST_SCHEMA_VERSION + " (this file says " + schemaVersion + ")");
            }
            if (!secondsNode.isNumber() || !(secondsNode.doubleValue() > 0) || !Double.isFinite(secondsNode.doubleValue())) {
                throw error(sat, "expected the wall seconds one fork of " + key + " took (a positive number) but found "
                        + describe(secondsNode) + "; delete the field and `record` stores it again");
            }
            forkSeconds.put(key, secondsNode.doubleValue());
        }
        JsonNode profileNode = entry.get("profile");
        if (profileNode != null) {
            if (schemaVersion < BaselineWriter.PROFILE_SCHEMA_VERSION) {
                throw error(at + "/profile", "an allocation profile needs schemaVersion "
                        + BaselineWriter.PROFILE_SCHEMA_VERSION + " (this file says " + schemaVersion + ")");
            }
            profiles.put(key, readProfile(profileNode, at + "/profile"));
        }
        return new Measurement(key, metrics, ops, environment, bytesCounted);
    }

    /** An entry's allocation profile: its largest sites and the rest, each per operation. */
    private AllocationProfile readProfile(JsonNode node, String at) throws InvalidBaselineException {
        if (!node.isObject()) {
            throw error(at, "expected an object but found " + describe(node));
        }
        rejectUnknownFields(node, at, PROFILE_FIELDS);
        JsonNode sites = required(node, at, "sites");
        if (!sites.isArray()) {
            throw error(at + "/sites", "expected an array but found " + describe(sites));
        }
        List<ProfileEntry> entries = new ArrayList<>();
        java.util.Set<AllocationSite> seen = new java.util.HashSet<>();
        for (int i = 0; i < sites.size(); i++) {
            String sat = at + "/sites/" + i;
            JsonNode site = sites.get(i);
            if (!site.isObject()) {
                throw error(sat, "expected an object but found " + describe(site));
            }
            rejectUnknownFields(site, sat, SITE_FIELDS);
            String type = nonEmptyText(site, sat, "type");
            JsonNode frames = required(site, sat, "frames");
            if (!frames.isArray()) {
                throw error(sat + "/frames", "expected an array of strings but found " + describe(frames));
            }
            List<String> frameTexts = new ArrayList<>();
            for (int f = 0; f < frames.size(); f++) {
                if (!frames.get(f).isTextual() || frames.get(f).textValue().isEmpty()) {
                    throw error(sat + "/frames/" + f, "expected a frame (a non-empty string) but found "
                            + describe(frames.get(f)));
                }
                frameTexts.add(frames.get(f).textValue());
            }
            AllocationSite allocationSite = new AllocationSite(type, frameTexts);
            if (!seen.add(allocationSite)) {
                throw error(sat, "duplicate allocation site " + type + " at " + frameTexts);
            }
            entries.add(new ProfileEntry(allocationSite, nonNegativeNumber(required(site, sat, "objectsPerOp"), sat + "/objectsPerOp"),
                    nonNegativeNumber(required(site, sat, "bytesPerOp"), sat + "/bytesPerOp")));
        }
        return new AllocationProfile(entries, nonNegativeNumber(required(node, at, "otherObjectsPerOp"), at + "/otherObjectsPerOp"),
                nonNegativeNumber(required(node, at, "otherBytesPerOp"), at + "/otherBytesPerOp"));
    }

    private Map<Metric, Sample> readMetrics(JsonNode node, String at) throws InvalidBaselineException {
        if (!node.isObject()) {
            throw error(at, "expected an object but found " + describe(node));
        }
        if (node.isEmpty()) {
            throw error(at, "no metrics; a baseline entry needs at least one of " + knownMetrics());
        }
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String mat = at + "/" + escape(field.getKey());
            Metric metric = Metric.fromKey(field.getKey()).orElseThrow(() -> error(mat,
                    "unknown metric \"" + field.getKey() + "\"; known metrics: " + knownMetrics()));
            metrics.put(metric, readSample(field.getValue(), mat));
        }
        return metrics;
    }

    private Sample readSample(JsonNode node, String at) throws InvalidBaselineException {
        if (!node.isObject()) {
            throw error(at, "expected an object but found " + describe(node));
        }
        rejectUnknownFields(node, at, METRIC_FIELDS);
        JsonNode samples = required(node, at, "samples");
        if (!samples.isArray()) {
            throw error(at + "/samples", "expected an array of numbers but found " + describe(samples));
        }
        if (samples.isEmpty()) {
            throw error(at + "/samples", "no samples; a baseline needs at least one value per metric");
        }
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = nonNegativeNumber(samples.get(i), at + "/samples/" + i);
        }
        Sample sample = new Sample(values);
        double median = nonNegativeNumber(required(node, at, "median"), at + "/median");
        if (!Double.isFinite(sample.median())) {
            throw error(at + "/samples", "the samples are too large to take their median (it would be infinite)");
        }
        double expected = BaselineWriter.round(sample.median());
        if (BaselineWriter.round(median) != expected) {
            throw error(at + "/median", "median " + BaselineWriter.plainDecimal(median)
                    + " does not match the samples, whose median is " + BaselineWriter.plainDecimal(expected)
                    + " (the samples were edited without the median, or the other way round)");
        }
        return sample;
    }

    private Environment readEnvironment(JsonNode node, String at) throws InvalidBaselineException {
        if (!node.isObject()) {
            throw error(at, "expected an object but found " + describe(node));
        }
        rejectUnknownFields(node, at, ENVIRONMENT_FIELDS);
        Long maxHeap = null;
        JsonNode heap = node.get("maxHeapBytes");
        if (heap != null) {
            if (!heap.isIntegralNumber() || !heap.canConvertToLong()) {
                throw error(at + "/maxHeapBytes", "expected an integer number of bytes but found " + describe(heap));
            }
            if (heap.longValue() < 0) {
                throw error(at + "/maxHeapBytes", "must not be negative: " + heap.longValue());
            }
            maxHeap = heap.longValue();
        }
        List<String> jvmArgs = null;
        JsonNode args = node.get("jvmArgs");
        if (args != null) {
            if (!args.isArray()) {
                throw error(at + "/jvmArgs", "expected an array of strings but found " + describe(args));
            }
            jvmArgs = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (!args.get(i).isTextual()) {
                    throw error(at + "/jvmArgs/" + i, "expected a string but found " + describe(args.get(i)));
                }
                jvmArgs.add(args.get(i).textValue());
            }
        }
        return new Environment(
                optionalText(node, at, "jdkVersion"),
                optionalText(node, at, "javaVendor"),
                optionalText(node, at, "vmName"),
                optionalText(node, at, "vmVersion"),
                optionalText(node, at, "jmhVersion"),
                optionalText(node, at, "gc"),
                optionalBoolean(node, at, "compressedOops"),
                optionalBoolean(node, at, "compressedClassPointers"),
                optionalBoolean(node, at, "compactObjectHeaders"),
                maxHeap,
                optionalText(node, at, "arch"),
                jvmArgs);
    }

    private double nonNegativeNumber(JsonNode node, String at) throws InvalidBaselineException {
        if (node.isTextual() && isNonFiniteWord(node.textValue())) {
            throw error(at, "expected a finite number but found the string \"" + node.textValue()
                    + "\"; NaN and Infinity are not valid baseline values");
        }
        if (!node.isNumber()) {
            throw error(at, "expected a number but found " + describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw error(at, "the number is too large for a double (it would be infinite)");
        }
        if (value < 0) {
            throw error(at, "must not be negative: " + node.asText());
        }
        return value == 0 ? 0.0 : value; // no negative zero
    }

    private static boolean isNonFiniteWord(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("nan") || t.matches("[+-]?inf(inity)?");
    }

    private JsonNode required(JsonNode object, String at, String field) throws InvalidBaselineException {
        JsonNode value = object.get(field);
        if (value == null) {
            throw error(at + "/" + field, "missing required field \"" + field + "\"");
        }
        if (value.isNull()) {
            throw error(at + "/" + field, "must not be null");
        }
        return value;
    }

    private String nonEmptyText(JsonNode object, String at, String field) throws InvalidBaselineException {
        JsonNode value = required(object, at, field);
        if (!value.isTextual()) {
            throw error(at + "/" + field, "expected a string but found " + describe(value));
        }
        if (value.textValue().isEmpty()) {
            throw error(at + "/" + field, "must not be empty");
        }
        return value.textValue();
    }

    private String optionalText(JsonNode object, String at, String field) throws InvalidBaselineException {
        JsonNode value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(at + "/" + field, "expected a string but found " + describe(value));
        }
        return value.textValue();
    }

    private Boolean optionalBoolean(JsonNode object, String at, String field) throws InvalidBaselineException {
        JsonNode value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw error(at + "/" + field, "expected true or false but found " + describe(value));
        }
        return value.booleanValue();
    }

    private void rejectUnknownFields(JsonNode object, String at, Set<String> allowed) throws InvalidBaselineException {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = property.getKey();
            if (!allowed.contains(name)) {
                throw error(at + "/" + escape(name), "unknown field \"" + name + "\"; allowed here: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "an array" : node.isObject() ? "an object" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String knownMetrics() {
        return Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", "));
    }

    private static String supportedVersions() {
        return SUPPORTED_SCHEMA_VERSIONS.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Escapes one JSON pointer reference token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private InvalidBaselineException error(String location, String detail) {
        return new InvalidBaselineException(file, location, detail);
    }
}
