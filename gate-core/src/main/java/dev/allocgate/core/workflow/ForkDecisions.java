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
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * When a benchmark has had enough forks: the sequential design of allocgate's adaptive engine.
 *
 * <p>{@code check} compares the forks so far with the baseline using the {@link Gate} itself.
 * <ul>
 * <li>Constant samples that agree with a constant baseline are done after one fork. A change of a constant
 *     allocation (or current forks that all lie beyond a constant baseline, or levels that all moved) must show in
 *     {@link ForkPlan#confirmForks()} forks before it counts, so a benchmark that settles at two levels does not
 *     fail, or pass as improved, because its few forks all happened to hit one.</li>
 * <li>A benchmark whose forks vary is judged by the U test, and may stop only at the looks of a fixed schedule
 *     ({@link #looks(ForkPlan)}: a quarter, a half and all of {@code maxForks}). At a look it stops to
 *     <em>accept</em> when the upper confidence bound of the change lies within the threshold (UNCHANGED or
 *     IMPROVED), and to <em>reject</em> when its p-value, multiplied by the number of looks, is at most alpha
 *     divided by the largest family the run's Holm correction can have; the final comparison, which multiplies every
 *     U test's p-value by the number of looks ({@link Gate#sequential(int)}), then reaches the same verdict on the
 *     same forks. Otherwise it runs to the next look, up to {@code maxForks}. It also looks at 1 and 2 forks, before
 *     the first look, and at {@code confirmForks} ({@link #acceptLooks(ForkPlan, TreeSet)}), where it may only
 *     accept, on the same bound: a look that can never reject takes no share of alpha (a benchmark it stops is
 *     UNCHANGED or IMPROVED, whose estimate lies within the threshold, so the final comparison cannot call it
 *     REGRESSED), and a noisy benchmark whose forks sit well within its threshold (Handoff's lock-queue nodes, 510
 *     objects give or take two) is done in 1 or 2 forks, not 5. One fork reaches the bound only against a baseline
 *     of 19 forks or more (the bound is then the fork less the baseline's lowest fork, at {@code 1 - 1/(m + 1)} for
 *     m baseline forks), which is why {@code record} gives a varying benchmark {@code maxForks}, 20 by default.</li>
 * <li>A benchmark whose forks settle at a few levels stops at any fork, look or not, once its forks sit at levels
 *     the baseline showed that rule out a rise beyond the threshold ({@link Gate#riseRuledOut}): no rise fits them
 *     (a fork at the baseline's lowest level, or forks at two levels further apart than any rise), or each rise that
 *     fits is unlikely by the baseline's shares (a sequential likelihood ratio test, whose error holds
 *     at whatever fork it stops). More forks could then show only how often the JIT takes each path, which the gate
 *     does not count as a change of the code. Stopping to accept raises no false alarm. While every fork sits at a
 *     known level, forks are added one at a time; a U test still decides only at the looks.</li>
 * </ul>
 * The p-value at whatever look a benchmark stopped, times the number of looks, is a valid p-value (Bonferroni over
 * the looks), so the run's false-alarm rate stays at alpha however the forks were spent, and a clear regression costs
 * only the forks that prove it.
 *
 * <p>{@code record} gives every benchmark {@link ForkPlan#recordForks()} forks, and one whose forks disagree, or whose
 * previous baseline's forks disagreed, {@code maxForks}: its baseline then describes every level it settles at with
 * their shares, carries enough forks for later U tests to pass the run's correction (and a check's first fork to be
 * bounded), and does not flip between "constant" and "varying" from one record to the next by chance.
 */
final class ForkDecisions implements ForkDecider {
    private final Gate gate;
    private final Map<BenchmarkKey, Measurement> baselines;
    private final ForkPlan plan;
    private final boolean recording;
    private final int familyBound;
    private final TreeSet<Integer> looks;
    private final TreeSet<Integer> acceptLooks;

    /**
     * @param gate        the run's gate (its settings judge; it is used one benchmark at a time)
     * @param baselines   the baseline entries
     * @param plan        forks per benchmark
     * @param recording   {@code record} rather than {@code check}
     * @param familyBound an upper bound of the number of U tests the run's Holm correction will see (gated metrics
     *                    times benchmarks with a baseline); early rejections are made at alpha over this bound
     */
    ForkDecisions(Gate gate, Map<BenchmarkKey, Measurement> baselines, ForkPlan plan, boolean recording, int familyBound) {
        this.gate = gate.sequential(looks(plan));
        this.baselines = baselines;
        this.plan = plan;
        this.recording = recording;
        this.familyBound = Math.max(1, familyBound);
        this.looks = schedule(plan);
        this.acceptLooks = acceptLooks(plan, looks);
    }

    @Override
    public boolean recording() {
        return recording;
    }

    /** The number of looks at which a benchmark judged by the U test may stop: the final gate corrects for them. */
    static int looks(ForkPlan plan) {
        return schedule(plan).size();
    }

    /**
     * {@code maxForks}, a half and a quarter of it (rounded up, at least {@code minForks} and 2): three looks for the
     * default 20 forks (5, 10, 20). Few looks keep the correction small; a varying benchmark needs a few forks before
     * its confidence bound can reach the requested coverage anyway.
     */
    private static TreeSet<Integer> schedule(ForkPlan plan) {
        TreeSet<Integer> looks = new TreeSet<>();
        int floor = Math.max(plan.minForks(), Math.min(2, plan.maxForks()));
        for (int k = plan.maxForks(), i = 0; i < LOOKS; k = (k + 1) / 2, i++) {
            looks.add(Math.max(floor, k));
        }
        return looks;
    }

    /** Most looks of the schedule. */
    private static final int LOOKS = 3;

    /** Most forks at which a varying benchmark may stop to accept only, before the first look of the schedule. */
    private static final int MOST_ACCEPT_ONLY_FORKS = 2;

    /**
     * The fork counts, besides the looks, at which a varying benchmark may stop to accept only: before the first look
     * each from {@code minForks} up to 2 forks (or {@code minForks}, if more), and {@code confirmForks}, which a change
     * of constant forks has run to when its forks turn out to vary (a constant baseline of 192 objects, a first fork
     * at 194 and 7 more at 192).
     */
    private static TreeSet<Integer> acceptLooks(ForkPlan plan, TreeSet<Integer> looks) {
        TreeSet<Integer> accept = new TreeSet<>();
        int last = Math.max(plan.minForks(), MOST_ACCEPT_ONLY_FORKS);
        for (int forks = plan.minForks(); forks <= last && forks < looks.first(); forks++) {
            accept.add(forks);
        }
        if (plan.confirmForks() < plan.maxForks()) {
            accept.add(plan.confirmForks());
        }
        accept.removeAll(looks);
        return accept;
    }

    /** The next fork count after {@code forks} at which a varying benchmark is looked at, of either kind. */
    private int nextLook(int forks) {
        Integer accept = acceptLooks.higher(forks);
        Integer look = looks.higher(forks);
        return accept == null ? look : look == null ? accept : Math.min(accept, look);
    }

    @Override
    public Decision decide(ForkTarget target, Measurement soFar) {
        return decide(soFar, baselines.get(soFar.key()));
    }

    /** The decision for the forks {@code soFar} against {@code baseline} (null: none). */
    Decision decide(Measurement soFar, Measurement baseline) {
        int forks = forks(soFar);
        if (forks >= plan.maxForks()) {
            return Decision.done("the most forks allowed (" + plan.maxForks() + ")");
        }
        if (recording) {
            return record(soFar, baseline, forks);
        }
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
        String decided = null;
        // A gated metric whose U test the final comparison must find REGRESSED on these forks fails the benchmark,
        // whatever its other metrics would show after more forks. Not a confirmed change of constant forks: its rule
        // (all confirmForks forks beyond a constant baseline) has no p-value, and the forks another metric still needs
        // may show the other level of a benchmark whose forks all hit one.
        String regressed = null;
        for (MetricComparison m : comparison.metrics().values()) {
            if (!m.gated() || m.method() == MetricComparison.Method.NONE) {
                continue;
            }
            if (m.method() == MetricComparison.Method.EXACT) {
                // A decrease is confirmed too: one fork below a constant baseline may sit at a level the baseline's
                // few forks missed, and IMPROVED would then hide a regression of the benchmark's other level.
                if (m.verdict() != Verdict.UNCHANGED && forks < plan.confirmForks()) {
                    more = Math.max(more, plan.confirmForks() - forks);
                    reason = m.metric().unit() + " changed; confirming in " + plan.confirmForks() + " forks";
                }
                continue;
            }
            if (m.verdict() == Verdict.UNCHANGED && gate.riseRuledOut(m.metric(), soFar, baseline)) {
                if (reason.equals("agrees with the baseline")) {
                    reason = "every fork at a level the baseline showed, where a rise beyond the threshold is ruled out";
                }
                continue;
            }
            // Not one fork judged as levels: the shares' bound was simulated from 3 forks a side, and such forks stop
            // once they rule a rise out (above), at one fork where they can.
            boolean acceptable = forks > 1 || !gate.judgedByLevels(m.metric(), soFar, baseline);
            if (acceptLooks.contains(forks) && acceptable && bounded(m)) {
                continue;
            }
            int next = nextLook(forks);
            // One fork at a time while the next one may rule out a rise: the forks up to the look may not all be needed.
            int toNext = gate.riseMayBeRuledOut(m.metric(), soFar, baseline) ? 1 : next - forks;
            if (!looks.contains(forks)) {
                more = Math.max(more, toNext);
                reason = m.metric().unit() + " varies between forks; next look at " + next + " forks";
            } else if (shown(m)) {
                decided = m.metric().unit() + " " + m.verdict().name().toLowerCase(Locale.ROOT) + String.format(Locale.ROOT,
                        " (p %.3g over %d looks, within alpha over %d tests)", m.pValue(), gate.looks(), familyBound);
                if (m.verdict() == Verdict.REGRESSED) {
                    regressed = decided;
                }
            } else if (!bounded(m) && !acceptedWithin(m)) {
                more = Math.max(more, toNext);
                reason = m.metric().unit() + " varies between forks and is not yet decided; next look at " + next + " forks";
            }
        }
        if (regressed != null) {
            return Decision.done(regressed + "; the benchmark fails whatever its other metrics show");
        }
        if (more > 0) {
            return new Decision(more, reason);
        }
        return Decision.done(decided != null && reason.equals("agrees with the baseline") ? decided : reason);
    }

    private Decision record(Measurement soFar, Measurement previous, int forks) {
        if (forks < plan.recordForks()) {
            return new Decision(plan.recordForks() - forks, "a baseline gets " + plan.recordForks() + " forks");
        }
        if (!constant(soFar)) {
            return new Decision(plan.maxForks() - forks, "varies between forks, so the baseline gets the most forks");
        }
        if (previous != null && !constant(previous)) {
            return new Decision(plan.maxForks() - forks, "its previous baseline varied between forks, so it gets the most forks");
        }
        return Decision.done("constant across forks");
    }

    private boolean constant(Measurement m) {
        return Metric.exact().stream()
                .filter(metric -> m.sample(metric).isPresent())
                .allMatch(metric -> gate.isConstant(metric, m));
    }

    /**
     * Whether the final comparison must reach this significant verdict on these forks: its p-value (already
     * multiplied by the looks) passes alpha even when multiplied by the largest family Holm can see.
     */
    private boolean shown(MetricComparison m) {
        return m.verdict() != Verdict.INCONCLUSIVE && m.pValue() * familyBound <= gate.settings().alpha();
    }

    /** Whether the upper confidence bound of the change lies within the threshold (so no regression beyond it). */
    private boolean bounded(MetricComparison m) {
        double alpha = gate.settings().alpha();
        return m.shift() != null && m.verdict() != Verdict.INCONCLUSIVE && m.shift().hi() <= m.allowedChange()
                && m.shift().confidence() >= 1 - 2 * alpha - 1e-12;
    }

    /**
     * Whether the gate accepts a change it could not show and estimates it within the threshold: forks that sit at
     * levels the baseline showed. A significant change goes on, even a small one (a level the current forks have
     * not shown yet may still move the mean beyond the threshold), and so does a share of forks at the upper level
     * that grew beyond the threshold: the next look's U test on the shares may show it.
     */
    private boolean acceptedWithin(MetricComparison m) {
        return m.verdict() == Verdict.UNCHANGED && m.pValue() > gate.settings().alpha() && m.shift() != null
                && m.shift().estimate() <= m.allowedChange();
    }

    static int forks(Measurement m) {
        return m.metrics().values().stream().mapToInt(s -> s.size()).max().orElse(0);
    }
}
