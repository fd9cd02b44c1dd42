package dev.allocgate.profiler;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkTaskResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;

/**
 * JMH's benchmark executor as allocgate's forks use it ({@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=dev.allocgate.profiler.MemberExecutor}): a fixed pool of platform threads named as JMH's default
 * executor names them ({@code <benchmark>-jmh-worker-<n>}), which also keeps, on each worker, what its task of the last
 * iteration returned, and what the worker allocated while it ran its tasks ({@link #taskBytes}, {@link #taskObjects}):
 * counted on the worker itself around each task, so that the executor's own allocation between tasks (a worker that
 * waits for its next task may allocate a queue node, or not, as timing has it: 16 to 32 B and one object per iteration,
 * seen as jitter of JMH's per-iteration share on the profilers' before/after readings) stays out. JMH adds up its
 * threads' operations into one count per iteration; this tells allocgate's profilers each thread's operations, all
 * of them (warm-up and warm-down phases included, as JMH's GC profiler counts), and which method of a {@code @Group}
 * the thread ran, so that a group's allocation can be normalised member by member ({@link #taskOf}).
 *
 * <p>Recording costs the worker no allocation: the task's result and amounts are stored in fields of its thread.
 */
public final class MemberExecutor extends ThreadPoolExecutor {

    /** Workers of this JVM by thread id, while they live. */
    private static final Map<Long, Worker> WORKERS = new ConcurrentHashMap<>();

    /** Called by JMH with the benchmark's thread count and name. */
    public MemberExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new FutureTask<>(new Recording<>(callable));
    }

    /**
     * What the task of worker thread {@code threadId} returned in the last iteration since {@link #forget}, or null
     * (not a worker of this executor, or it ran no task since).
     */
    static BenchmarkTaskResult taskOf(long threadId) {
        Worker worker = WORKERS.get(threadId);
        return worker == null ? null : worker.task;
    }

    /**
     * Bytes worker thread {@code threadId} allocated while it ran tasks since {@link #forget}, or -1 (not a worker of
     * this executor, it ran no task since, or the JVM cannot measure a thread's allocation).
     */
    static long taskBytes(long threadId) {
        Worker worker = WORKERS.get(threadId);
        return worker == null || worker.task == null ? -1 : worker.taskBytes;
    }

    /**
     * Objects the allocgate agent counted on worker thread {@code threadId} while it ran tasks since {@link #forget},
     * or -1 (not a worker of this executor, no task since, or no counting agent).
     */
    static long taskObjects(long threadId) {
        Worker worker = WORKERS.get(threadId);
        return worker == null || worker.task == null ? -1 : worker.taskObjects;
    }

    /** Forgets every worker's last task and task allocation; called between iterations, when no task runs. */
    static void forget() {
        for (Worker worker : WORKERS.values()) {
            worker.task = null;
            worker.taskBytes = 0;
            worker.taskObjects = 0;
        }
    }

    /**
     * The {@code @Group} method a task ran: the label of its secondary result that names one of {@code members}
     * (JMH adds one per group method), or null.
     */
    static String member(BenchmarkTaskResult task, Collection<String> members) {
        for (Result<?> result : task.getResults()) {
            if (result.getRole() == ResultRole.SECONDARY && members.contains(result.getLabel())) {
                return result.getLabel();
            }
        }
        return null;
    }

    /** The live workers of this JVM's executors, by thread id. */
    static Map<Long, Thread> workers() {
        return Map.copyOf(WORKERS);
    }

    /**
     * A {@code @Group}'s allocation per operation, member by member: for each of its methods, what the threads that
     * ran it allocated over the operations they ran, summed over the methods, that is what one operation of each
     * method allocates together. JMH divides the whole group's allocation by all its threads' operations, which for
     * members of different speeds depends on scheduling: in a producer/consumer group whose consumers return at once
     * when the measurement stops, their warm-down operations can outnumber the measured ones by orders of magnitude.
     *
     * @param amountByThread what each worker thread allocated in the iteration (bytes or objects), by thread id
     * @param members        the group's method names ({@code BenchmarkParams.getThreadGroupLabels()})
     * @return the sum per group operation, or NaN when it does not apply: not a group of two or more methods, or a
     *         thread whose task or method is unknown (not this executor), or a method without operations
     */
    static double perMemberOperation(Map<Long, Long> amountByThread, Collection<String> members) {
        if (members == null || members.size() < 2) {
            return Double.NaN;
        }
        Map<String, long[]> byMember = new java.util.HashMap<>(); // method -> {amount, operations}
        for (Map.Entry<Long, Long> thread : amountByThread.entrySet()) {
            BenchmarkTaskResult task = taskOf(thread.getKey());
            String member = task == null ? null : member(task, members);
            if (member == null) {
                return Double.NaN;
            }
            long[] sums = byMember.get(member);
            if (sums == null) { // no lambda: its bootstrap would cost the fork more than this loop
                sums = new long[2];
                byMember.put(member, sums);
            }
            sums[0] = Math.addExact(sums[0], thread.getValue());
            sums[1] = Math.addExact(sums[1], task.getAllOps());
        }
        if (byMember.isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        for (long[] sums : byMember.values()) {
            if (sums[1] <= 0) {
                return Double.NaN;
            }
            total += (double) sums[0] / sums[1];
        }
        return total;
    }

    /** The method names of the benchmark's {@code @Group} (one name for a benchmark that is not a group). */
    @SuppressWarnings("unchecked") // JMH declares a raw Collection of the labels
    static Collection<String> members(BenchmarkParams params) {
        Collection<?> labels = params.getThreadGroupLabels();
        return labels == null ? java.util.List.of() : (Collection<String>) labels;
    }

    /** Runs a JMH task, keeps its result on the worker thread and adds up what the worker allocated meanwhile. */
    private static final class Recording<T> implements Callable<T> {
        private final Callable<T> task;

        Recording(Callable<T> task) {
            this.task = task;
        }

        @Override
        public T call() throws Exception {
            if (!(Thread.currentThread() instanceof Worker worker)) {
                return task.call();
            }
            long bytes = Allocation.bytes();
            long objects = Allocation.objects(worker);
            T result = task.call();
            long bytesAfter = Allocation.bytes();
            long objectsAfter = Allocation.objects(worker);
            if (result instanceof BenchmarkTaskResult r) {
                worker.taskBytes = bytes < 0 || worker.taskBytes < 0 ? -1 : worker.taskBytes + (bytesAfter - bytes);
                worker.taskObjects = objects < 0 || worker.taskObjects < 0 ? -1
                        : worker.taskObjects + (objectsAfter - objects);
                worker.task = r; // last: a reader that sees the task sees its amounts
            }
            return result;
        }
    }

    /** The current thread's allocation counters, read without allocating. */
    private static final class Allocation {
        private static final com.sun.management.ThreadMXBean THREADS = threads();
        private static final boolean AGENT = agent();

        private static com.sun.management.ThreadMXBean threads() {
            return WorkerBytesProfiler.THREADS instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled() ? t : null;
        }

        private static boolean agent() {
            try {
                return AgentCounters.abiVersion() == AgentCounters.EXPECTED_ABI_VERSION;
            } catch (UnsatisfiedLinkError notLoaded) {
                return false;
            }
        }

        /** Bytes the current thread allocated so far, or -1. */
        static long bytes() {
            return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
        }

        /** Objects the agent counted on {@code worker} so far, or -1. */
        static long objects(Thread worker) {
            return AGENT ? AgentCounters.threadObjects(worker) : -1;
        }
    }

    /** A worker thread, registered while it lives. */
    private static final class Worker extends Thread {
        volatile BenchmarkTaskResult task;
        /** Bytes and objects allocated in tasks since {@link #forget}; -1 when not measurable. */
        volatile long taskBytes;
        volatile long taskObjects;

        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                super.run();
            } finally {
                WORKERS.remove(getId());
            }
        }
    }

    /** Names workers as JMH 1.37's default executor does. */
    private static final class Factory implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        Factory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Worker worker = new Worker(r, prefix + WorkerBytesProfiler.WORKER_MARKER + next.getAndIncrement());
            WORKERS.put(worker.getId(), worker);
            return worker;
        }
    }
}
