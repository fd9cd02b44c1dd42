package dev.allocgate.core.config;

import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.Metric;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * allocgate's settings for judging results, from a neutral source: a map of {@code allocgate.*} properties (Maven's
 * parameters, the CLI's {@code -D} options and options, a properties file), each resolved once here with its default
 * and its validation. The Maven goals and the CLI are thin adapters that hand their values in; the values they leave
 * out take the defaults of {@link #SETTINGS}, which come from {@link Metric} and {@link GateSettings}.
 *
 * <p>Lists (include, exclude, removed) are comma-separated. An unknown {@code allocgate.*} key is an error, so a typo
 * never silently leaves a default in force.
 */
public final class GateConfiguration {

    /** One setting: its property, its default ({@code null}: none) and what it means, for help texts. */
    public record Setting(String property, String defaultValue, String description) {
    }

    public static final String BASELINES = "allocgate.baselines";
    public static final String OUTPUT_DIRECTORY = "allocgate.outputDirectory";
    public static final String RESULTS = "allocgate.results";
    public static final String AGAINST = "allocgate.against";
    public static final String INCLUDE = "allocgate.include";
    public static final String EXCLUDE = "allocgate.exclude";
    public static final String OBJECTS = "allocgate.objects";
    public static final String ALPHA = "allocgate.alpha";
    public static final String THRESHOLD_PERCENT = "allocgate.thresholdPercent";
    public static final String THRESHOLD_BYTES = "allocgate.thresholdBytes";
    public static final String OBJECTS_THRESHOLD_PERCENT = "allocgate.objectsThresholdPercent";
    public static final String THRESHOLD_OBJECTS = "allocgate.thresholdObjects";
    public static final String GATE_ALLOC_RATE = "allocgate.gateAllocRate";
    public static final String ALLOC_RATE_THRESHOLD_PERCENT = "allocgate.allocRateThresholdPercent";
    public static final String ALLOC_RATE_THRESHOLD_MBPS = "allocgate.allocRateThresholdMBps";
    public static final String INFRA_BYTES_PER_ITERATION = "allocgate.infraBytesPerIteration";
    public static final String ON_ENVIRONMENT_MISMATCH = "allocgate.onEnvironmentMismatch";
    public static final String FAIL_ON_REGRESSION = "allocgate.failOnRegression";
    public static final String FAIL_ON_MISSING = "allocgate.failOnMissing";
    public static final String FAIL_ON_NEW = "allocgate.failOnNew";
    public static final String FAIL_ON_INCONCLUSIVE = "allocgate.failOnInconclusive";
    public static final String REMOVED = "allocgate.removed";
    public static final String REFRESH_UNCHANGED = "allocgate.refreshUnchanged";
    public static final String RATCHET = "allocgate.ratchet";

    /** Every setting, with its default. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(BASELINES, null, "directory of the committed baseline files (one JSON file per benchmark class)"),
            new Setting(OUTPUT_DIRECTORY, null, "where report.json, report.md, report.html and TEST-allocgate.xml go"),
            new Setting(RESULTS, null, "the JMH JSON results to judge or record (JMH's -rf json, with -prof gc)"),
            new Setting(AGAINST, null, "a second JMH JSON results file to compare with instead of the baselines"),
            new Setting(INCLUDE, "", "benchmarks to select: regular expressions found in the full name; all when empty"),
            new Setting(EXCLUDE, "", "benchmarks to leave out: regular expressions, as include"),
            new Setting(OBJECTS, "true", "gate on objects/op too where the baselines have it; results without"
                    + " allocgate's objects/op profiler then fail such benchmarks as not measured"),
            new Setting(ALPHA, Double.toString(GateSettings.DEFAULT_ALPHA),
                    "family-wise significance level of the run's U tests (Holm-corrected)"),
            new Setting(THRESHOLD_PERCENT, number(Metric.BYTES_PER_OP.defaultThresholdPercent()),
                    "a bytes/op change must exceed this percentage of the baseline (and thresholdBytes)"),
            new Setting(THRESHOLD_BYTES, number(Metric.BYTES_PER_OP.defaultThresholdAbsolute()),
                    "a bytes/op change must exceed this many bytes per operation (and thresholdPercent)"),
            new Setting(OBJECTS_THRESHOLD_PERCENT, number(Metric.OBJECTS_PER_OP.defaultThresholdPercent()),
                    "an objects/op change must exceed this percentage of the baseline (and thresholdObjects)"),
            new Setting(THRESHOLD_OBJECTS, number(Metric.OBJECTS_PER_OP.defaultThresholdAbsolute()),
                    "an objects/op change must exceed this many objects per operation (and objectsThresholdPercent)"),
            new Setting(GATE_ALLOC_RATE, Boolean.toString(Metric.ALLOC_RATE.gatedByDefault()),
                    "also fail on the allocation rate (MB/s), which moves with speed too"),
            new Setting(ALLOC_RATE_THRESHOLD_PERCENT, number(Metric.ALLOC_RATE.defaultThresholdPercent()),
                    "relative threshold of the allocation rate, in percent"),
            new Setting(ALLOC_RATE_THRESHOLD_MBPS, number(Metric.ALLOC_RATE.defaultThresholdAbsolute()),
                    "absolute threshold of the allocation rate, in MB/s"),
            new Setting(INFRA_BYTES_PER_ITERATION, number(Metric.BYTES_PER_OP.jmhOwnPerIteration()),
                    "upper bound of JMH's own allocation per measurement iteration, spread over its operations"),
            new Setting(ON_ENVIRONMENT_MISMATCH, "fail", "baselines recorded on another JVM configuration: fail, skip"
                    + " (report, do not compare) or compare (anyway, with a warning)"),
            new Setting(FAIL_ON_REGRESSION, "true", "fail when a benchmark regressed"),
            new Setting(FAIL_ON_MISSING, "true", "fail when a selected benchmark of the baselines was not measured"),
            new Setting(FAIL_ON_NEW, "false", "fail when a benchmark has no baseline yet"),
            new Setting(FAIL_ON_INCONCLUSIVE, "false", "fail when the data cannot decide"),
            new Setting(REMOVED, "", "benchmarks removed on purpose (regular expressions): REMOVED, not MISSING"),
            new Setting(REFRESH_UNCHANGED, "false",
                    "record: also rewrite entries whose allocation is unchanged, and every fork time"),
            new Setting(RATCHET, "false", "record: replace only the entries that improved beyond their threshold"));

    private static final Map<String, Setting> BY_PROPERTY = index();

    private final Map<String, String> values;
    private final Map<String, List<String>> lists;

    private GateConfiguration(Map<String, String> values, Map<String, List<String>> lists) {
        this.values = values;
        this.lists = lists;
    }

    /**
     * The settings {@code given} holds; the others take their defaults. Blank values count as not given.
     *
     * @throws InvalidSettingException for an unknown {@code allocgate.*} key
     */
    public static GateConfiguration of(Map<String, String> given) {
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!e.getKey().startsWith("allocgate.")) {
                continue;
            }
            if (!BY_PROPERTY.containsKey(e.getKey())) {
                throw new InvalidSettingException(e.getKey(), e.getValue(), "is not a setting of allocgate's gate; known: "
                        + String.join(", ", BY_PROPERTY.keySet()));
            }
            if (e.getValue() != null && !e.getValue().isBlank()) {
                values.put(e.getKey(), e.getValue().strip());
            }
        }
        return new GateConfiguration(values, Map.of());
    }

    /**
     * These settings with the list setting {@code property} given as elements (a Maven list parameter, whose regular
     * expressions may hold commas) rather than comma-separated; {@code null} for not given.
     */
    public GateConfiguration withList(String property, List<String> elements) {
        requireKnown(property);
        if (elements == null) {
            return this;
        }
        Map<String, List<String>> more = new TreeMap<>(lists);
        more.put(property, elements.stream().filter(e -> e != null && !e.isBlank()).map(String::strip).toList());
        return new GateConfiguration(values, more);
    }

    /** The settings allocgate reads as comparison thresholds and rules, whether objects/op is gated or not. */
    public GateSettings gateSettings(boolean gatesObjects) {
        EnvironmentPolicy policy;
        String mismatch = string(ON_ENVIRONMENT_MISMATCH);
        try {
            policy = EnvironmentPolicy.valueOf(mismatch.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(ON_ENVIRONMENT_MISMATCH, mismatch, "must be fail, skip or compare, not '"
                    + mismatch + "'");
        }
        double alpha = number(ALPHA);
        if (!(alpha > 0 && alpha < 1)) {
            throw new InvalidSettingException(ALPHA, string(ALPHA), "must be a number between 0 and 1 (exclusive), not "
                    + alpha);
        }
        EnumSet<Metric> gated = EnumSet.of(Metric.BYTES_PER_OP);
        if (gatesObjects) {
            gated.add(Metric.OBJECTS_PER_OP);
        }
        if (bool(GATE_ALLOC_RATE)) {
            gated.add(Metric.ALLOC_RATE);
        }
        return new GateSettings(alpha,
                Map.of(Metric.BYTES_PER_OP, new Threshold(nonNegative(THRESHOLD_PERCENT), nonNegative(THRESHOLD_BYTES)),
                        Metric.OBJECTS_PER_OP, new Threshold(nonNegative(OBJECTS_THRESHOLD_PERCENT),
                                nonNegative(THRESHOLD_OBJECTS)),
                        Metric.ALLOC_RATE, new Threshold(nonNegative(ALLOC_RATE_THRESHOLD_PERCENT),
                                nonNegative(ALLOC_RATE_THRESHOLD_MBPS))),
                gated, Map.of(Metric.BYTES_PER_OP, nonNegative(INFRA_BYTES_PER_ITERATION)), policy,
                bool(FAIL_ON_REGRESSION), bool(FAIL_ON_MISSING), bool(FAIL_ON_NEW), bool(FAIL_ON_INCONCLUSIVE),
                list(REMOVED));
    }

    public BenchmarkFilter filter() {
        return new BenchmarkFilter(list(INCLUDE), list(EXCLUDE));
    }

    /** {@link #OBJECTS}: whether objects/op is asked to be gated. */
    public boolean objects() {
        return bool(OBJECTS);
    }

    public boolean refreshUnchanged() {
        return bool(REFRESH_UNCHANGED);
    }

    public boolean ratchet() {
        return bool(RATCHET);
    }

    /** A path setting, when given. */
    public Optional<Path> path(String property) {
        requireKnown(property);
        return Optional.ofNullable(values.get(property)).map(Path::of);
    }

    /** The value in force (given, else the default; "" for none), as text. */
    public String string(String property) {
        requireKnown(property);
        String v = values.get(property);
        if (v != null) {
            return v;
        }
        String d = BY_PROPERTY.get(property).defaultValue();
        return d == null ? "" : d;
    }

    /** The values given explicitly, by property. */
    public Map<String, String> given() {
        return Map.copyOf(values);
    }

    public boolean bool(String property) {
        String v = string(property);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidSettingException(property, v, "must be true or false, not '" + v + "'");
    }

    public double number(String property) {
        String v = string(property);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(property, v, "must be a number, not '" + v + "'");
        }
    }

    /** A list setting: as given by {@link #withList}, else comma-separated, blank elements dropped. */
    public List<String> list(String property) {
        if (lists.containsKey(property)) {
            return lists.get(property);
        }
        return Arrays.stream(string(property).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A threshold setting must be a finite number >= 0. */
    private double nonNegative(String property) {
        double value = number(property);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidSettingException(property, string(property), "must be a finite number >= 0, not " + value);
        }
        return value;
    }

    private static void requireKnown(String property) {
        if (!BY_PROPERTY.containsKey(property)) {
            throw new IllegalArgumentException("not a setting: " + property);
        }
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    private static Map<String, Setting> index() {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            out.put(s.property(), s);
        }
        return Collections.unmodifiableMap(out);
    }
}
