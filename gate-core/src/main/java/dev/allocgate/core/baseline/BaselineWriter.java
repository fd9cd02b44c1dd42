package dev.allocgate.core.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.ProfileEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical form of one baseline file (schema version {@value #SCHEMA_VERSION}).
 *
 * <p>Canonical means: keys in a fixed order, entries sorted by {@link BenchmarkKey}, params sorted by
 * name, metrics in {@link Metric} order, two-space indentation, LF line endings and a trailing newline,
 * and every double rounded half-even to {@value #DECIMALS} decimals and written as a plain decimal with
 * at least one fractional digit ({@code 16.0}, {@code 0.0001}, {@code 12345678.5}; never an exponent).
 * Four decimals keep the resolution of JMH's noise floor for non-allocating benchmarks (about 1e-4 B/op)
 * while hiding the meaningless digits that would otherwise make every re-recording a noisy diff.
 * The same data always gives the same bytes.
 */
final class BaselineWriter {

    static final int SCHEMA_VERSION = 1;
    /** The version of a file that holds an allocation profile (older allocgate then says it is too new for it). */
    static final int PROFILE_SCHEMA_VERSION = 2;
    /**
     * The version of a file that holds a {@link BaselineStore#FORK_SECONDS} (it may hold profiles too); older
     * allocgate then says it is too new for it rather than that the field is unknown.
     */
    static final int COST_SCHEMA_VERSION = 3;
    /**
     * The version of a file with an entry whose bytes/op is net of JMH's per-iteration share
     * ({@link BaselineStore#BENCHMARK_THREADS_NET}); older allocgate then says it is too new for it.
     */
    static final int NET_SCHEMA_VERSION = 4;
    static final int DECIMALS = 4;

    private static final JsonFactory FACTORY = new JsonFactory();

    private BaselineWriter() {
    }

    /**
     * The value as stored in a baseline file: rounded half-even to {@value #DECIMALS} decimals. NaN and
     * infinities are returned as they are (they are rejected when writing).
     */
    static double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The measurement as it reads back from a baseline file: all doubles {@linkplain #round rounded}. */
    static Measurement canonical(Measurement m) {
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        m.metrics().forEach((metric, sample) -> metrics.put(metric, new Sample(roundAll(sample.values()))));
        double ops = Double.isNaN(m.opsPerIteration()) ? Double.NaN : round(m.opsPerIteration());
        return new Measurement(m.key(), metrics, ops, m.environment(), m.bytesCounted());
    }

    /**
     * Serializes the entries of one benchmark class.
     *
     * @throws IllegalArgumentException when an entry cannot be stored: no entries, an entry of another
     *                                  class, the same key twice, no metrics, a negative or infinite
     *                                  opsPerIteration, a negative heap size
     */
    static byte[] write(String benchmarkClass, Collection<Measurement> measurements) {
        return write(benchmarkClass, measurements, Map.of());
    }

    /**
     * As {@link #write(String, Collection)}, with the allocation profiles of entries that have one (each entry's
     * {@code profile}, at most {@link AllocationProfile#STORED_SITES} sites); schema version
     * {@value #PROFILE_SCHEMA_VERSION} when any entry has one.
     */
    static byte[] write(String benchmarkClass, Collection<Measurement> measurements,
                        Map<BenchmarkKey, AllocationProfile> profiles) {
        return write(benchmarkClass, measurements, profiles, Map.of());
    }

    /**
     * As {@link #write(String, Collection, Map)}, with the recorded cost of entries that have one (each entry's
     * {@link BaselineStore#FORK_SECONDS}, {@linkplain ForkSeconds#round rounded}); schema version
     * {@value #COST_SCHEMA_VERSION} when any entry has one.
     *
     * @throws IllegalArgumentException also when a cost is not a positive finite number
     */
    static byte[] write(String benchmarkClass, Collection<Measurement> measurements,
                        Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, Double> forkSeconds) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("no baseline entries for " + benchmarkClass);
        }
        List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        for (int i = 0; i < sorted.size(); i++) {
            Measurement m = sorted.get(i);
            validate(benchmarkClass, m);
            Double seconds = forkSeconds.get(m.key());
            if (seconds != null && !(seconds > 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException(m.key() + ": " + BaselineStore.FORK_SECONDS
                        + " must be a positive number of seconds, was " + seconds);
            }
            if (i > 0 && sorted.get(i - 1).key().compareTo(m.key()) == 0) {
                throw new IllegalArgumentException("two baseline entries for " + m.key());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            boolean profiled = sorted.stream().anyMatch(m -> profiles.containsKey(m.key()));
            boolean costed = sorted.stream().anyMatch(m -> forkSeconds.containsKey(m.key()));
            boolean net = sorted.stream().anyMatch(Measurement::netBytes);
            g.writeNumberField("schemaVersion", net ? NET_SCHEMA_VERSION : costed ? COST_SCHEMA_VERSION
                    : profiled ? PROFILE_SCHEMA_VERSION : SCHEMA_VERSION);
            g.writeStringField("benchmarkClass", benchmarkClass);
            g.writeArrayFieldStart("benchmarks");
            for (Measurement m : sorted) {
                writeEntry(g, m, profiles.get(m.key()), forkSeconds.get(m.key()));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void validate(String benchmarkClass, Measurement m) {
        BenchmarkKey key = m.key();
        if (!key.benchmarkClass().equals(benchmarkClass)) {
            throw new IllegalArgumentException(key + " does not belong to class " + benchmarkClass);
        }
        if (key.benchmark().isEmpty() || key.mode().isEmpty()) {
            throw new IllegalArgumentException(key + ": benchmark name and mode must not be empty");
        }
        if (m.metrics().isEmpty()) {
            throw new IllegalArgumentException(key + ": a baseline entry needs at least one metric");
        }
        double ops = m.opsPerIteration();
        if (!Double.isNaN(ops) && (Double.isInfinite(ops) || ops < 0)) {
            throw new IllegalArgumentException(key + ": opsPerIteration must be finite and >= 0 (or NaN when unknown), was " + ops);
        }
        Long heap = m.environment().maxHeapBytes();
        if (heap != null && heap < 0) {
            throw new IllegalArgumentException(key + ": maxHeapBytes must be >= 0, was " + heap);
        }
    }

    private static void writeEntry(JsonGenerator g, Measurement m, AllocationProfile profile, Double forkSeconds)
            throws IOException {
        BenchmarkKey key = m.key();
        g.writeStartObject();
        g.writeStringField("benchmark", key.benchmark());
        g.writeStringField("mode", key.mode());
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, String> p : key.params().entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        if (!Double.isNaN(m.opsPerIteration())) {
            g.writeFieldName("opsPerIteration");
            writeDouble(g, m.opsPerIteration());
        }
        String bytesFrom = BaselineStore.bytesFrom(m.bytesCounted());
        if (bytesFrom != null) {
            g.writeStringField(BaselineStore.BYTES_FROM, bytesFrom);
        }
        if (forkSeconds != null) {
            g.writeFieldName(BaselineStore.FORK_SECONDS);
            writeDouble(g, ForkSeconds.round(forkSeconds));
        }
        writeEnvironment(g, m.environment());
        g.writeObjectFieldStart("metrics");
        for (Metric metric : Metric.values()) {
            Sample sample = m.metrics().get(metric);
            if (sample == null) {
                continue;
            }
            double[] values = roundAll(sample.values());
            g.writeObjectFieldStart(metric.key());
            g.writeArrayFieldStart("samples");
            for (double v : values) {
                writeDouble(g, v);
            }
            g.writeEndArray();
            g.writeFieldName("median");
            writeDouble(g, new Sample(values).median());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (profile != null) {
            writeProfile(g, profile.stored());
        }
        g.writeEndObject();
    }

    private static void writeProfile(JsonGenerator g, AllocationProfile profile) throws IOException {
        g.writeObjectFieldStart("profile");
        g.writeArrayFieldStart("sites");
        for (ProfileEntry e : profile.entries()) {
            g.writeStartObject();
            g.writeStringField("type", e.site().type());
            g.writeArrayFieldStart("frames");
            for (String frame : e.site().frames()) {
                g.writeString(frame);
            }
            g.writeEndArray();
            g.writeFieldName("objectsPerOp");
            writeDouble(g, round(e.objectsPerOp()));
            g.writeFieldName("bytesPerOp");
            writeDouble(g, round(e.bytesPerOp()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("otherObjectsPerOp");
        writeDouble(g, round(profile.otherObjectsPerOp()));
        g.writeFieldName("otherBytesPerOp");
        writeDouble(g, round(profile.otherBytesPerOp()));
        g.writeEndObject();
    }

    private static void writeEnvironment(JsonGenerator g, Environment env) throws IOException {
        if (env.equals(Environment.UNKNOWN)) {
            return;
        }
        g.writeObjectFieldStart("environment");
        writeString(g, "jdkVersion", env.jdkVersion());
        writeString(g, "javaVendor", env.javaVendor());
        writeString(g, "vmName", env.vmName());
        writeString(g, "vmVersion", env.vmVersion());
        writeString(g, "jmhVersion", env.jmhVersion());
        writeString(g, "gc", env.gc());
        writeBoolean(g, "compressedOops", env.compressedOops());
        writeBoolean(g, "compressedClassPointers", env.compressedClassPointers());
        writeBoolean(g, "compactObjectHeaders", env.compactObjectHeaders());
        if (env.maxHeapBytes() != null) {
            g.writeNumberField("maxHeapBytes", env.maxHeapBytes());
        }
        writeString(g, "arch", env.arch());
        if (env.jvmArgs() != null) {
            g.writeArrayFieldStart("jvmArgs");
            for (String arg : env.jvmArgs()) {
                g.writeString(arg);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeString(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeBoolean(JsonGenerator g, String field, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(field, value);
        }
    }

    /** Writes a rounded double as a plain decimal with at least one fractional digit. */
    private static void writeDouble(JsonGenerator g, double value) throws IOException {
        g.writeNumber(plainDecimal(value));
    }

    static String plainDecimal(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 1) {
            rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        }
        return rounded.toPlainString();
    }

    private static double[] roundAll(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i]);
        }
        return out;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        // Objects: one member per line, two spaces, LF whatever the platform. Arrays stay on one line
        // ("[ 16.0, 16.0 ]", and "[ {" for the list of benchmarks), Jackson's default.
        return new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    }
}
