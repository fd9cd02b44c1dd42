package dev.allocgate.core.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fast path of {@link BaselineReader}: reads a baseline file straight from its bytes with Jackson's
 * streaming parser, without decoding it to a string or building a tree. It accepts only files that are
 * plainly valid (printable ASCII, every field of the right type, every check of the strict reader
 * passed) and then returns exactly what the strict reader returns; on anything else, malformed or
 * merely unusual (non-ASCII text, a null, an integer too large for a long), it returns {@code null} and
 * the strict reader reads the file again, so that every error is reported by the strict reader, with
 * its message and place. Errors are rare; valid files, the common case, are read once and cheaply.
 */
final class BaselineStreamReader {

    /** Thrown (without a stack trace) when the file is not plainly valid: the strict reader takes over. */
    private static final class NotPlain extends Exception {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not plainly valid", null, false, false);
        }
    }

    private final JsonFactory factory;

    BaselineStreamReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** The file's content when it is plainly valid; {@code null} when the strict reader must decide. */
    BaselineReader.ParsedFile read(Path file, byte[] bytes) {
        if (bytes.length == 0 || !printableAscii(bytes)) {
            return null; // also every byte-order mark, and text Jackson might take for UTF-16 or UTF-32
        }
        try (JsonParser p = factory.createParser(bytes)) {
            return root(file, p);
        } catch (IOException | NotPlain | RuntimeException e) {
            return null;
        }
    }

    /** Only tab, line feed, carriage return and printable ASCII: valid UTF-8 that Jackson reads as UTF-8. */
    private static boolean printableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7E) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean condition) throws NotPlain {
        if (!condition) {
            throw NotPlain.INSTANCE;
        }
    }

    private static BaselineReader.ParsedFile root(Path file, JsonParser p) throws IOException, NotPlain {
        require(p.nextToken() == JsonToken.START_OBJECT);
        int version = 0;
        String benchmarkClass = null;
        List<Measurement> measurements = null;
        Map<BenchmarkKey, Double> forkSeconds = new TreeMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "schemaVersion" -> {
                    require(version == 0 && token == JsonToken.VALUE_NUMBER_INT
                            && p.getNumberType() == JsonParser.NumberType.INT
                            && (p.getIntValue() == BaselineWriter.SCHEMA_VERSION
                            || p.getIntValue() == BaselineWriter.COST_SCHEMA_VERSION
                            || p.getIntValue() == BaselineWriter.NET_SCHEMA_VERSION));
                    version = p.getIntValue();
                }
                case "benchmarkClass" -> benchmarkClass = nonEmptyText(p, token);
                case "benchmarks" -> {
                    require(token == JsonToken.START_ARRAY);
                    measurements = new ArrayList<>();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        require(t == JsonToken.START_OBJECT);
                        measurements.add(entry(p, forkSeconds));
                    }
                }
                default -> throw NotPlain.INSTANCE;
            }
        }
        require(version != 0 && benchmarkClass != null && measurements != null && !measurements.isEmpty());
        require(forkSeconds.isEmpty() || version >= BaselineWriter.COST_SCHEMA_VERSION);
        require(version >= BaselineWriter.NET_SCHEMA_VERSION || measurements.stream().noneMatch(Measurement::netBytes));
        require(p.nextToken() == null); // nothing after the top-level value
        Path fileName = file.getFileName();
        require(fileName == null || fileName.toString().equals(BaselineFileNames.fileNameFor(benchmarkClass)));
        Set<BenchmarkKey> seen = new HashSet<>();
        for (Measurement m : measurements) {
            require(m.key().benchmarkClass().equals(benchmarkClass) && seen.add(m.key()));
        }
        return new BaselineReader.ParsedFile(benchmarkClass, measurements, forkSeconds);
    }

    /** One entry; its {@code forkSeconds}, if any, into {@code forkSeconds}. */
    private static Measurement entry(JsonParser p, Map<BenchmarkKey, Double> forkSeconds) throws IOException, NotPlain {
        String benchmark = null;
        String mode = null;
        Map<String, String> params = new TreeMap<>();
        double ops = Double.NaN;
        Measurement.BytesCounted bytesCounted = null;
        Environment environment = Environment.UNKNOWN;
        Map<Metric, Sample> metrics = null;
        double seconds = Double.NaN;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "benchmark" -> benchmark = nonEmptyText(p, token);
                case "mode" -> mode = nonEmptyText(p, token);
                case "params" -> {
                    require(token == JsonToken.START_OBJECT);
                    for (String param = p.nextFieldName(); param != null; param = p.nextFieldName()) {
                        params.put(param, text(p, p.nextToken()));
                    }
                }
                case "opsPerIteration" -> ops = nonNegativeNumber(p, token);
                case BaselineStore.BYTES_FROM -> {
                    require(bytesCounted == null);
                    bytesCounted = BaselineStore.bytesCounted(text(p, token));
                    require(bytesCounted != null);
                }
                case BaselineStore.FORK_SECONDS -> {
                    require(Double.isNaN(seconds));
                    seconds = nonNegativeNumber(p, token);
                    require(seconds > 0);
                }
                case "environment" -> environment = environment(p, token);
                case "metrics" -> metrics = metrics(p, token);
                default -> throw NotPlain.INSTANCE;
            }
        }
        require(benchmark != null && mode != null && metrics != null);
        BenchmarkKey key = BenchmarkKey.of(benchmark, mode, params);
        if (!Double.isNaN(seconds)) {
            forkSeconds.put(key, seconds);
        }
        return new Measurement(key, metrics, ops, environment,
                bytesCounted == null ? Measurement.BytesCounted.ALL_THREADS : bytesCounted);
    }

    private static Map<Metric, Sample> metrics(JsonParser p, JsonToken token) throws IOException, NotPlain {
        require(token == JsonToken.START_OBJECT);
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            Metric metric = Metric.fromKey(name).orElseThrow(() -> NotPlain.INSTANCE);
            require(metrics.put(metric, sample(p, p.nextToken())) == null);
        }
        require(!metrics.isEmpty());
        return metrics;
    }

    private static Sample sample(JsonParser p, JsonToken token) throws IOException, NotPlain {
        require(token == JsonToken.START_OBJECT);
        double[] values = null;
        double median = Double.NaN;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "samples" -> {
                    require(t == JsonToken.START_ARRAY);
                    double[] read = new double[8];
                    int n = 0;
                    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                        if (n == read.length) {
                            read = Arrays.copyOf(read, 2 * n);
                        }
                        read[n++] = nonNegativeNumber(p, v);
                    }
                    require(n > 0);
                    values = Arrays.copyOf(read, n);
                }
                case "median" -> median = nonNegativeNumber(p, t);
                default -> throw NotPlain.INSTANCE;
            }
        }
        require(values != null && !Double.isNaN(median));
        Sample sample = new Sample(values);
        require(Double.isFinite(sample.median())
                && BaselineWriter.round(median) == BaselineWriter.round(sample.median()));
        return sample;
    }

    private static Environment environment(JsonParser p, JsonToken token) throws IOException, NotPlain {
        require(token == JsonToken.START_OBJECT);
        Map<String, String> texts = new TreeMap<>();
        Map<String, Boolean> flags = new TreeMap<>();
        Long maxHeap = null;
        List<String> jvmArgs = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "jdkVersion", "javaVendor", "vmName", "vmVersion", "jmhVersion", "gc", "arch" -> texts.put(name, text(p, t));
                case "compressedOops", "compressedClassPointers", "compactObjectHeaders" -> {
                    require(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE);
                    flags.put(name, t == JsonToken.VALUE_TRUE);
                }
                case "maxHeapBytes" -> {
                    require(t == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                            || p.getNumberType() == JsonParser.NumberType.LONG) && p.getLongValue() >= 0);
                    maxHeap = p.getLongValue();
                }
                case "jvmArgs" -> {
                    require(t == JsonToken.START_ARRAY);
                    jvmArgs = new ArrayList<>();
                    for (JsonToken a = p.nextToken(); a != JsonToken.END_ARRAY; a = p.nextToken()) {
                        jvmArgs.add(text(p, a));
                    }
                }
                default -> throw NotPlain.INSTANCE;
            }
        }
        return new Environment(texts.get("jdkVersion"), texts.get("javaVendor"), texts.get("vmName"),
                texts.get("vmVersion"), texts.get("jmhVersion"), texts.get("gc"), flags.get("compressedOops"),
                flags.get("compressedClassPointers"), flags.get("compactObjectHeaders"), maxHeap, texts.get("arch"), jvmArgs);
    }

    private static String text(JsonParser p, JsonToken token) throws IOException, NotPlain {
        require(token == JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static String nonEmptyText(JsonParser p, JsonToken token) throws IOException, NotPlain {
        String text = text(p, token);
        require(!text.isEmpty());
        return text;
    }

    /** As the strict reader's non-negative number: finite, not negative, negative zero as zero. */
    private static double nonNegativeNumber(JsonParser p, JsonToken token) throws IOException, NotPlain {
        require(token == JsonToken.VALUE_NUMBER_FLOAT || (token == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG)));
        double value = p.getDoubleValue();
        require(Double.isFinite(value) && value >= 0);
        return value == 0 ? 0.0 : value;
    }
}
