package dev.allocgate.core.comment;

import java.time.Duration;

/**
 * How long to wait out a rate limit: at most {@code maxAttempts} requests in all, and never more
 * than {@code maxTotalWait} of waiting; a wait that would exceed it is not started.
 *
 * @param maxAttempts          requests per call, first one included; at least 1
 * @param maxTotalWait         the longest total wait for one call
 * @param waitWithoutHeader    the wait after a 429 that names no time (GitHub asks for at least a minute)
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration waitWithoutHeader) {
    /** Three attempts, two minutes of waiting at most, a minute after a bare 429. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (maxTotalWait.isNegative() || waitWithoutHeader.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative");
        }
    }
}
