package dev.allocgate.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.run.AdaptiveRunner.Decision;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.ForkTarget;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ForkDecisionsTest {
    private static final BenchmarkKey KEY = BenchmarkKey.of("a.B.c", "avgt", Map.of());
    private static final ForkTarget TARGET = new ForkTarget("a.B.c", "avgt", new TreeMap<>(), List.of(), List.of(), List.of());
    private static final ForkPlan PLAN = new ForkPlan(1, 3, 3, 8, 2, Duration.ofSeconds(3), 3);

    private static Measurement bytes(double... values) {
        return new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(values)), 1e6, Environment.UNKNOWN);
    }

    private static Decision check(Measurement baseline, Measurement soFar) {
        Map<BenchmarkKey, Measurement> baselines = baseline == null ? Map.of() : Map.of(KEY, baseline);
        return new ForkDecisions(new Gate(GateSettings.defaults()), baselines, PLAN, false, 1).decide(TARGET, soFar);
    }

    private static Decision record(Measurement soFar) {
        return new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(), PLAN, true, 1).decide(TARGET, soFar);
    }

    @Test
    void oneForkSufficesWhenConstantValuesAgree() {
        Decision d = check(bytes(16, 16, 16), bytes(16.001));
        assertEquals(0, d.moreForks(), d.reason());
    }

    @Test
    void aChangeInConstantSamplesIsConfirmedInConfirmForks() {
        assertEquals(2, check(bytes(16, 16, 16), bytes(32)).moreForks());
        assertEquals(1, check(bytes(16, 16, 16), bytes(32, 32)).moreForks());
        assertEquals(0, check(bytes(16, 16, 16), bytes(32, 32, 32)).moreForks());
        assertEquals(2, check(bytes(16, 16, 16), bytes(8)).moreForks(),
                "a decrease is confirmed too: the fork may sit at a level the baseline's forks missed");
    }

    @Test
    void aForkThatDisagreesWithTheOthersSendsTheBenchmarkOnTowardsMaxForks() {
        Decision d = check(bytes(16, 16, 16), bytes(16, 48, 16));
        assertTrue(d.moreForks() > 0, d.reason());
        assertTrue(check(bytes(16, 16, 16), bytes(16, 48, 16, 16, 16, 48, 16)).moreForks() <= 1);
        assertEquals(0, check(bytes(16, 16, 16), bytes(16, 48, 16, 16, 16, 48, 16, 16)).moreForks());
    }

    @Test
    void noisySamplesStopWhenTheShiftIsBoundedWithinTheThreshold() {
        Measurement base = bytes(1000, 1001, 1002, 999, 1000.5, 1001.5, 999.5, 1000.2);
        Decision between = check(base, bytes(1000.1, 1001.2, 999.9, 1000.7, 1000.3, 1001.1));
        assertEquals(2, between.moreForks(), "6 forks is no look of the schedule 2, 4, 8: " + between.reason());
        Decision d = check(base, bytes(1000.1, 1001.2, 999.9, 1000.7));
        assertEquals(0, d.moreForks(), d.reason());
    }

    @Test
    void forksSentOnToConfirmAChangeThatThenVaryAreAcceptedAtConfirmForks() {
        // WordCount on Temurin 25: a constant baseline at 192 objects; a first fork at 194 (a level the 5 baseline
        // forks missed) sent the check on to 8 forks, the 7 others at 192.
        Measurement base = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(6800.2, 6800.6, 6800.2, 6800.6,
                6800.2), Metric.OBJECTS_PER_OP, Sample.of(192.01, 192.02, 192.01, 192.02, 192.01)), 1e4, Environment.UNKNOWN);
        ForkDecisions decisions = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, base),
                ForkPlan.defaults(), false, 40);
        Decision seven = decisions.decide(TARGET, wordCount(7));
        assertEquals(1, seven.moreForks(), seven.reason());
        Decision eight = decisions.decide(TARGET, wordCount(8));
        assertEquals(0, eight.moreForks(), "the bound lies within the threshold at 8 forks, no look of 5, 10, 20: "
                + eight.reason());
        assertEquals(Verdict.UNCHANGED, finalVerdict(base, wordCount(8)));
    }

    /** A first fork at 194 objects, the others at 192. */
    private static Measurement wordCount(int forks) {
        double[] bytes = new double[forks];
        double[] objects = new double[forks];
        Arrays.fill(bytes, 6800.3);
        Arrays.fill(objects, 192.01);
        bytes[0] = 6856.9;
        objects[0] = 194.0;
        return new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(bytes), Metric.OBJECTS_PER_OP,
                Sample.of(objects)), 1e4, Environment.UNKNOWN);
    }

    @Test
    void withoutABaselineOneForkIsEnough() {
        assertEquals(0, check(null, bytes(16)).moreForks());
    }

    @Test
    void recordGivesRecordForksAndNoisyBenchmarksTheMost() {
        assertEquals(2, record(bytes(16)).moreForks());
        assertEquals(0, record(bytes(16, 16, 16)).moreForks());
        assertEquals(5, record(bytes(16, 48, 16)).moreForks());
        assertEquals(0, record(bytes(16, 48, 16, 16, 16, 48, 16, 16)).moreForks());
    }

    @Test
    void theLooksAreAQuarterAHalfAndAllOfMaxForks() {
        assertEquals(3, ForkDecisions.looks(PLAN), "2, 4 and 8 forks");
        assertEquals(3, ForkDecisions.looks(ForkPlan.defaults()), "5, 10 and 20 forks");
        assertEquals(1, ForkDecisions.looks(new ForkPlan(1, 1, 1, 1, 1, Duration.ofSeconds(3), 3)));
    }

    @Test
    void aClearRegressionStopsAtALookOnceTheFinalCorrectionMustPassIt() {
        Measurement base = bytes(1000, 1003, 997, 1001, 999, 1002, 998, 1000, 1001, 999, 1000, 1002, 998, 1001, 999, 1000);
        Measurement current = bytes(2000, 2010, 1990, 2005);
        // 16 vs 4 forks: p = 1 / C(20, 4) = 2.1e-4, times 3 looks; within alpha for one test, not for 1,000
        Decision alone = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, base), PLAN, false, 1)
                .decide(TARGET, current);
        assertEquals(0, alone.moreForks(), alone.reason());
        assertTrue(alone.reason().contains("regressed"), alone.reason());
        Decision suite = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, base), PLAN, false, 1_000)
                .decide(TARGET, current);
        assertEquals(4, suite.moreForks(), "on to the next look: " + suite.reason());
    }

    @Test
    void aRegressionShownAtALookEndsTheBenchmarkWhateverItsOtherMetricShows() {
        double[] baseBytes = {1000, 1003, 997, 1001, 999, 1002, 998, 1000, 1001, 999, 1000, 1002, 998, 1001, 999, 1000};
        double[] baseObjects = {10.0, 10.6, 10.2, 10.9, 10.1, 10.4, 10.8, 10.3, 10.7, 10.2, 10.5, 10.0, 10.6, 10.3, 10.9, 10.4};
        Measurement base = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(baseBytes),
                Metric.OBJECTS_PER_OP, Sample.of(baseObjects)), 1e6, Environment.UNKNOWN);
        // Objects/op within the noise of the baseline: not yet bounded at 2 forks, so on its own it would go on.
        Measurement current = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(2000, 2010),
                Metric.OBJECTS_PER_OP, Sample.of(10.1, 10.9)), 1e6, Environment.UNKNOWN);
        Decision d = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, base), PLAN, false, 1)
                .decide(TARGET, current);
        assertEquals(0, d.moreForks(), d.reason());
        assertTrue(d.reason().startsWith("B/op regressed") && d.reason().endsWith("whatever its other metrics show"),
                d.reason());
        Measurement objectsOnly = new Measurement(KEY, Map.of(Metric.OBJECTS_PER_OP, Sample.of(baseObjects)), 1e6,
                Environment.UNKNOWN);
        Decision alone = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, objectsOnly), PLAN, false, 1)
                .decide(TARGET, new Measurement(KEY, Map.of(Metric.OBJECTS_PER_OP, Sample.of(10.1, 10.9)), 1e6,
                        Environment.UNKNOWN));
        assertTrue(alone.moreForks() > 0, "objects/op alone would need more forks: " + alone.reason());
    }

    @Test
    void recordKeepsABenchmarkThatVariedBeforeAtTheMostForks() {
        Map<BenchmarkKey, Measurement> previous = Map.of(KEY, bytes(880, 904, 880, 880, 904, 880, 880, 904));
        Decision d = new ForkDecisions(new Gate(GateSettings.defaults()), previous, PLAN, true, 1).decide(TARGET, bytes(880, 880, 880));
        assertEquals(5, d.moreForks(), d.reason());
        Decision constantBefore = new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, bytes(880, 880, 880)), PLAN,
                true, 1).decide(TARGET, bytes(880, 880, 880));
        assertEquals(0, constantBefore.moreForks(), constantBefore.reason());
    }

    /** LogEncoding US-ASCII on JDK 17: 14 of 16 record forks at 5,888 B, 2 at 7,680 B (escape analysis in some). */
    private static final Measurement TWO_LEVELS = bytes(5888.18, 7680.25, 5888.2, 5888.18, 5888.18, 5888.19, 5888.2,
            5888.18, 5888.22, 5888.28, 5888.2, 5888.19, 5888.17, 7680.27, 5888.17, 5888.18);

    private static Decision checkAgainst16(Measurement baseline, Measurement soFar) {
        return new ForkDecisions(new Gate(GateSettings.defaults()), Map.of(KEY, baseline), ForkPlan.defaults(), false, 40)
                .decide(TARGET, soFar);
    }

    @Test
    void aForkAtTheLowestLevelOfA16ForkBaselineEndsTheCheckBeforeTheFirstLook() {
        Decision low = checkAgainst16(TWO_LEVELS, bytes(5888.2));
        assertEquals(0, low.moreForks(), low.reason());
        assertTrue(low.reason().contains("a rise beyond the threshold is ruled out"), low.reason());
        assertEquals(Verdict.UNCHANGED, finalVerdict(TWO_LEVELS, bytes(5888.2)), "the final gate agrees on one fork");

        Decision high = checkAgainst16(TWO_LEVELS, bytes(7680.2));
        assertEquals(1, high.moreForks(), "1,792 B more would put every fork at 7,680 B: one more fork, which may rule it"
                + " out; " + high.reason());
        Decision both = checkAgainst16(TWO_LEVELS, bytes(7680.2, 5888.2));
        assertEquals(0, both.moreForks(), both.reason());
        assertEquals(Verdict.UNCHANGED, finalVerdict(TWO_LEVELS, bytes(7680.2, 5888.2)));
    }

    @Test
    void forksThatEveryLevelMovedUpCouldHaveMadeGoOnToTheLooks() {
        // Temurin 25's stream pipeline: 1, 7 and 8 of 16 forks at 11, 12 and 13 objects (416, 448 and 480 B here).
        Measurement threeLevels = bytes(416, 448, 448, 448, 448, 448, 448, 448, 480, 480, 480, 480, 480, 480, 480, 480);
        Decision knownButShiftable = checkAgainst16(threeLevels, bytes(448, 480));
        assertEquals(1, knownButShiftable.moreForks(), "one object more moves 416 and 448 onto 448 and 480: "
                + knownButShiftable.reason());
        assertEquals(0, checkAgainst16(threeLevels, bytes(480, 416)).moreForks(), "nothing moves onto 416");
        assertTrue(checkAgainst16(threeLevels, bytes(456)).moreForks() > 0, "+8 B: a fork between the levels");
    }

    @Test
    void aBaselineOfFewerThan16ForksMayHaveMissedTheLevelBelowItsLowest() {
        Measurement eight = bytes(5888.18, 7680.25, 5888.2, 5888.18, 5888.18, 5888.19, 5888.2, 5888.18);
        Decision d = checkAgainst16(eight, bytes(5888.2));
        assertEquals(1, d.moreForks(), "on to the accept-only look at 2 forks: " + d.reason());
        assertTrue(d.reason().contains("next look at 2 forks"), d.reason());
    }

    /** Handoff, capacity=16, Temurin 25: 16 forks of a three-thread group, 56-70 B/op with the scheduling; 12 B allowed. */
    private static final Measurement HANDOFF = bytes(56.05, 56.06, 56.1, 56.2, 56.4, 57.1, 58.3, 58.3, 58.4, 59.2, 60.1,
            61.5, 62.8, 63.9, 65.2, 69.7);

    /** The gate with the corpus's Handoff rule: 12 B/op allowed. */
    private static Gate handoffGate() {
        GateSettings defaults = GateSettings.defaults();
        Map<Metric, Threshold> thresholds = new EnumMap<>(defaults.thresholds());
        thresholds.put(Metric.BYTES_PER_OP, new Threshold(0, 12));
        return new Gate(new GateSettings(defaults.alpha(), thresholds, defaults.gatedMetrics(),
                defaults.infraPerIteration(), defaults.environmentPolicy(), true, true, false, false));
    }

    private static Decision checkHandoff(double... forks) {
        return checkHandoff(HANDOFF, forks);
    }

    private static Decision checkHandoff(Measurement baseline, double... forks) {
        return new ForkDecisions(handoffGate(), Map.of(KEY, baseline), ForkPlan.defaults(), false, 40)
                .decide(TARGET, bytes(forks));
    }

    /** {@link #HANDOFF} and {@code more} forks of the same benchmark. */
    private static Measurement handoffWith(double... more) {
        double[] forks = Arrays.copyOf(HANDOFF.sample(Metric.BYTES_PER_OP).orElseThrow().values(), 16 + more.length);
        System.arraycopy(more, 0, forks, 16, more.length);
        return bytes(forks);
    }

    @Test
    void oneForkIsAcceptedAgainstABaselineOf19ForksOrMore() {
        // One fork against m baseline forks: the bound is the fork less the baseline's lowest, at m / (m + 1).
        Measurement nineteen = handoffWith(57.4, 62.1, 64.0);
        Decision one = checkHandoff(nineteen, 61.9);
        assertEquals(0, one.moreForks(), "61.9 - 56.05 lies within 12 B at 95 %: " + one.reason());
        assertEquals(Verdict.UNCHANGED, handoffGate().sequential(ForkDecisions.looks(ForkPlan.defaults()))
                .compare(List.of(bytes(61.9)), Map.of(KEY, nineteen), name -> true, List.of(), "").benchmarks().get(0)
                .verdict(), "the final gate agrees on one fork");
        Decision eighteen = checkHandoff(handoffWith(57.4, 62.1), 61.9);
        assertEquals(1, eighteen.moreForks(), "18 forks bound one at 94.7 % only: " + eighteen.reason());
        assertTrue(eighteen.reason().contains("next look at 2 forks"), eighteen.reason());
        Decision beyond = checkHandoff(nineteen, 68.3);
        assertEquals(1, beyond.moreForks(), "68.3 - 56.05 is beyond 12 B: on to 2 forks; " + beyond.reason());
        Decision high = checkHandoff(nineteen, 90.2);
        assertEquals(1, high.moreForks(), "the look at 1 fork never rejects: " + high.reason());
    }

    @Test
    void forksThatVaryWellWithinTheThresholdAreAcceptedAtTwoForks() {
        Decision one = checkHandoff(61.9);
        assertEquals(1, one.moreForks(), "one fork cannot bound a change against 16: " + one.reason());
        Decision two = checkHandoff(61.9, 59.6);
        assertEquals(0, two.moreForks(), "the upper bound lies within 12 B: " + two.reason());
        assertEquals(Verdict.UNCHANGED, handoffGate().sequential(ForkDecisions.looks(ForkPlan.defaults()))
                .compare(List.of(bytes(61.9, 59.6)), Map.of(KEY, HANDOFF), name -> true, List.of(), "").benchmarks().get(0)
                .verdict(), "the final gate agrees on two forks");
    }

    @Test
    void theLookAtTwoForksNeverRejects() {
        Decision high = checkHandoff(90.2, 91.7);
        assertEquals(3, high.moreForks(), "a rise is rejected only at the looks the final correction counts, 5, 10 and 20: "
                + high.reason());
        Decision unsure = checkHandoff(60.1, 78.3);
        assertEquals(3, unsure.moreForks(), "a bound beyond 12 B: on to the first look; " + unsure.reason());
    }

    @Test
    void forksThatOneObjectMoreWouldAlsoPutAtTheUpperLevelGoOnUntilThatRiseIsUnlikely() {
        // WordCount on JDK 17: 6 of 16 baseline forks at 193 objects/op, 10 at 194 (6,824 and 6,856 B). Every fork at
        // 194 fits one object more (193 moved up), under which a fork sits there with probability 6/16, counted one
        // fork higher as 7/17: six such forks, (7/17)^6 = 0.0049, rule it out.
        double[] objects = {193.0176, 193.0148, 193.0131, 193.0176, 193.0127, 194.0146, 194.0177, 194.025, 194.0236,
                194.0177, 193.017, 194.0131, 194.023, 194.0238, 194.0244, 194.0239};
        double[] bytes = new double[objects.length];
        Arrays.setAll(bytes, i -> objects[i] < 193.5 ? 6824.5 : 6856.6);
        Measurement base = new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(bytes), Metric.OBJECTS_PER_OP,
                Sample.of(objects)), 561, Environment.UNKNOWN);
        // The default objects threshold at 194 objects/op is 1.94: one object more is a regression only at 0 %.
        GateSettings defaults = GateSettings.defaults();
        Map<Metric, Threshold> thresholds = new EnumMap<>(defaults.thresholds());
        thresholds.put(Metric.OBJECTS_PER_OP, new Threshold(0, 0.5));
        Gate gate = new Gate(new GateSettings(defaults.alpha(), thresholds, defaults.gatedMetrics(),
                defaults.infraPerIteration(), defaults.environmentPolicy(), true, true, false, false));
        ForkDecisions decisions = new ForkDecisions(gate, Map.of(KEY, base), ForkPlan.defaults(), false, 40);
        for (int forks = 1; forks < 6; forks++) {
            Decision d = decisions.decide(TARGET, upperLevel(forks));
            assertEquals(1, d.moreForks(), forks + " forks at 194: " + d.reason());
        }
        Decision six = decisions.decide(TARGET, upperLevel(6));
        assertEquals(0, six.moreForks(), six.reason());
        assertTrue(six.reason().contains("a rise beyond the threshold is ruled out"), six.reason());
        Decision lower = decisions.decide(TARGET, new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(6856.5,
                6824.5), Metric.OBJECTS_PER_OP, Sample.of(194.012, 193.015)), 561, Environment.UNKNOWN));
        assertEquals(0, lower.moreForks(), "a fork at 193: nothing moves onto the lowest level; " + lower.reason());
    }

    private static Measurement upperLevel(int forks) {
        double[] objects = new double[forks];
        double[] bytes = new double[forks];
        Arrays.fill(objects, 194.012);
        Arrays.fill(bytes, 6856.5);
        return new Measurement(KEY, Map.of(Metric.BYTES_PER_OP, Sample.of(bytes), Metric.OBJECTS_PER_OP,
                Sample.of(objects)), 561, Environment.UNKNOWN);
    }

    private static Verdict finalVerdict(Measurement baseline, Measurement current) {
        return new Gate(GateSettings.defaults()).sequential(ForkDecisions.looks(ForkPlan.defaults()))
                .compare(List.of(current), Map.of(KEY, baseline), name -> true, List.of(), "").benchmarks().get(0).verdict();
    }
}
