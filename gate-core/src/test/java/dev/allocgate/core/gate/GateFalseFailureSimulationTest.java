package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulates the gate on synthetic runs: 1,000 unchanged runs of 100 benchmarks, baseline and current
 * drawn from the same distribution, with the kinds of noise allocation data has. The run-level false
 * failure rate (runs whose report fails) must stay at or below alpha. Power check on the same runs:
 * 16 more bytes per op on one constant benchmark, or on one allocation-free benchmark, fails every run
 * and names that benchmark. The seed is fixed, so the numbers are the same on every machine.
 *
 * <p>This is the fixed design (JMH's own forks, the same number on both sides). The adaptive engine, forks drawn one
 * batch at a time for as long as its decider asks, with two-level and objects/op shapes, is simulated in
 * {@code dev.allocgate.core.workflow.AdaptiveEngineSimulationTest}.
 */
class GateFalseFailureSimulationTest {

    private static final int RUNS = 1_000;
    private static final int BENCHMARKS = 100;
    private static final double INJECTED_BYTES = 16;
    private static final long SEED = 0x5EED_A110CL;

    /** How a benchmark's per-fork bytes per op vary. */
    enum Kind {
        /** The same value in every fork: most allocation data. */
        CONSTANT(45),
        /** A constant plus a jitter of at most 0.001 B/op (e.g. 16 +- 0.001). */
        JITTER(15),
        /** A lognormal spread of 0.5-5 % across forks. */
        LOGNORMAL(15),
        /** A normal spread of 1-3 % across forks. */
        NORMAL(5),
        /** Allocation-free: 0 with noise of about 1e-5 B/op. */
        ZERO_NOISY(15),
        /** Allocation-free and exactly 0 on both sides (JMH wrote no norm value at all). */
        ZERO_EXACT(5);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }
    }

    /** One benchmark's distribution: its kind, level, spread, objects per op and operations per iteration. */
    record Spec(BenchmarkKey key, Kind kind, double level, double spread, double objects, double opsPerIteration) {
    }

    private final GateSettings settings = GateSettings.defaults();
    private final Gate gate = new Gate(settings);

    @ParameterizedTest(name = "{0} forks per side")
    @ValueSource(ints = {3, 5})
    void unchangedRunsFailAtMostAlphaAndInjectedRegressionsAlwaysFail(int forks) {
        SplittableRandom random = new SplittableRandom(SEED + forks);
        int falseFailures = 0;
        int constantDetected = 0;
        int zeroDetected = 0;
        Map<Verdict, Long> verdicts = new TreeMap<>();
        long start = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            List<Spec> specs = benchmarks(random, run);
            List<Measurement> baseline = new ArrayList<>();
            List<Measurement> current = new ArrayList<>();
            for (Spec spec : specs) {
                baseline.add(measure(spec, forks, random));
                current.add(measure(spec, forks, random));
            }

            GateReport unchanged = compare(current, baseline);
            unchanged.benchmarks().forEach(b -> verdicts.merge(b.verdict(), 1L, Long::sum));
            if (!unchanged.passed()) {
                falseFailures++;
            }

            // Power: the same run with 16 B/op more on one constant benchmark, then on one allocation-free one.
            constantDetected += detects(specs, baseline, current, Kind.CONSTANT, forks, random) ? 1 : 0;
            zeroDetected += detects(specs, baseline, current, Kind.ZERO_EXACT, forks, random) ? 1 : 0;
        }
        double rate = falseFailures / (double) RUNS;
        System.out.printf(Locale.ROOT, "[allocgate simulation] %d forks per side: %d of %d unchanged runs failed"
                        + " (rate %.4f, alpha %.2f); +%.0f B/op detected in %d/%d runs (constant) and %d/%d (zero baseline);"
                        + " verdicts of unchanged benchmarks %s; %.1f s%n",
                forks, falseFailures, RUNS, rate, settings.alpha(), INJECTED_BYTES, constantDetected, RUNS, zeroDetected, RUNS,
                verdicts, (System.nanoTime() - start) / 1e9);

        assertTrue(rate <= settings.alpha(), "false failure rate " + rate + " exceeds alpha " + settings.alpha());
        assertEquals(RUNS, constantDetected, "runs that caught +16 B/op on a constant benchmark");
        assertEquals(RUNS, zeroDetected, "runs that caught +16 B/op on an allocation-free benchmark");
    }

    /**
     * Whether adding {@link #INJECTED_BYTES} to every current fork of one benchmark of {@code kind} fails
     * the run with that benchmark REGRESSED.
     */
    private boolean detects(List<Spec> specs, List<Measurement> baseline, List<Measurement> current, Kind kind,
                            int forks, SplittableRandom random) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).kind() == kind) {
                candidates.add(i);
            }
        }
        int target = candidates.get(random.nextInt(candidates.size()));
        Spec spec = specs.get(target);
        // The injection must exceed the practical threshold, or "detected" would not be the right answer.
        double allowed = settings.threshold(Metric.BYTES_PER_OP).allowedChange(spec.level())
                + settings.infraBytesPerIteration() / spec.opsPerIteration();
        assertTrue(INJECTED_BYTES > allowed + spec.spread(), "injection below the threshold for " + spec);

        List<Measurement> changed = new ArrayList<>(current);
        changed.set(target, shifted(current.get(target), INJECTED_BYTES));
        GateReport report = compare(changed, baseline);
        BenchmarkComparison verdict = report.benchmarks().stream()
                .filter(b -> b.key().equals(spec.key())).findFirst().orElseThrow();
        return !report.passed() && verdict.verdict() == Verdict.REGRESSED;
    }

    private GateReport compare(List<Measurement> current, List<Measurement> baseline) {
        Map<BenchmarkKey, Measurement> byKey = new TreeMap<>();
        baseline.forEach(m -> byKey.put(m.key(), m));
        return gate.compare(current, byKey, name -> true, List.of(), "simulation");
    }

    /** 100 benchmarks: one of each kind first, so every run has each, then kinds by their percentages. */
    private static List<Spec> benchmarks(SplittableRandom random, int run) {
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < BENCHMARKS; i++) {
            Kind kind = i < Kind.values().length ? Kind.values()[i] : drawKind(random);
            BenchmarkKey key = BenchmarkKey.of("sim.Run" + run + ".b" + i, "avgt", Map.of());
            double ops = Math.pow(10, 5 + 3 * random.nextDouble()); // 1e5 to 1e8 operations per iteration
            specs.add(switch (kind) {
                case CONSTANT, JITTER -> new Spec(key, kind, 8 * (2 + random.nextInt(129)),
                        kind == Kind.JITTER ? 0.001 : 0, 1 + random.nextInt(20), ops);
                case LOGNORMAL -> new Spec(key, kind, 100 + random.nextDouble() * 9_900,
                        0.005 + random.nextDouble() * 0.045, 1 + random.nextInt(50), ops);
                case NORMAL -> new Spec(key, kind, 50 + random.nextDouble() * 4_950,
                        0.01 + random.nextDouble() * 0.02, 1 + random.nextInt(50), ops);
                case ZERO_NOISY -> new Spec(key, kind, 0, 1e-5, 0, ops);
                case ZERO_EXACT -> new Spec(key, kind, 0, 0, 0, ops);
            });
        }
        return specs;
    }

    private static Kind drawKind(SplittableRandom random) {
        int r = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            r -= kind.percent;
            if (r < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("kind percentages must add up to 100");
    }

    /** One side's measurement: per-fork bytes per op from the spec's distribution, constant objects per op. */
    private static Measurement measure(Spec spec, int forks, SplittableRandom random) {
        double[] bytes = new double[forks];
        double[] objects = new double[forks];
        for (int f = 0; f < forks; f++) {
            double value = switch (spec.kind()) {
                case CONSTANT, ZERO_EXACT -> spec.level();
                case JITTER -> spec.level() + (2 * random.nextDouble() - 1) * spec.spread();
                case LOGNORMAL -> spec.level() * Math.exp(gaussian(random) * spec.spread());
                case NORMAL -> spec.level() * (1 + gaussian(random) * spec.spread());
                case ZERO_NOISY -> Math.abs(gaussian(random)) * spec.spread();
            };
            bytes[f] = Math.max(0, value);
            objects[f] = spec.objects();
        }
        Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.BYTES_PER_OP, new Sample(bytes));
        metrics.put(Metric.OBJECTS_PER_OP, new Sample(objects));
        // Each run estimates its operations per iteration anew: within a few percent of the benchmark's.
        double ops = spec.opsPerIteration() * Math.exp(gaussian(random) * 0.05);
        return new Measurement(spec.key(), metrics, ops, Environment.UNKNOWN);
    }

    private static Measurement shifted(Measurement m, double extraBytes) {
        double[] bytes = m.sample(Metric.BYTES_PER_OP).orElseThrow().values();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] += extraBytes;
        }
        Map<Metric, Sample> metrics = new EnumMap<>(m.metrics());
        metrics.put(Metric.BYTES_PER_OP, new Sample(bytes));
        return new Measurement(m.key(), metrics, m.opsPerIteration(), m.environment());
    }

    /** A standard normal deviate (Box-Muller), so the whole simulation depends on one seeded generator. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
