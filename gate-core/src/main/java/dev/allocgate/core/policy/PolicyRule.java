package dev.allocgate.core.policy;

import dev.allocgate.core.model.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule of the policy: which benchmarks it is for and how they are judged. Rules are tried in order; the first
 * whose pattern and {@code @Param} values match a benchmark is its rule.
 *
 * @param number        1-based position in the rule list, for messages
 * @param pattern       glob over the full benchmark name ({@code package.Class.method}): {@code *} is any run of
 *                      characters (dots included), {@code ?} one character; the whole name must match
 * @param params        {@code @Param} values that must all hold; empty: any
 * @param thresholds    thresholds that replace the run's for these benchmarks, per metric
 * @param informational reported, never fails the gate
 * @param mayBeRemoved  missing from the run is REMOVED (does not fail), not MISSING
 * @param ignore        not run, not gated, not recorded
 */
public record PolicyRule(int number, String pattern, SortedMap<String, String> params, Map<Metric, ThresholdOverride> thresholds,
                         boolean informational, boolean mayBeRemoved, boolean ignore) {

    public PolicyRule {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("rule " + number + " has no pattern: give it a pattern, a glob over the"
                    + " full benchmark name, for example com.acme.codec.*");
        }
        params = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
        EnumMap<Metric, ThresholdOverride> t = new EnumMap<>(Metric.class);
        t.putAll(thresholds);
        thresholds = Collections.unmodifiableMap(t);
        if (ignore && !params.isEmpty()) {
            throw new IllegalArgumentException("rule " + number + " ('" + pattern + "') ignores benchmarks only for some"
                    + " @Param values (" + ParamValues.label(params) + "); ignore leaves whole benchmarks out of the run:"
                    + " drop its params, or make it informational for those values");
        }
    }

    /**
     * A rule from plain values, as a build tool's configuration gives them; a {@code NaN} threshold is not set.
     * Every problem is an {@link IllegalArgumentException} naming the rule and the setting.
     */
    public static PolicyRule of(int number, String pattern, String params, double bytesPercent, double bytesAbsolute,
                                double objectsPercent, double objectsAbsolute, boolean informational,
                                boolean mayBeRemoved, boolean ignore) {
        String where = "rule " + number + " ('" + pattern + "')";
        EnumMap<Metric, ThresholdOverride> thresholds = new EnumMap<>(Metric.class);
        threshold(where, thresholds, Metric.BYTES_PER_OP, bytesPercent, bytesAbsolute, "thresholdPercent", "thresholdBytes");
        threshold(where, thresholds, Metric.OBJECTS_PER_OP, objectsPercent, objectsAbsolute, "objectsThresholdPercent",
                "thresholdObjects");
        return new PolicyRule(number, pattern == null ? null : pattern.strip(), ParamValues.parse(params, where + " params"),
                thresholds, informational, mayBeRemoved, ignore);
    }

    private static void threshold(String where, Map<Metric, ThresholdOverride> out, Metric metric, double percent,
                                  double absolute, String percentName, String absoluteName) {
        for (Map.Entry<String, Double> e : Map.of(percentName, percent, absoluteName, absolute).entrySet()) {
            if (!Double.isNaN(e.getValue()) && !(e.getValue() >= 0 && Double.isFinite(e.getValue()))) {
                throw new IllegalArgumentException(where + ": " + e.getKey() + " must be a finite number >= 0, not "
                        + e.getValue());
            }
        }
        if (Double.isNaN(percent) && Double.isNaN(absolute)) {
            return;
        }
        out.put(metric, new ThresholdOverride(percent, absolute));
    }

    /** Whether this rule is for benchmark {@code name} with {@code params}. */
    public boolean matches(String name, Map<String, String> benchmarkParams) {
        return regex().matcher(name).matches() && ParamValues.match(params, benchmarkParams);
    }

    /** Whether the pattern matches {@code name}, whatever the {@code @Param} values. */
    public boolean matchesName(String name) {
        return regex().matcher(name).matches();
    }

    /** The pattern as an anchored regular expression, for JMH's exclude list. */
    public String anchoredRegex() {
        return "^" + regex().pattern() + "$";
    }

    private Pattern regex() {
        StringBuilder out = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> out.append(".*");
                case '?' -> out.append('.');
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(out.toString());
    }

    /** {@code rule 2 (com.acme.*, size=10)}: how reports name it. */
    public String label() {
        return "rule " + number + " (" + pattern + (params.isEmpty() ? "" : ", " + ParamValues.label(params)) + ")";
    }

    /** What the rule does, in a few words. */
    public String effect() {
        if (ignore) {
            return "ignored";
        }
        StringBuilder out = new StringBuilder();
        if (informational) {
            out.append("informational");
        }
        if (mayBeRemoved) {
            out.append(out.isEmpty() ? "" : ", ").append("may be removed");
        }
        String t = thresholds.entrySet().stream().map(e -> e.getKey().key() + " "
                + (Double.isNaN(e.getValue().relativePercent()) ? "" : number(e.getValue().relativePercent()) + " %")
                + (Double.isNaN(e.getValue().relativePercent()) || Double.isNaN(e.getValue().absolute()) ? "" : " / ")
                + (Double.isNaN(e.getValue().absolute()) ? "" : number(e.getValue().absolute()) + " " + e.getKey().unit()))
                .collect(Collectors.joining(", "));
        if (!t.isEmpty()) {
            out.append(out.isEmpty() ? "" : ", ").append("threshold ").append(t);
        }
        return out.isEmpty() ? "run's thresholds" : out.toString();
    }

    /**
     * A rule's threshold for one metric; a {@code NaN} part is taken from the run's threshold.
     *
     * @param relativePercent percent of the baseline, or {@code NaN}
     * @param absolute        in the metric's unit, or {@code NaN}
     */
    public record ThresholdOverride(double relativePercent, double absolute) {
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
