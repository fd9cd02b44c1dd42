package dev.allocgate.core.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.lang.annotation.ElementType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sizes the fuzz properties from one total budget and checks that they ran it.
 *
 * <p>The total number of inputs over all fuzz properties is {@value #DEFAULT_TOTAL_TRIES} by default
 * (a CI run) and {@code -Dallocgate.fuzz.tries=N} on demand (e.g. {@code 1000000} for a long run);
 * each property gets its {@link Share#value() share} of it. The seed is fixed so that CI runs the
 * same inputs every time; {@code -Dallocgate.fuzz.seed=random} draws a new one (jqwik prints it on a
 * failure), any other value is used as the seed. After a property ran, the hook fails it when fewer
 * inputs were checked than planned, or when one of the two outcomes (accepted, rejected) stayed
 * below the property's floor, which would mean the generator no longer reaches that code path.
 */
public final class FuzzBudget implements AroundPropertyHook {

    /** System property holding the total number of fuzz inputs over all fuzz properties. */
    public static final String TRIES_PROPERTY = "allocgate.fuzz.tries";
    /** System property holding the seed, or {@code random}. */
    public static final String SEED_PROPERTY = "allocgate.fuzz.seed";
    /** Inputs per normal test run, over all fuzz properties. */
    public static final int DEFAULT_TOTAL_TRIES = 100_000;
    private static final String DEFAULT_SEED = "4242424242";

    /** Inputs checked by every fuzz property of this JVM so far. */
    private static final AtomicLong TOTAL_CHECKED = new AtomicLong();
    private static final AtomicLong TOTAL_NANOS = new AtomicLong();

    /** The fuzz properties and their fractions of the total budget (percent; they add up to 100). */
    public enum Part {
        JMH_MUTATED(40, 5, 5),
        JMH_GRAMMAR(10, 0, 5),
        BASELINE_MUTATED(40, 5, 5),
        BASELINE_GRAMMAR(10, 0, 5);

        final int percent;
        final double minAcceptedPercent;
        final double minRejectedPercent;

        Part(int percent, double minAcceptedPercent, double minRejectedPercent) {
            this.percent = percent;
            this.minAcceptedPercent = minAcceptedPercent;
            this.minRejectedPercent = minRejectedPercent;
        }

        /** This target's number of inputs for a total budget. */
        public int tries(long total) {
            return (int) Math.max(1, Math.ceil(total * percent / 100.0));
        }

        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();

        /** Counts one input the reader accepted. */
        public void accepted() {
            accepted.incrementAndGet();
        }

        /** Counts one input the reader rejected with its typed exception. */
        public void rejected() {
            rejected.incrementAndGet();
        }
    }

    static {
        int sum = Arrays.stream(Part.values()).mapToInt(t -> t.percent).sum();
        if (sum != 100) {
            throw new IllegalStateException("fuzz shares add up to " + sum + "%, not 100%");
        }
    }

    /** Marks a fuzz property with the share of the budget it runs. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Share {
        FuzzBudget.Part value();
    }

    /** The total budget: {@value #DEFAULT_TOTAL_TRIES} unless {@code -Dallocgate.fuzz.tries} says otherwise. */
    public static long totalTries() {
        String value = System.getProperty(TRIES_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DEFAULT_TOTAL_TRIES;
        }
        long total = Long.parseLong(value.replace("_", ""));
        if (total < 1 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(TRIES_PROPERTY + " must be between 1 and " + Integer.MAX_VALUE + ": " + value);
        }
        return total;
    }

    /** Registered on a test class, the hook applies to each property of the class. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Part target = context.findAnnotation(Share.class)
                .orElseThrow(() -> new IllegalStateException(context.label() + " lacks @FuzzBudget.Share"))
                .value();
        int tries = target.tries(totalTries());
        context.attributes().setTries(tries);
        String seed = System.getProperty(SEED_PROPERTY, DEFAULT_SEED).trim();
        if (!seed.equalsIgnoreCase("random")) {
            context.attributes().setSeed(seed);
        }
        target.accepted.set(0);
        target.rejected.set(0);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        PropertyExecutionResult result = property.execute();
        long nanos = System.nanoTime() - start;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;

        long accepted = target.accepted.get();
        long rejected = target.rejected.get();
        long total = TOTAL_CHECKED.addAndGet(result.countChecks());
        long totalNanos = TOTAL_NANOS.addAndGet(nanos);
        System.out.printf(Locale.ROOT, "[allocgate fuzz] %s: %d inputs (%d accepted, %d rejected) in %.1f s (CPU %.1f s), seed %s;"
                        + " all fuzz properties so far: %d inputs in %.1f s%n",
                context.label(), result.countChecks(), accepted, rejected, nanos / 1e9, cpuNanos / 1e9,
                result.seed().orElse(seed), total, totalNanos / 1e9);

        if (result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
            return result;
        }
        if (result.countChecks() < tries || accepted + rejected != result.countChecks()) {
            return result.mapToFailed(context.label() + " checked " + result.countChecks() + " inputs ("
                    + accepted + " accepted, " + rejected + " rejected), planned " + tries);
        }
        if (accepted < tries * target.minAcceptedPercent / 100 || rejected < tries * target.minRejectedPercent / 100) {
            return result.mapToFailed(String.format(Locale.ROOT,
                    "%s: the generator is degenerate: %d accepted and %d rejected of %d inputs (floors %.0f%% and %.0f%%)",
                    context.label(), accepted, rejected, tries, target.minAcceptedPercent, target.minRejectedPercent));
        }
        return result;
    }
}
