package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The profiler's bookkeeping, without JMH. */
class WorkerBytesProfilerTest {

    private static final String PREFIX = "a.B.m" + WorkerBytesProfiler.WORKER_MARKER;

    @Test
    void recognisesOnlyTheBenchmarksOwnNumberedWorkers() {
        assertTrue(WorkerBytesProfiler.isWorker(PREFIX + "1", PREFIX));
        assertTrue(WorkerBytesProfiler.isWorker(PREFIX + "12", PREFIX));
        assertFalse(WorkerBytesProfiler.isWorker(PREFIX, PREFIX));
        assertFalse(WorkerBytesProfiler.isWorker(PREFIX + "1x", PREFIX));
        assertFalse(WorkerBytesProfiler.isWorker("a.B.other" + WorkerBytesProfiler.WORKER_MARKER + "1", PREFIX));
        assertFalse(WorkerBytesProfiler.isWorker("ForkJoinPool-1-worker-1", PREFIX));
        assertFalse(WorkerBytesProfiler.isWorker(null, PREFIX));
    }

    @Test
    void liveThreadsAreEveryStartedThreadThatHasNotEndedInEveryThreadGroup() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadGroup nested = new ThreadGroup(new ThreadGroup("allocgate-test-outer"), "allocgate-test-inner");
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than the first guess of the array's size
            Thread t = new Thread(nested, () -> awaitQuietly(release), PREFIX + (i + 1));
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        Thread notStarted = new Thread(nested, () -> { }, PREFIX + "99");
        try {
            List<Thread> live = WorkerBytesProfiler.liveThreads();
            assertTrue(live.containsAll(started), "threads of a nested group are listed");
            assertTrue(live.contains(Thread.currentThread()));
            assertFalse(live.contains(notStarted));
        } finally {
            release.countDown();
        }
        for (Thread t : started) {
            t.join();
        }
        List<Thread> after = WorkerBytesProfiler.liveThreads();
        for (Thread t : started) {
            assertFalse(after.contains(t), "an ended thread is no longer listed");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theProfilersTakeJmhsOptionStringAndRefuseOptions() throws ReflectiveOperationException {
        // JMH looks for this constructor first in every run; without it the JDK builds an exception's message
        for (Class<?> profiler : List.of(WorkerBytesProfiler.class, ObjectCountProfiler.class,
                AllocationSiteProfiler.class)) {
            assertEquals(profiler, profiler.getConstructor(String.class).newInstance("").getClass());
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new WorkerBytesProfiler("churn=true"));
        assertTrue(refused.getMessage().contains("WorkerBytesProfiler takes no options")
                && refused.getMessage().contains("churn=true"), refused.getMessage());
    }

    @Test
    void sumsTheGrowthOfEveryWorkerAndAllOfAWorkerStartedInBetween() {
        Map<Long, Long> before = Map.of(1L, 1_000L, 2L, 50L);
        Map<Long, Long> after = Map.of(1L, 1_016L, 2L, 82L, 3L, 700L);
        assertEquals(16 + 32 + 700, WorkerBytesProfiler.allocatedBetween(before, after, "a.B.m"));
    }

    @Test
    void aWorkerThatEndedDuringTheIterationFailsInsteadOfBeingLeftOut() {
        IllegalStateException ended = assertThrows(IllegalStateException.class,
                () -> WorkerBytesProfiler.allocatedBetween(Map.of(1L, 10L, 2L, 10L), Map.of(1L, 20L), "a.B.m"));
        assertTrue(ended.getMessage().contains("a.B.m") && ended.getMessage().contains("thread id 2"), ended.getMessage());
    }

    @Test
    void aCounterThatWentBackwardsFails() {
        IllegalStateException backwards = assertThrows(IllegalStateException.class,
                () -> WorkerBytesProfiler.allocatedBetween(Map.of(1L, 10L), Map.of(1L, 5L), "a.B.m"));
        assertTrue(backwards.getMessage().contains("went backwards"), backwards.getMessage());
    }
}
