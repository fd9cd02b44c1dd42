package dev.allocgate.core.gate;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.stats.Holm;
import dev.allocgate.core.stats.MannWhitney;
import dev.allocgate.core.stats.Shift;
import dev.allocgate.core.stats.Summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Compares current measurements with baselines and decides a verdict per benchmark.
 *
 * <p>Per metric: when both samples are constant within measurement noise, values are compared
 * directly (a change needs no p-value). Otherwise a one-sided exact Mann-Whitney U test decides
 * significance, Holm-corrected over all such tests of the run's gated metrics, and the
 * Hodges-Lehmann shift decides size. A change fails only when significant and larger than the
 * practical threshold, widened by the bound on JMH's own per-iteration allocation.
 */
public final class Gate {

    /** Absolute spread (B/op) under which fork values count as one constant value. */
    static final double CONSTANT_TOLERANCE_BYTES = 0.05;
    /** Absolute spread (objects/op) under which fork values count as one constant value. */
    static final double CONSTANT_TOLERANCE_OBJECTS = 0.01;
    /** Relative spread under which fork values count as one constant value. */
    static final double CONSTANT_TOLERANCE_RELATIVE = 1e-4;

    private final GateSettings settings;

    public Gate(GateSettings settings) {
        this.settings = settings;
    }

    /**
     * @param current        measurements of this run
     * @param baseline       baseline entries (from the baseline files or a second JMH file)
     * @param selected       benchmark names selected by the run's include/exclude filter: baseline
     *                       entries outside it are not expected and not reported
     * @param failed         benchmarks that were selected but crashed or gave no result
     * @param baselineSource where the baseline came from, for the reports
     */
    public GateReport compare(Collection<Measurement> current, Map<BenchmarkKey, Measurement> baseline,
                              Predicate<String> selected, Collection<FailedBenchmark> failed, String baselineSource) {
        Map<BenchmarkKey, Measurement> currentByKey = new TreeMap<>();
        for (Measurement m : current) {
            currentByKey.put(m.key(), m);
        }
        Set<BenchmarkKey> keys = new TreeSet<>(currentByKey.keySet());
        baseline.keySet().stream().filter(k -> selected.test(k.benchmark())).forEach(keys::add);

        List<String> warnings = new ArrayList<>();
        Map<BenchmarkKey, Draft> drafts = new LinkedHashMap<>();
        for (BenchmarkKey key : keys) {
            drafts.put(key, draft(key, currentByKey.get(key), baseline.get(key), failed));
        }
        // Failures JMH reported for benchmarks that have neither a result nor a baseline.
        for (FailedBenchmark f : failed) {
            boolean known = keys.stream().anyMatch(k -> matches(f, k));
            if (!known) {
                BenchmarkKey key = BenchmarkKey.of(f.benchmark(), "?", parseParams(f.paramsLabel()));
                drafts.put(key, new Draft(key, Verdict.FAILED, new EnumMap<>(Metric.class), List.of(), f.reason()));
            }
        }

        decideUTests(drafts.values(), true);
        decideUTests(drafts.values(), false);

        List<BenchmarkComparison> out = new ArrayList<>();
        for (Draft d : drafts.values()) {
            out.add(d.finish(settings));
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        for (BenchmarkComparison b : out) {
            if (!b.environmentDifferences().isEmpty() && b.verdict() != Verdict.ENVIRONMENT_MISMATCH) {
                warnings.add(b.key() + " compared across different JVMs: " + b.environmentDifferences());
            }
        }
        boolean passed = out.stream().noneMatch(b -> settings.fails(b.verdict()));
        return new GateReport(passed, out, warnings, settings, baselineSource);
    }

    /**
     * A warning when {@code forks} per side can never reach {@code alpha} with the U test, so noisy
     * benchmarks could only ever be INCONCLUSIVE; empty when the forks suffice.
     */
    public static String forksWarning(int forks, double alpha) {
        double minP = MannWhitney.minOneSidedP(forks, forks);
        if (minP <= alpha) {
            return "";
        }
        int needed = forks;
        while (MannWhitney.minOneSidedP(needed, needed) > alpha) {
            needed++;
        }
        return String.format(Locale.ROOT,
                "with %d fork(s) per side the smallest possible p-value is %.3g > alpha %.3g: benchmarks whose "
                        + "allocation varies between forks can never be judged; use at least %d forks",
                forks, minP, alpha, needed);
    }

    private Draft draft(BenchmarkKey key, Measurement current, Measurement base, Collection<FailedBenchmark> failed) {
        String failure = failed.stream().filter(f -> matches(f, key)).map(FailedBenchmark::reason).findFirst().orElse(null);
        Map<Metric, MetricComparison> metrics = new EnumMap<>(Metric.class);
        if (failure != null && current == null) {
            return new Draft(key, Verdict.FAILED, metrics, List.of(), failure);
        }
        if (current == null) {
            for (Metric metric : Metric.values()) {
                base.sample(metric).ifPresent(s -> metrics.put(metric, oneSided(metric, s, null, Verdict.MISSING)));
            }
            return settings.isRemovedIntentionally(key.benchmark())
                    ? new Draft(key, Verdict.REMOVED, metrics, List.of(), "removed on purpose; `record` drops its baseline")
                    : new Draft(key, Verdict.MISSING, metrics, List.of(), "in the baselines but not measured");
        }
        if (base == null) {
            for (Metric metric : Metric.values()) {
                current.sample(metric).ifPresent(s -> metrics.put(metric, oneSided(metric, null, s, Verdict.NEW)));
            }
            return new Draft(key, Verdict.NEW, metrics, List.of(), "");
        }
        List<Environment.Difference> differences = current.environment().differencesFrom(base.environment());
        boolean compare = differences.isEmpty() || settings.environmentPolicy() == EnvironmentPolicy.COMPARE;
        Draft draft = new Draft(key, null, metrics, differences,
                differences.isEmpty() ? "" : "baseline JVM differs: " + differences.stream()
                        .map(Environment.Difference::toString).collect(Collectors.joining("; ")));
        if (!compare) {
            draft.fixedVerdict = Verdict.ENVIRONMENT_MISMATCH;
        }
        for (Metric metric : Metric.values()) {
            Sample b = base.sample(metric).orElse(null);
            Sample c = current.sample(metric).orElse(null);
            if (b == null && c == null) {
                continue;
            }
            if (!compare) {
                metrics.put(metric, oneSided(metric, b, c, Verdict.ENVIRONMENT_MISMATCH));
                continue;
            }
            if (b == null || c == null) {
                // Measured on one side only (e.g. objects/op not counted in this run, or not in an
                // older baseline): shown, but it cannot decide the benchmark's verdict.
                metrics.put(metric, oneSided(metric, b, c, b == null ? Verdict.NEW : Verdict.MISSING).informational(
                        b == null ? "no baseline for this metric" : "not measured in this run"));
                continue;
            }
            double allowed = settings.threshold(metric).allowedChange(b.median())
                    + Math.max(infraBias(metric, base), infraBias(metric, current));
            draft.pending.put(metric, new Pending(b, c, allowed, noise(metric, b, base), noise(metric, c, current)));
        }
        return draft;
    }

    /** Decides every comparison: exact ones directly, the rest by Holm-corrected U tests per family. */
    private void decideUTests(Collection<Draft> drafts, boolean gatedFamily) {
        List<Draft> owners = new ArrayList<>();
        List<Metric> metricsOf = new ArrayList<>();
        List<Double> pUp = new ArrayList<>();
        List<Double> pDown = new ArrayList<>();
        for (Draft d : drafts) {
            for (Map.Entry<Metric, Pending> e : d.pending.entrySet()) {
                Metric metric = e.getKey();
                if (settings.isGated(metric) != gatedFamily) {
                    continue;
                }
                Pending p = e.getValue();
                if (p.exact()) {
                    d.metrics.put(metric, exact(metric, p));
                } else {
                    owners.add(d);
                    metricsOf.add(metric);
                    pUp.add(MannWhitney.pGreater(p.baseline, p.current));
                    pDown.add(MannWhitney.pLess(p.baseline, p.current));
                }
            }
        }
        double[] adjUp = Holm.adjust(pUp.stream().mapToDouble(Double::doubleValue).toArray());
        double[] adjDown = Holm.adjust(pDown.stream().mapToDouble(Double::doubleValue).toArray());
        int family = owners.size();
        for (int i = 0; i < family; i++) {
            Draft d = owners.get(i);
            Metric metric = metricsOf.get(i);
            d.metrics.put(metric, uTest(metric, d.pending.get(metric), pUp.get(i), adjUp[i], pDown.get(i), adjDown[i], family));
        }
    }

    private MetricComparison exact(Metric metric, Pending p) {
        Summary b = Summary.of(p.baseline, CONFIDENCE);
        Summary c = Summary.of(p.current, CONFIDENCE);
        double delta = c.center() - b.center();
        Verdict v = delta > p.allowed ? Verdict.REGRESSED : delta < -p.allowed ? Verdict.IMPROVED : Verdict.UNCHANGED;
        String note = b.center() <= p.baselineNoise && v == Verdict.REGRESSED ? "allocation-free baseline now allocates" : "";
        return new MetricComparison(metric, settings.isGated(metric), p.baseline, p.current, b, c,
                MetricComparison.Method.EXACT, Double.NaN, Double.NaN, null, p.allowed, v, note);
    }

    private MetricComparison uTest(Metric metric, Pending p, double rawUp, double adjUp, double rawDown, double adjDown, int family) {
        Summary b = Summary.of(p.baseline, CONFIDENCE);
        Summary c = Summary.of(p.current, CONFIDENCE);
        Shift shift = Shift.hodgesLehmann(p.baseline, p.current, 1 - settings.alpha());
        double alpha = settings.alpha();
        boolean up = shift.estimate() >= 0;
        double raw = up ? rawUp : rawDown;
        double adjusted = up ? adjUp : adjDown;
        Verdict v;
        String note = "";
        boolean allocationFreeBaseline = p.baseline.max() <= p.baselineNoise;
        if (allocationFreeBaseline && p.current.min() > p.allowed) {
            // Every current fork allocates beyond the threshold where the baseline allocated nothing.
            v = Verdict.REGRESSED;
            note = "allocation-free baseline now allocates in every fork";
        } else if (up && adjusted <= alpha && shift.estimate() > p.allowed) {
            v = Verdict.REGRESSED;
        } else if (!up && adjusted <= alpha && shift.estimate() < -p.allowed) {
            v = Verdict.IMPROVED;
        } else if (adjusted <= alpha || (shift.lo() >= -p.allowed && shift.hi() <= p.allowed)) {
            v = Verdict.UNCHANGED;
        } else {
            v = Verdict.INCONCLUSIVE;
            double minP = MannWhitney.minOneSidedP(p.baseline.size(), p.current.size());
            note = minP * family > alpha
                    ? String.format(Locale.ROOT, "%d vs %d forks cannot reach p <= %.3g (smallest possible p %.3g); "
                            + "run more forks", p.baseline.size(), p.current.size(), alpha / family, minP)
                    : "noisy samples; the change is not significant but may exceed the threshold";
        }
        return new MetricComparison(metric, settings.isGated(metric), p.baseline, p.current, b, c,
                MetricComparison.Method.U_TEST, adjusted, raw, shift, p.allowed, v, note);
    }

    private MetricComparison oneSided(Metric metric, Sample base, Sample cur, Verdict verdict) {
        return new MetricComparison(metric, settings.isGated(metric), base, cur,
                base == null ? null : Summary.of(base, CONFIDENCE), cur == null ? null : Summary.of(cur, CONFIDENCE),
                MetricComparison.Method.NONE, Double.NaN, Double.NaN, null, Double.NaN, verdict, "");
    }

    /** Upper bound of what JMH's own per-iteration allocation adds to this per-operation value. */
    private double infraBias(Metric metric, Measurement m) {
        double ops = m.opsPerIteration();
        return Double.isFinite(ops) && ops > 0 ? settings.infraPerIteration(metric) / ops : 0;
    }

    /**
     * Whether {@code m}'s forks agree on {@code metric} within measurement noise (the same rule that sends a
     * comparison down the exact path); false when the metric was not measured.
     */
    public boolean isConstant(Metric metric, Measurement m) {
        return m.sample(metric).map(s -> s.max() - s.min() <= noise(metric, s, m)).orElse(false);
    }

    /** Spread under which a sample counts as constant. */
    private double noise(Metric metric, Sample s, Measurement m) {
        double absolute = switch (metric) {
            case BYTES_PER_OP -> CONSTANT_TOLERANCE_BYTES;
            case OBJECTS_PER_OP -> CONSTANT_TOLERANCE_OBJECTS;
            case ALLOC_RATE -> 0;
        };
        return absolute + CONSTANT_TOLERANCE_RELATIVE * s.median() + infraBias(metric, m);
    }

    private static boolean matches(FailedBenchmark f, BenchmarkKey key) {
        return f.benchmark().equals(key.benchmark())
                && (f.paramsLabel().isEmpty() || f.paramsLabel().equals(key.paramsLabel()));
    }

    private static Map<String, String> parseParams(String label) {
        Map<String, String> params = new TreeMap<>();
        if (!label.isEmpty()) {
            for (String pair : label.split(",")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    private static final double CONFIDENCE = 0.95;

    private record Pending(Sample baseline, Sample current, double allowed, double baselineNoise, double currentNoise) {
        boolean exact() {
            return baseline.max() - baseline.min() <= baselineNoise && current.max() - current.min() <= currentNoise;
        }
    }

    /** A benchmark's comparison while its U tests wait for the run-wide Holm correction. */
    private static final class Draft {
        final BenchmarkKey key;
        Verdict fixedVerdict;
        final Map<Metric, MetricComparison> metrics;
        final Map<Metric, Pending> pending = new EnumMap<>(Metric.class);
        final List<Environment.Difference> differences;
        final String note;

        Draft(BenchmarkKey key, Verdict fixedVerdict, Map<Metric, MetricComparison> metrics,
              List<Environment.Difference> differences, String note) {
            this.key = key;
            this.fixedVerdict = fixedVerdict;
            this.metrics = metrics;
            this.differences = differences;
            this.note = note;
        }

        BenchmarkComparison finish(GateSettings settings) {
            Verdict verdict = fixedVerdict != null ? fixedVerdict : worstGated(settings);
            return new BenchmarkComparison(key, verdict, metrics, differences, note);
        }

        private Verdict worstGated(GateSettings settings) {
            List<Verdict> gated = metrics.values().stream().filter(MetricComparison::gated).map(MetricComparison::verdict).toList();
            for (Verdict v : List.of(Verdict.REGRESSED, Verdict.INCONCLUSIVE, Verdict.MISSING, Verdict.IMPROVED, Verdict.UNCHANGED)) {
                if (gated.contains(v)) {
                    return v;
                }
            }
            return gated.isEmpty() && metrics.values().stream().anyMatch(m -> m.verdict() == Verdict.MISSING)
                    ? Verdict.MISSING : Verdict.NEW;
        }
    }
}
