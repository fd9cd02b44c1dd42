package dev.allocgate.core.parallel;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * allocgate's threads: daemon threads, so that none keeps a JVM (or Maven) alive.
 *
 * <p>One-off background tasks that other threads wait for (a probe JVM, a reader set up while forks start) each get a
 * thread of their own ({@link #named}). Never the common {@code ForkJoinPool}: on a 2-core machine it has a single
 * worker, which may be the very thread that waits (JDK 25 runs {@code CompletableFuture}'s default asynchronous
 * tasks there even at that parallelism; JDK 17 gave each its own thread), and then the task never runs.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Runs each task on a new daemon thread called {@code name}. */
    public static Executor named(String name) {
        return task -> start(name, task);
    }

    /** Starts {@code task} on a new daemon thread called {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = create(name, task);
        thread.start();
        return thread;
    }

    /** A pool's thread factory: daemon threads called {@code prefix} followed by 1, 2, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> create(prefix + count.incrementAndGet(), task);
    }

    private static Thread create(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
