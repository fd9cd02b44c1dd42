package dev.allocgate.core.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How allocgate's adaptive engine spends forks: every benchmark gets {@code minForks} forks, and more only while the
 * statistics cannot yet decide (see {@code ForkDecider}), never more than {@code maxForks}. Forks of all benchmarks run
 * side by side, {@code parallelForks} at a time. Each fork warms up in rounds of {@link RunSettings#warmupTime()}
 * until its allocation has settled or {@code maxWarmup} has passed, then measures
 * {@link RunSettings#measurementIterations()} iterations of {@link RunSettings#measurementTime()}.
 *
 * @param minForks       forks every benchmark gets in {@code check}; at least 1
 * @param confirmForks   forks a change seen in constant samples needs before it counts (a benchmark whose forks
 *                       split between two values must not fail on one unlucky fork); at least {@code minForks}
 * @param recordForks    forks every benchmark gets in {@code record}, so a baseline shows its fork-to-fork spread
 * @param maxForks       upper bound of forks per benchmark, reached only by benchmarks whose allocation varies
 *                       between forks; at least {@code confirmForks} and {@code recordForks}
 * @param parallelForks  benchmark JVMs running at once; at least 1 (1 runs them one after another)
 * @param maxWarmup      cap of a fork's warmup when its allocation does not settle
 * @param settleRounds   warmup rounds in a row that must agree on the allocation; also the fewest warmup rounds
 */
public record ForkPlan(int minForks, int confirmForks, int recordForks, int maxForks, int parallelForks,
        Duration maxWarmup, int settleRounds) {

    /** allocgate's defaults, with one benchmark JVM per available processor. */
    public static ForkPlan defaults() {
        return new ForkPlan(1, 8, 5, 20, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5), 3);
    }

    public ForkPlan {
        Objects.requireNonNull(maxWarmup, "maxWarmup");
        if (minForks < 1) {
            throw new IllegalArgumentException("minForks must be at least 1, was " + minForks);
        }
        if (confirmForks < minForks) {
            throw new IllegalArgumentException("confirmForks (" + confirmForks + ") must be at least minForks (" + minForks + ")");
        }
        if (recordForks < 1) {
            throw new IllegalArgumentException("recordForks must be at least 1, was " + recordForks);
        }
        if (maxForks < Math.max(confirmForks, recordForks)) {
            throw new IllegalArgumentException("maxForks (" + maxForks + ") must be at least confirmForks (" + confirmForks
                    + ") and recordForks (" + recordForks + ")");
        }
        if (parallelForks < 1) {
            throw new IllegalArgumentException("parallelForks must be at least 1, was " + parallelForks);
        }
        if (maxWarmup.isNegative() || maxWarmup.isZero()) {
            throw new IllegalArgumentException("maxWarmup must be positive, was " + maxWarmup);
        }
        if (settleRounds < 2) {
            throw new IllegalArgumentException("settleRounds must be at least 2, was " + settleRounds);
        }
    }
}
