package dev.allocgate.profiler;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof dev.allocgate.profiler.WorkerBytesProfiler}) that reports the bytes a benchmark's
 * own threads allocate per operation, without JMH's infrastructure. It needs no native agent.
 *
 * <h2>Why</h2>
 * JMH's GC profiler divides the allocation of <em>all</em> threads of the benchmark JVM by the operation count.
 * JMH's control thread allocates several kilobytes per iteration (about 5.7 KB on JDK 17), which is noise for a
 * benchmark that runs millions of operations per iteration but not for a slow one: a benchmark of about 200 µs
 * per operation that returns one 16-byte object reads more than 21 B/op with 200 ms iterations.
 *
 * <h2>What it counts</h2>
 * The sum over the benchmark's JMH worker threads (platform threads named
 * {@code <benchmark>-jmh-worker-<n>}, as JMH's default executor names them) of
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} at the end of the iteration minus the
 * same at its start, divided by the operations JMH ran in the iteration
 * ({@code IterationResultMetaData.getAllOps()}, as JMH's GC profiler normalises {@code gc.alloc.rate.norm}).
 * A worker of allocgate's {@link MemberExecutor} counts what it allocated while running its tasks
 * ({@link MemberExecutor#taskBytes}), read on the worker itself around each task: the executor's own allocation
 * between tasks, which timing moves across iteration boundaries, stays out.
 * Worker threads are looked up at both iteration boundaries: a worker that first appears at the end of an
 * iteration was started during it, so all of its allocation belongs to it. Workers already alive before the
 * profiler's first iteration belong to an earlier JMH run in the same JVM (JMH starts a run's workers after that
 * point) and are left out, also when they end during the iteration. This includes the few hundred bytes
 * JMH's generated code allocates on the worker thread per iteration (its result objects) and
 * {@code @Setup}/{@code @TearDown} methods that JMH runs on the worker within the iteration.
 *
 * <h2>Results (JMH secondary metrics)</h2>
 * <ul>
 *   <li>{@value #NORM_METRIC}: worker bytes per operation, unit {@code B/op}, reported for every iteration (also
 *       when it is zero, unlike {@code gc.alloc.rate.norm}), averaged over iterations;</li>
 *   <li>{@value #BYTES_METRIC}: worker bytes in the iteration, unit {@code B}, summed.</li>
 * </ul>
 * For a {@code @Group} of two or more methods run by allocgate's {@link MemberExecutor}, {@value #NORM_METRIC} is
 * normalised method by method instead ({@link MemberExecutor#perMemberOperation}): the sum over the group's methods of
 * what one operation of each allocates; {@value #BYTES_METRIC} stays the iteration's total.
 * The profiler never reports a number it did not measure: the iteration fails with an exception when the JVM
 * cannot measure per-thread allocation, when no worker thread is found (another {@code jmh.executor}, virtual
 * threads), or when a worker thread ended during the iteration (its allocation would be lost).
 */
public final class WorkerBytesProfiler implements InternalProfiler {

    /** Bytes per operation allocated by the benchmark's worker threads. */
    public static final String NORM_METRIC = ForkProtocol.WORKER_BYTES_NORM;
    /** Bytes allocated by the benchmark's worker threads in an iteration. */
    public static final String BYTES_METRIC = ForkProtocol.WORKER_BYTES;
    /** Unit of {@link #NORM_METRIC}. */
    public static final String NORM_UNIT = "B/op";
    /** Unit of {@link #BYTES_METRIC}. */
    public static final String BYTES_UNIT = "B";

    /** JMH 1.37 names a worker thread {@code <benchmark> + WORKER_MARKER + <n>}. */
    static final String WORKER_MARKER = "-jmh-worker-";

    private Map<Long, Long> bytesBefore = Map.of();
    /**
     * Worker threads alive before this profiler's first iteration, by id, null until then. JMH makes a profiler per
     * benchmark run and starts that run's workers only after the profiler's first {@link #beforeIteration}, so
     * these are workers of an earlier run in the same JVM with the same names (allocgate's forks run the benchmark
     * once per warmup round), which may still be ending: a thread is gone from its thread group before the JVM
     * stops listing it. They run no benchmark code of this run and are left out.
     */
    private Set<Long> earlierRuns;

    /** Creates the profiler; JMH also creates one in its host JVM, which measures nothing. */
    public WorkerBytesProfiler() {
    }

    /**
     * Creates the profiler as JMH does, with its options ({@link ProfilerOptions}).
     *
     * @throws IllegalArgumentException when options were given: it takes none
     */
    public WorkerBytesProfiler(String options) {
        ProfilerOptions.requireNone(options, WorkerBytesProfiler.class);
    }

    @Override
    public String getDescription() {
        return "allocgate: bytes allocated per operation by the benchmark's JMH worker threads only "
                + "(JMH's own per-iteration allocation on other threads left out)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        Map<Long, Long> bytes = workerBytes(threadBean(benchmarkParams), benchmarkParams.getBenchmark());
        if (earlierRuns == null) {
            earlierRuns = new HashSet<>(bytes.keySet());
        }
        bytes.keySet().removeAll(earlierRuns);
        bytesBefore = bytes;
        MemberExecutor.forget();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        String benchmark = benchmarkParams.getBenchmark();
        long operations = result.getMetadata().getAllOps();
        if (operations <= 0) {
            // The iteration failed (JMH reports the benchmark's own exception; throwing here would hide
            // it). NaN, as JMH's GC profiler reports, which allocgate's reader rejects should it ever
            // reach a results file.
            return List.of(new ScalarResult(NORM_METRIC, Double.NaN, NORM_UNIT, AggregationPolicy.AVG));
        }
        Map<Long, Long> bytesAfter = workerBytes(threadBean(benchmarkParams), benchmark);
        if (earlierRuns != null) {
            bytesAfter.keySet().removeAll(earlierRuns);
        }
        if (bytesAfter.isEmpty()) {
            throw new IllegalStateException("allocgate bytes/op: benchmark " + benchmark + " ran on no platform thread"
                    + " named '" + benchmark + WORKER_MARKER + "<n>', so its allocations cannot be told from JMH's;"
                    + " use JMH's default executor (jmh.executor=PLATFORM)");
        }
        Map<Long, Long> byThread = allocatedByThread(bytesBefore, bytesAfter, benchmark);
        byThread.replaceAll((thread, window) -> {
            long inTasks = MemberExecutor.taskBytes(thread);
            return inTasks >= 0 ? inTasks : window;
        });
        long allocated = 0;
        for (long bytes : byThread.values()) {
            allocated = Math.addExact(allocated, bytes);
        }
        double perMember = MemberExecutor.perMemberOperation(byThread, MemberExecutor.members(benchmarkParams));
        return List.of(
                new ScalarResult(NORM_METRIC, Double.isNaN(perMember) ? (double) allocated / operations : perMember,
                        NORM_UNIT, AggregationPolicy.AVG),
                new ScalarResult(BYTES_METRIC, allocated, BYTES_UNIT, AggregationPolicy.SUM));
    }

    /**
     * Bytes the worker threads allocated between two snapshots of {@link #workerBytes}. A thread only in
     * {@code after} started in between, so everything it allocated counts.
     *
     * @throws IllegalStateException when a thread of {@code before} is gone from {@code after}, or a counter
     *                               went backwards
     */
    static long allocatedBetween(Map<Long, Long> before, Map<Long, Long> after, String benchmark) {
        long total = 0;
        for (long bytes : allocatedByThread(before, after, benchmark).values()) {
            total = Math.addExact(total, bytes);
        }
        return total;
    }

    /** As {@link #allocatedBetween}, by thread id. */
    static Map<Long, Long> allocatedByThread(Map<Long, Long> before, Map<Long, Long> after, String benchmark) {
        Map<Long, Long> byThread = new HashMap<>();
        for (Map.Entry<Long, Long> start : before.entrySet()) {
            if (!after.containsKey(start.getKey())) {
                throw new IllegalStateException("allocgate bytes/op: a worker thread of benchmark " + benchmark
                        + " (thread id " + start.getKey() + ") ended during the iteration, so what it allocated is"
                        + " unknown; use JMH's default executor (jmh.executor=PLATFORM), whose workers live as long"
                        + " as the benchmark");
            }
        }
        for (Map.Entry<Long, Long> end : after.entrySet()) {
            long delta = end.getValue() - before.getOrDefault(end.getKey(), 0L);
            if (delta < 0) {
                throw new IllegalStateException("allocgate bytes/op: the allocation counter of worker thread id "
                        + end.getKey() + " of benchmark " + benchmark + " went backwards (" + delta + " B)");
            }
            byThread.put(end.getKey(), delta);
        }
        return byThread;
    }

    /**
     * Bytes allocated so far by each live worker thread of {@code benchmark}, by thread id. Called from JMH's
     * control thread, so its own allocation is not in the result.
     */
    private static Map<Long, Long> workerBytes(com.sun.management.ThreadMXBean threads, String benchmark) {
        String prefix = benchmark + WORKER_MARKER;
        List<Thread> live = liveThreads();
        int workers = 0;
        long[] workerIds = new long[live.size()];
        for (Thread thread : live) {
            if (isWorker(thread.getName(), prefix)) {
                workerIds[workers++] = thread.getId();
            }
        }
        long[] ofWorkers = Arrays.copyOf(workerIds, workers);
        long[] bytes = threads.getThreadAllocatedBytes(ofWorkers);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ofWorkers.length; i++) {
            if (bytes[i] >= 0) { // -1: the thread ended since it was listed; it allocates no more
                byThread.put(ofWorkers[i], bytes[i]);
            }
        }
        return byThread;
    }

    /**
     * The JVM's live platform threads, from its root thread group. Not from the thread bean's
     * {@code getAllThreadIds}, which on JDK 21 and later collects the ids with a stream: this runs at every iteration
     * boundary, while the JIT profiles the benchmark ({@code ForkMain}'s class comment). A thread leaves its group as
     * it ends, a little before the JVM stops listing it.
     */
    static List<Thread> liveThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count;
        while ((count = root.enumerate(threads, true)) == threads.length) { // full: there may be more
            threads = new Thread[threads.length * 2];
        }
        return Arrays.asList(threads).subList(0, count);
    }

    /** Whether a thread name is that of a JMH worker of the benchmark whose worker names start with {@code prefix}. */
    static boolean isWorker(String threadName, String prefix) {
        if (threadName == null || !threadName.startsWith(prefix) || threadName.length() == prefix.length()) {
            return false;
        }
        for (int i = prefix.length(); i < threadName.length(); i++) {
            if (!Character.isDigit(threadName.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JVM's thread bean, looked up once for the whole fork (the profilers, {@link MemberExecutor}, the
     * diagnostic commands): on JDK 21 and later {@code ManagementFactory.getThreadMXBean()} finds it
     * with a stream ({@code ForkMain}'s class comment).
     */
    static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The JVM's thread bean, with per-thread allocation measurement on; fails when the JVM cannot measure it. */
    private static com.sun.management.ThreadMXBean threadBean(BenchmarkParams benchmarkParams) {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("allocgate bytes/op: this JVM (" + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version") + ") cannot measure per-thread allocation, so benchmark "
                    + benchmarkParams.getBenchmark() + " has no worker bytes/op; leave out " + WorkerBytesProfiler.class.getName());
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return threads;
    }
}
