package dev.allocgate.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for the independent stages of one gate run: reading the JMH results while the
 * baselines load, comparing benchmarks in parallel, rendering the report formats at the same time.
 * One thread per available processor by default; with one thread (or {@link #sequential()}) every
 * task runs on the caller's thread, in the order it was started, with the same results and errors.
 *
 * <p>Failures keep their identity: {@link Stage#join()} throws the task's own exception (the same
 * object, so the same type and message, e.g. an invalid-baseline error naming the file), never a
 * wrapper. Tasks must not start and join tasks of the same pool (the pool is bounded, so that could
 * wait forever); only the thread that owns the pool does.
 *
 * <p>{@link #close()} shuts the pool down: a task still running (because an earlier join failed and
 * its result is no longer wanted) is interrupted and waited for, so no work outlives the run.
 */
public final class Workers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;
    private final int threads;

    private Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null
                : Executors.newFixedThreadPool(threads, DaemonThreads.numbered("allocgate-worker-" + POOLS.incrementAndGet() + "-"));
    }

    /** A pool with one thread per available processor. */
    public static Workers forProcessors() {
        return new Workers(Runtime.getRuntime().availableProcessors());
    }

    /** A pool of {@code threads} threads; 1 runs every task on the caller's thread. */
    public static Workers of(int threads) {
        return new Workers(threads);
    }

    /** No pool: every task runs on the caller's thread when it is started. */
    public static Workers sequential() {
        return new Workers(1);
    }

    /** How many tasks run at once at most. */
    public int parallelism() {
        return threads;
    }

    /** Work that produces a value or fails with {@code X}. */
    @FunctionalInterface
    public interface Task<T, X extends Exception> {
        T call() throws X;
    }

    /** Work on the index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask<X extends Exception> {
        void run(int from, int to) throws X;
    }

    /**
     * Starts {@code task} on a worker (on the caller's thread when sequential).
     *
     * @param name what the stage does, for the thread dump and for an interrupted join's message
     */
    public <T, X extends Exception> Stage<T, X> start(String name, Task<T, X> task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (pool == null) {
            return Stage.completed(name, task);
        }
        return new Stage<>(name, pool.submit(() -> task.call()));
    }

    /**
     * Runs {@code task} on the calling thread now, as the owner's share of the work while the workers
     * do theirs; its value or failure is kept in the stage like a started task's.
     */
    public <T, X extends Exception> Stage<T, X> runHere(String name, Task<T, X> task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        return Stage.completed(name, task);
    }

    /**
     * Runs {@code task} over {@code [0, size)} split into at most {@link #parallelism()} contiguous
     * ranges, and returns when all are done. The first range runs on the calling thread, each other
     * range is a task of its own; callers write results
     * into slots by index, so the outcome does not depend on which range finishes first. When ranges
     * fail, the failure of the lowest range is thrown (after every range has ended).
     *
     * @param minimumPerRange ranges smaller than this are not worth a thread of their own
     */
    public <X extends Exception> void forRanges(String name, int size, int minimumPerRange, RangeTask<X> task) throws X {
        int ranges = Math.max(1, Math.min(threads, size / Math.max(1, minimumPerRange)));
        if (ranges == 1 || pool == null) {
            task.run(0, size);
            return;
        }
        List<Stage<Void, X>> stages = new ArrayList<>(ranges);
        for (int r = 1; r < ranges; r++) {
            int from = (int) ((long) size * r / ranges);
            int to = (int) ((long) size * (r + 1) / ranges);
            stages.add(start(name + " [" + from + ", " + to + ")", () -> {
                task.run(from, to);
                return null;
            }));
        }
        int firstEnd = (int) ((long) size / ranges);
        stages.add(0, runHere(name + " [0, " + firstEnd + ")", () -> {
            task.run(0, firstEnd);
            return null;
        }));
        joinAll(stages);
    }

    /**
     * Waits for every stage, then throws the failure of the first failed stage in list order (a
     * deterministic error whichever stage failed first in time), or returns their values in order.
     */
    public static <T, X extends Exception> List<T> joinAll(List<Stage<T, X>> stages) throws X {
        List<T> values = new ArrayList<>(stages.size());
        Exception first = null;
        for (Stage<T, X> stage : stages) {
            try {
                values.add(stage.join());
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
                values.add(null);
            }
        }
        if (first != null) {
            throw Stage.<X>rethrow(first);
        }
        return values;
    }

    /** Shuts the pool down, interrupting what still runs, and waits for its threads to end. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A started task: its value, or its own exception. */
    public static final class Stage<T, X extends Exception> {
        private final String name;
        private final Future<T> future;
        private final T value;
        private final Throwable failure;

        private Stage(String name, Future<T> future) {
            this.name = name;
            this.future = future;
            this.value = null;
            this.failure = null;
        }

        private Stage(String name, T value, Throwable failure) {
            this.name = name;
            this.future = null;
            this.value = value;
            this.failure = failure;
        }

        static <T, X extends Exception> Stage<T, X> completed(String name, Task<T, X> task) {
            try {
                return new Stage<>(name, task.call(), null);
            } catch (Exception | Error e) {
                return new Stage<>(name, null, e);
            }
        }

        /** What the stage does. */
        public String name() {
            return name;
        }

        /**
         * Waits for the task and returns its value, or throws the exception it threw (unchecked
         * exceptions and errors too, as they are).
         *
         * @throws IllegalStateException when the waiting thread is interrupted (its interrupt flag is set again)
         */
        public T join() throws X {
            if (future == null) {
                if (failure != null) {
                    throw Stage.<X>rethrow(failure);
                }
                return value;
            }
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw Stage.<X>rethrow(e.getCause());
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }

        /** Throws {@code failure} as it is; the cast is safe because a task only throws X or unchecked. */
        @SuppressWarnings("unchecked")
        private static <X extends Exception> X rethrow(Throwable failure) throws X {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw (X) failure;
        }
    }
}
