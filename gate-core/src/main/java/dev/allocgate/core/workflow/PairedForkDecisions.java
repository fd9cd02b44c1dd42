package dev.allocgate.core.workflow;

import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.run.AdaptiveRunner.Decision;
import dev.allocgate.core.run.ForkPlan;

import java.util.Map;

/**
 * When a benchmark of a base-vs-PR check has had enough forks: both sides always get the same number, so each
 * decision asks for more forks <em>of each side</em>. The rules are {@link ForkDecisions}', with the base revision's
 * forks so far as the baseline (a change of a constant allocation must show in {@link ForkPlan#confirmForks()} forks,
 * a varying benchmark stops only at the schedule's looks), plus one: a benchmark whose two sides agree is decided
 * only once they hold {@link #agreeingForks(ForkPlan)} forks each, as much evidence that its allocation is constant
 * as a recorded baseline ({@code recordForks} forks) and a check ({@code minForks}) carry together.
 */
final class PairedForkDecisions {
    private final ForkDecisions checks;
    private final ForkPlan plan;

    /**
     * @param familyBound an upper bound of the U tests of the final comparison (gated metrics times benchmarks
     *                    measured on both sides)
     */
    PairedForkDecisions(Gate gate, ForkPlan plan, int familyBound) {
        this.checks = new ForkDecisions(gate, Map.of(), plan, false, familyBound);
        this.plan = plan;
    }

    /** Forks per side a benchmark whose sides agree gets: half of {@code recordForks + minForks}, rounded up. */
    static int agreeingForks(ForkPlan plan) {
        return Math.min(plan.maxForks(), Math.max(plan.minForks(), (plan.recordForks() + plan.minForks() + 1) / 2));
    }

    /** More forks for each side of a benchmark measured on both, from {@code base}'s and {@code current}'s so far. */
    Decision decide(Measurement base, Measurement current) {
        int forks = Math.min(ForkDecisions.forks(base), ForkDecisions.forks(current));
        Decision decision = checks.decide(current, base);
        int agreeing = agreeingForks(plan);
        if (decision.moreForks() == 0 && forks < agreeing && forks < plan.maxForks()) {
            return new Decision(agreeing - forks, "both sides agree so far; each gets " + agreeing + " forks");
        }
        return decision;
    }
}
