package dev.allocgate.core.policy;

import dev.allocgate.core.model.Metric;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one benchmark (with its {@code @Param} values) is judged: the rule that matched it, if any, and the budget that
 * holds for it, if any, with the budget's limits for these values.
 *
 * @param rule   the first matching rule, {@code null} when none matched (the run's settings apply)
 * @param budget the {@code @AllocationBudget} that holds, {@code null} without one
 * @param limits the budget's limit per metric for these {@code @Param} values; empty without a budget
 */
public record EffectivePolicy(PolicyRule rule, Budget budget, Map<Metric, Double> limits) {

    /** No rule, no budget: the run's thresholds. */
    public static final EffectivePolicy DEFAULT = new EffectivePolicy(null, null, Map.of());

    public EffectivePolicy {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(limits);
        limits = Collections.unmodifiableMap(copy);
    }

    /** Reported, never fails the gate. */
    public boolean informational() {
        return rule != null && rule.informational();
    }

    /** Missing from the run is REMOVED, not MISSING. */
    public boolean mayBeRemoved() {
        return rule != null && rule.mayBeRemoved();
    }

    /** Whether neither a rule nor a budget applies. */
    public boolean isDefault() {
        return rule == null && budget == null;
    }

    /** The relative threshold (percent) for {@code metric}: the rule's, or {@code runs} when it sets none. */
    public double relativePercent(Metric metric, double runs) {
        PolicyRule.ThresholdOverride own = rule == null ? null : rule.thresholds().get(metric);
        return own == null || Double.isNaN(own.relativePercent()) ? runs : own.relativePercent();
    }

    /** The absolute threshold (the metric's unit) for {@code metric}: the rule's, or {@code runs} when it sets none. */
    public double absolute(Metric metric, double runs) {
        PolicyRule.ThresholdOverride own = rule == null ? null : rule.thresholds().get(metric);
        return own == null || Double.isNaN(own.absolute()) ? runs : own.absolute();
    }

    /** The budget's limit for {@code metric}, {@code NaN} without one. */
    public double limit(Metric metric) {
        Double limit = limits.get(metric);
        return limit == null ? Double.NaN : limit;
    }

    /** In a few words, for every report: {@code rule 2 (*Parser*): informational; budget 0 B/op (@AllocationBudget on ...)}. */
    public String describe() {
        if (isDefault()) {
            return "default";
        }
        StringBuilder out = new StringBuilder();
        if (rule != null) {
            out.append(rule.label()).append(": ").append(rule.effect());
        }
        if (budget != null) {
            out.append(out.isEmpty() ? "" : "; ").append("budget ").append(limits.entrySet().stream()
                    .map(e -> PolicyRule.number(e.getValue()) + " " + e.getKey().unit()).collect(Collectors.joining(", ")))
                    .append(" (").append(budget.label()).append(')');
        }
        return out.toString();
    }

    /** Where the policy comes from: {@code default}, {@code rule}, {@code budget} or {@code rule+budget}. */
    public String source() {
        return isDefault() ? "default" : rule == null ? "budget" : budget == null ? "rule" : "rule+budget";
    }
}
