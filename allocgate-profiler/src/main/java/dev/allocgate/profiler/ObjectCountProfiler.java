package dev.allocgate.profiler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler ({@code -prof dev.allocgate.profiler.ObjectCountProfiler}) that reports how many objects a
 * benchmark allocates per operation, counted by the allocgate JVMTI agent, which must be loaded in the
 * forked benchmark JVM ({@code -jvmArgsAppend -agentpath:<library from NativeAgent.extractTo>}).
 *
 * <h2>What "objects/op" counts</h2>
 * Every Java heap allocation the JVM really performs on the benchmark's JMH worker threads during an
 * iteration (threads named {@code <benchmark>-jmh-worker-<n>}), divided by the operations JMH ran in that
 * iteration ({@code IterationResultMetaData.getAllOps()}, as JMH's GC profiler normalises
 * {@code gc.alloc.rate.norm}):
 * <ul>
 *   <li>each object and each array counts as one, whatever its size; the allocations are the compiled
 *       code's, so objects that escape analysis removed do not count, and ones it keeps do;</li>
 *   <li>allocations inside the JVM on the worker's behalf count too (for example during class loading
 *       or reflection), as do {@code @Setup}/{@code @TearDown} methods of any level that JMH runs on the
 *       worker thread within the iteration, and JMH's own few per-iteration objects on the worker thread:
 *       divided by the operation count these are a small, positive noise floor;</li>
 *   <li>allocations by other threads (JMH's control thread, the compiler, GC, threads the benchmark
 *       starts) are not in this metric but in {@value #ALL_THREADS_NORM_METRIC}.</li>
 * </ul>
 *
 * <h2>Results (JMH secondary metrics)</h2>
 * <ul>
 *   <li>{@value #NORM_METRIC}: worker objects per operation, unit {@code objects/op}, averaged over
 *       iterations;</li>
 *   <li>{@value #COUNT_METRIC}: worker objects in the iteration, unit {@code objects}, summed;</li>
 *   <li>{@value #ALL_THREADS_NORM_METRIC}: objects of all threads per operation, for diagnosis.</li>
 * </ul>
 * For a {@code @Group} of two or more methods run by allocgate's {@link MemberExecutor}, {@value #NORM_METRIC} is
 * normalised method by method ({@link MemberExecutor#perMemberOperation}), from the agent's per-thread counts.
 *
 * <p>If the agent is not loaded, or no JMH worker thread was ever seen, the iteration fails with an exception
 * saying so: the profiler never reports a number it did not measure. An iteration that begins before an agent
 * loaded with the option {@code deferred} starts counting (allocgate's own forks start it for the measurement, see
 * {@link ForkMain}) reports nothing.
 *
 * <p>The agent costs on the order of a hundred nanoseconds per allocation, so time and bytes/op measured
 * in the same run are distorted: count objects in a run of its own.
 */
public final class ObjectCountProfiler implements InternalProfiler {

    /** Objects per operation allocated by the benchmark's worker threads. */
    public static final String NORM_METRIC = ForkProtocol.OBJECTS_NORM;
    /** Objects allocated by the benchmark's worker threads in an iteration. */
    public static final String COUNT_METRIC = ForkProtocol.OBJECTS;
    /** Objects per operation allocated by all threads of the benchmark JVM during an iteration. */
    public static final String ALL_THREADS_NORM_METRIC = ForkProtocol.ALL_THREADS_OBJECTS_NORM;
    /** Unit of {@link #NORM_METRIC} and {@link #ALL_THREADS_NORM_METRIC}. */
    public static final String NORM_UNIT = "objects/op";
    /** Unit of {@link #COUNT_METRIC}. */
    public static final String COUNT_UNIT = "objects";

    private long workerObjectsBefore;
    /** Objects of each live worker of allocgate's {@link MemberExecutor} at the iteration's start, by thread id. */
    private Map<Long, Long> threadObjectsBefore = Map.of();
    private long allObjectsBefore;
    private boolean countingAtIterationStart;

    /** Creates the profiler; JMH calls this in the host JVM too, where the agent is not needed. */
    public ObjectCountProfiler() {
    }

    /**
     * Creates the profiler as JMH does, with its options ({@link ProfilerOptions}).
     *
     * @throws IllegalArgumentException when options were given: it takes none
     */
    public ObjectCountProfiler(String options) {
        ProfilerOptions.requireNone(options, ObjectCountProfiler.class);
    }

    @Override
    public String getDescription() {
        return "allocgate: objects allocated per operation, counted exactly by the allocgate JVMTI agent "
                + "(load it with -jvmArgsAppend -agentpath:<liballocgate_agent>)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        AgentCounters.requireLoaded();
        countingAtIterationStart = AgentCounters.counting();
        workerObjectsBefore = AgentCounters.workerObjects();
        allObjectsBefore = AgentCounters.allObjects();
        threadObjectsBefore = threadObjects();
        MemberExecutor.forget();
    }

    /** Objects counted so far on each live worker of allocgate's executor, by thread id. */
    private static Map<Long, Long> threadObjects() {
        Map<Long, Long> objects = new HashMap<>();
        for (Map.Entry<Long, Thread> worker : MemberExecutor.workers().entrySet()) {
            long count = AgentCounters.threadObjects(worker.getValue());
            if (count >= 0) {
                objects.put(worker.getKey(), count);
            }
        }
        return objects;
    }

    /**
     * For a {@code @Group} run by allocgate's {@link MemberExecutor}, its objects per operation method by method
     * ({@link MemberExecutor#perMemberOperation}); NaN otherwise. Threads started during the iteration count from 0.
     */
    private double perMemberOperation(BenchmarkParams benchmarkParams) {
        java.util.Collection<String> members = MemberExecutor.members(benchmarkParams);
        if (members.size() < 2) {
            return Double.NaN;
        }
        Map<Long, Long> byThread = objectsByWorker();
        return byThread.isEmpty() ? Double.NaN : MemberExecutor.perMemberOperation(byThread, members);
    }

    /**
     * What each worker of allocgate's {@link MemberExecutor} that ran a task in this iteration allocated, by thread
     * id: counted around its tasks ({@link MemberExecutor#taskObjects}), else between this iteration's readings
     * (threads started during the iteration count from 0).
     */
    private Map<Long, Long> objectsByWorker() {
        Map<Long, Long> byThread = new HashMap<>();
        for (Map.Entry<Long, Long> now : threadObjects().entrySet()) {
            if (MemberExecutor.taskOf(now.getKey()) != null) { // ran in this iteration
                long inTasks = MemberExecutor.taskObjects(now.getKey());
                byThread.put(now.getKey(), inTasks >= 0 ? inTasks
                        : now.getValue() - threadObjectsBefore.getOrDefault(now.getKey(), 0L));
            }
        }
        return byThread;
    }

    /**
     * The worker objects of this iteration: what the workers of allocgate's {@link MemberExecutor} allocated in their
     * tasks ({@link MemberExecutor#taskObjects}), so that the executor's own allocation between tasks, which timing
     * moves across iteration boundaries, stays out; else {@code window}, as counted between the iteration's readings.
     */
    private static long inTasks(long window) {
        long total = 0;
        boolean any = false;
        for (Long thread : MemberExecutor.workers().keySet()) {
            if (MemberExecutor.taskOf(thread) != null) {
                long objects = MemberExecutor.taskObjects(thread);
                if (objects < 0) {
                    return window;
                }
                total += objects;
                any = true;
            }
        }
        return any ? total : window;
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        long workerObjects = inTasks(AgentCounters.workerObjects() - workerObjectsBefore);
        long allObjects = AgentCounters.allObjects() - allObjectsBefore;
        long operations = result.getMetadata().getAllOps();
        if (!countingAtIterationStart) {
            return List.of(); // an agent loaded with "deferred" that has not started counting yet: nothing measured
        }
        if (operations <= 0) {
            // The iteration failed (JMH reports the benchmark's own exception; throwing here would hide
            // it). NaN, as JMH's GC profiler reports, which allocgate's reader rejects.
            return List.of(new ScalarResult(NORM_METRIC, Double.NaN, NORM_UNIT, AggregationPolicy.AVG));
        }
        if (AgentCounters.workerThreads() == 0) {
            throw new IllegalStateException("allocgate objects/op: benchmark " + benchmarkParams.getBenchmark()
                    + " ran on no thread named '*-jmh-worker-*', so its allocations cannot be told from JMH's;"
                    + " use JMH's default executor (jmh.executor=PLATFORM)");
        }
        double perMember = perMemberOperation(benchmarkParams);
        return List.of(
                new ScalarResult(NORM_METRIC, Double.isNaN(perMember) ? (double) workerObjects / operations : perMember,
                        NORM_UNIT, AggregationPolicy.AVG),
                new ScalarResult(COUNT_METRIC, workerObjects, COUNT_UNIT, AggregationPolicy.SUM),
                new ScalarResult(ALL_THREADS_NORM_METRIC, (double) allObjects / operations, NORM_UNIT,
                        AggregationPolicy.AVG));
    }
}
