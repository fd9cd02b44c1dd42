package dev.allocgate.core.workflow;

import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.run.AdaptiveRunner.Decision;
import dev.allocgate.core.run.AdaptiveRunner.ForkDecider;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.ForkTarget;

import java.util.List;
import java.util.Map;

/**
 * When a benchmark has had enough forks: the sequential design of allocgate's adaptive engine.
 *
 * <p>{@code check} compares the forks so far with the baseline using the {@link Gate} itself, and stops early only
 * to <em>accept</em>: when constant samples agree with a constant baseline within the threshold, or when the
 * Hodges-Lehmann confidence interval of the shift lies within plus or minus the threshold. A change in constant
 * samples must be seen in {@link ForkPlan#confirmForks()} forks. Every other case (a noisy sample that the U test
 * might find significant) runs to {@link ForkPlan#maxForks()}, and only the final comparison of the whole run may
 * reject. So the false-alarm rate of the U test is at most that of a fixed design with {@code maxForks} forks, at
 * alpha: early stops can only turn a rejection into an acceptance, never the other way round.
 *
 * <p>{@code record} gives every benchmark {@link ForkPlan#recordForks()} forks, and noisy ones
 * {@code maxForks}, so that a baseline of a varying benchmark carries enough forks for later U tests.
 */
final class ForkDecisions implements ForkDecider {
    private final Gate gate;
    private final Map<BenchmarkKey, Measurement> baselines;
    private final ForkPlan plan;
    private final boolean recording;

    ForkDecisions(Gate gate, Map<BenchmarkKey, Measurement> baselines, ForkPlan plan, boolean recording) {
        this.gate = gate;
        this.baselines = baselines;
        this.plan = plan;
        this.recording = recording;
    }

    @Override
    public Decision decide(ForkTarget target, Measurement soFar) {
        int forks = forks(soFar);
        if (forks >= plan.maxForks()) {
            return Decision.done("the most forks allowed (" + plan.maxForks() + ")");
        }
        if (recording) {
            if (forks < plan.recordForks()) {
                return new Decision(plan.recordForks() - forks, "a baseline gets " + plan.recordForks() + " forks");
            }
            boolean constant = List.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP).stream()
                    .filter(m -> soFar.sample(m).isPresent())
                    .allMatch(m -> gate.isConstant(m, soFar));
            return constant ? Decision.done("constant across forks")
                    : new Decision(plan.maxForks() - forks, "varies between forks, so the baseline gets the most forks");
        }
        Measurement baseline = baselines.get(soFar.key());
        if (baseline == null) {
            return Decision.done("no baseline");
        }
        BenchmarkComparison comparison = gate.compare(List.of(soFar), Map.of(soFar.key(), baseline), name -> true,
                List.of(), "").benchmarks().get(0);
        if (comparison.verdict() == Verdict.ENVIRONMENT_MISMATCH) {
            return Decision.done("baseline from another JVM");
        }
        int more = 0;
        String reason = "agrees with the baseline";
        for (MetricComparison m : comparison.metrics().values()) {
            if (!m.gated() || m.method() == MetricComparison.Method.NONE) {
                continue;
            }
            if (m.method() == MetricComparison.Method.EXACT) {
                if (m.verdict() != Verdict.UNCHANGED && forks < plan.confirmForks()) {
                    more = Math.max(more, plan.confirmForks() - forks);
                    reason = m.metric().unit() + " changed; confirming in " + plan.confirmForks() + " forks";
                }
            } else if (!withinThreshold(m)) {
                more = Math.max(more, Math.min(plan.parallelForks() < 2 ? 2 : plan.parallelForks(), plan.maxForks() - forks));
                reason = m.metric().unit() + " varies between forks and is not yet decided";
            }
        }
        return more == 0 ? Decision.done(reason) : new Decision(more, reason);
    }

    /** Whether the shift's confidence interval lies within plus or minus the threshold. */
    private static boolean withinThreshold(MetricComparison m) {
        return m.shift() != null && m.shift().lo() >= -m.allowedChange() && m.shift().hi() <= m.allowedChange();
    }

    private static int forks(Measurement m) {
        return m.metrics().values().stream().mapToInt(s -> s.size()).max().orElse(0);
    }
}
