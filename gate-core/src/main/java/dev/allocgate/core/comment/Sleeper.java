package dev.allocgate.core.comment;

import java.time.Duration;

/** Waits; injectable so that tests of rate limiting record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: {@link Thread#sleep}. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
