package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
