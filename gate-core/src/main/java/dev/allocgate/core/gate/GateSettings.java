package dev.allocgate.core.gate;

import dev.allocgate.core.Commands;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.policy.EffectivePolicy;
import dev.allocgate.core.policy.Policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the gate judges: significance level, thresholds per metric, which metrics can fail the build,
 * and which verdicts fail it.
 *
 * @param alpha                    family-wise significance level (Holm-corrected over the run's U tests)
 * @param thresholds               practical threshold per metric
 * @param gatedMetrics             metrics whose regressions fail the gate; others are informational
 * @param infraPerIteration        per metric, an upper bound of what JMH itself allocates per measurement
 *                                 iteration (bytes, objects), divided by the operations per iteration to
 *                                 bound its bias on the per-operation value; missing metrics get defaults
 * @param environmentPolicy        what an environment mismatch does
 * @param failOnRegression         whether REGRESSED fails the gate
 * @param failOnMissing            whether MISSING fails the gate
 * @param failOnNew                whether NEW fails the gate
 * @param failOnInconclusive       whether INCONCLUSIVE fails the gate
 * @param removedBenchmarks        regular expressions (matched anywhere in the name) of benchmarks
 *                                 removed on purpose: missing from the run, they are REMOVED, not MISSING
 * @param policy                   per-benchmark rules and budgets ({@link Policy#NONE}: the run's settings for all)
 * @param commands                 how the reports and hints name the commands that act on the run (the front end's:
 *                                 {@link Commands#MAVEN} or the CLI's); judging does not depend on it
 */
public record GateSettings(
        double alpha,
        Map<Metric, Threshold> thresholds,
        Set<Metric> gatedMetrics,
        Map<Metric, Double> infraPerIteration,
        EnvironmentPolicy environmentPolicy,
        boolean failOnRegression,
        boolean failOnMissing,
        boolean failOnNew,
        boolean failOnInconclusive,
        List<String> removedBenchmarks,
        Policy policy,
        Commands commands) {

    /** Settings whose reports name the Maven goals. */
    public GateSettings(double alpha, Map<Metric, Threshold> thresholds, Set<Metric> gatedMetrics,
                        Map<Metric, Double> infraPerIteration, EnvironmentPolicy environmentPolicy, boolean failOnRegression,
                        boolean failOnMissing, boolean failOnNew, boolean failOnInconclusive, List<String> removedBenchmarks,
                        Policy policy) {
        this(alpha, thresholds, gatedMetrics, infraPerIteration, environmentPolicy, failOnRegression, failOnMissing,
                failOnNew, failOnInconclusive, removedBenchmarks, policy, Commands.MAVEN);
    }

    /** Settings without a per-benchmark policy. */
    public GateSettings(double alpha, Map<Metric, Threshold> thresholds, Set<Metric> gatedMetrics,
                        Map<Metric, Double> infraPerIteration, EnvironmentPolicy environmentPolicy, boolean failOnRegression,
                        boolean failOnMissing, boolean failOnNew, boolean failOnInconclusive, List<String> removedBenchmarks) {
        this(alpha, thresholds, gatedMetrics, infraPerIteration, environmentPolicy, failOnRegression, failOnMissing,
                failOnNew, failOnInconclusive, removedBenchmarks, Policy.NONE);
    }

    /** Settings without intentionally removed benchmarks. */
    public GateSettings(double alpha, Map<Metric, Threshold> thresholds, Set<Metric> gatedMetrics,
                        Map<Metric, Double> infraPerIteration, EnvironmentPolicy environmentPolicy, boolean failOnRegression,
                        boolean failOnMissing, boolean failOnNew, boolean failOnInconclusive) {
        this(alpha, thresholds, gatedMetrics, infraPerIteration, environmentPolicy, failOnRegression, failOnMissing,
                failOnNew, failOnInconclusive, List.of());
    }

    public static final double DEFAULT_ALPHA = 0.05;
    public static final Threshold DEFAULT_BYTES_THRESHOLD = defaultThreshold(Metric.BYTES_PER_OP);
    /** See {@link Metric#OBJECTS_PER_OP}. */
    public static final Threshold DEFAULT_OBJECTS_THRESHOLD = defaultThreshold(Metric.OBJECTS_PER_OP);
    public static final Threshold DEFAULT_ALLOC_RATE_THRESHOLD = defaultThreshold(Metric.ALLOC_RATE);
    public static final double DEFAULT_INFRA_BYTES_PER_ITERATION = Metric.BYTES_PER_OP.jmhOwnPerIteration();
    /** The object counter sees only the benchmark threads, where JMH allocates 14-22 objects per iteration each. */
    public static final double DEFAULT_INFRA_OBJECTS_PER_ITERATION = Metric.OBJECTS_PER_OP.jmhOwnPerIteration();

    /** The metric's default practical threshold. */
    public static Threshold defaultThreshold(Metric metric) {
        return new Threshold(metric.defaultThresholdPercent(), metric.defaultThresholdAbsolute());
    }

    public GateSettings {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        EnumMap<Metric, Double> infra = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            if (metric.jmhOwnPerIteration() > 0) {
                infra.put(metric, metric.jmhOwnPerIteration());
            }
        }
        infra.putAll(infraPerIteration);
        for (Map.Entry<Metric, Double> e : infra.entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new IllegalArgumentException("JMH's own allocation per iteration for " + e.getKey().key()
                        + " must be finite and >= 0: " + e.getValue());
            }
        }
        infraPerIteration = Collections.unmodifiableMap(infra);
        EnumMap<Metric, Threshold> t = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            t.put(metric, defaultThreshold(metric));
        }
        t.putAll(thresholds);
        thresholds = Collections.unmodifiableMap(t);
        gatedMetrics = gatedMetrics.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(gatedMetrics));
        Objects.requireNonNull(environmentPolicy, "environmentPolicy");
        removedBenchmarks = List.copyOf(removedBenchmarks);
        policy = policy == null ? Policy.NONE : policy;
        commands = commands == null ? Commands.MAVEN : commands;
        for (String regex : removedBenchmarks) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid removed-benchmark regular expression '" + regex + "': "
                        + e.getDescription(), e);
            }
        }
    }

    /**
     * Defaults: alpha 0.05, bytes/op gated at max(1 %, 4 B), objects/op at max(1 %, 0.5 objects),
     * allocation rate informational.
     */
    public static GateSettings defaults() {
        EnumSet<Metric> gated = EnumSet.noneOf(Metric.class);
        Arrays.stream(Metric.values()).filter(Metric::gatedByDefault).forEach(gated::add);
        return new GateSettings(DEFAULT_ALPHA, Map.of(), gated, Map.of(), EnvironmentPolicy.FAIL, true, true, false, false);
    }

    /** Bound on JMH's own allocation per iteration for this metric (0 for rates). */
    public double infraPerIteration(Metric metric) {
        Double bound = infraPerIteration.get(metric); // no boxed default per call
        return bound == null ? 0 : bound;
    }

    /** Bound on JMH's own bytes per iteration. */
    public double infraBytesPerIteration() {
        return infraPerIteration(Metric.BYTES_PER_OP);
    }

    /** These settings with {@code policy}'s rules and budgets. */
    public GateSettings withPolicy(Policy policy) {
        return new GateSettings(alpha, thresholds, gatedMetrics, infraPerIteration, environmentPolicy, failOnRegression,
                failOnMissing, failOnNew, failOnInconclusive, removedBenchmarks, policy, commands);
    }

    /** These settings with the front end's {@code commands} for the reports and hints. */
    public GateSettings withCommands(Commands commands) {
        return new GateSettings(alpha, thresholds, gatedMetrics, infraPerIteration, environmentPolicy, failOnRegression,
                failOnMissing, failOnNew, failOnInconclusive, removedBenchmarks, policy, commands);
    }

    /** The policy of one benchmark key: its rule and budget. */
    public EffectivePolicy policyOf(BenchmarkKey key) {
        return policy.resolve(key.benchmark(), key.params());
    }

    /** The threshold of {@code metric} under {@code policy}: its rule's values, the run's where it sets none. */
    public Threshold threshold(Metric metric, EffectivePolicy policy) {
        Threshold runs = threshold(metric);
        return policy.rule() == null ? runs
                : new Threshold(policy.relativePercent(metric, runs.relativePercent()), policy.absolute(metric, runs.absolute()));
    }

    /** Whether a benchmark missing from the run was removed on purpose: by {@code removed}, or its rule allows it. */
    public boolean isRemovedIntentionally(BenchmarkKey key, EffectivePolicy policy) {
        return policy.mayBeRemoved() || isRemovedIntentionally(key.benchmark());
    }

    /** Whether this benchmark's verdict fails the gate: never for an informational (or ignored) one. */
    public boolean fails(BenchmarkComparison benchmark) {
        EffectivePolicy p = benchmark.policy();
        boolean exempt = p.rule() != null && (p.rule().informational() || p.rule().ignore());
        return !exempt && fails(benchmark.verdict());
    }

    /** Whether a benchmark missing from the run was removed on purpose. */
    public boolean isRemovedIntentionally(String benchmark) {
        return removedBenchmarks.stream().anyMatch(r -> Pattern.compile(r).matcher(benchmark).find());
    }

    public Threshold threshold(Metric metric) {
        return thresholds.get(metric);
    }

    public boolean isGated(Metric metric) {
        return gatedMetrics.contains(metric);
    }

    /** Whether a benchmark with this verdict fails the gate. */
    public boolean fails(Verdict verdict) {
        return switch (verdict) {
            case REGRESSED, OVER_BUDGET -> failOnRegression;
            case MISSING -> failOnMissing;
            case NEW -> failOnNew;
            case INCONCLUSIVE -> failOnInconclusive;
            case ENVIRONMENT_MISMATCH -> environmentPolicy == EnvironmentPolicy.FAIL;
            case FAILED -> true;
            case IMPROVED, UNCHANGED, REMOVED -> false;
        };
    }
}
