package dev.allocgate.core.parallel;

import java.util.concurrent.Executor;

/**
 * An executor for one-off background tasks that other threads wait for (a probe JVM, a reader set up while forks
 * start): a new daemon thread per task. Never the common {@code ForkJoinPool}: on a 2-core machine it has a single
 * worker, which may be the very thread that waits (JDK 25 runs {@code CompletableFuture}'s default asynchronous
 * tasks there even at that parallelism; JDK 17 gave each its own thread), and then the task never runs.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Runs each task on a new daemon thread called {@code name}. */
    public static Executor named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }
}
