package dev.allocgate.core.parallel;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersTest {

    @Test
    void aStageFailsWithTheTasksOwnExceptionNamingItsFile() throws InvalidResultsException {
        Path file = Path.of("baselines", "com.example.Foo-1234abcd.json");
        InvalidBaselineException thrown = new InvalidBaselineException(file, "/benchmarks/0", "unknown field \"x\"");
        try (Workers workers = Workers.of(2)) {
            Workers.Stage<String, InvalidResultsException> fine = workers.start("read results", () -> "results");
            Workers.Stage<String, InvalidBaselineException> corrupt = workers.start("load baselines", () -> {
                throw thrown;
            });

            assertEquals("results", fine.join());
            InvalidBaselineException e = assertThrows(InvalidBaselineException.class, corrupt::join);
            assertSame(thrown, e, "the same exception, not a wrapper");
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + " at /benchmarks/0: "), e.getMessage());
        }
    }

    @Test
    void uncheckedExceptionsAndErrorsComeThroughAsTheyAre() {
        try (Workers workers = Workers.of(2)) {
            IllegalStateException bug = new IllegalStateException("a bug in a stage");
            Workers.Stage<Object, RuntimeException> failing = workers.start("buggy", () -> {
                throw bug;
            });
            assertSame(bug, assertThrows(IllegalStateException.class, failing::join));
            AssertionError error = new AssertionError("an error in a stage");
            Workers.Stage<Object, RuntimeException> erring = workers.start("erring", () -> {
                throw error;
            });
            assertSame(error, assertThrows(AssertionError.class, erring::join));
        }
    }

    @Test
    void joinAllThrowsTheFirstFailureInListOrderWhicheverFailsFirstInTime() throws Exception {
        CountDownLatch laterFailed = new CountDownLatch(1);
        try (Workers workers = Workers.of(2)) {
            Workers.Stage<Void, Exception> first = workers.start("report.json", () -> {
                assertTrue(laterFailed.await(10, TimeUnit.SECONDS));
                throw new IOException("cannot write report.json");
            });
            Workers.Stage<Void, Exception> second = workers.start("report.html", () -> {
                laterFailed.countDown();
                throw new IOException("cannot write report.html");
            });
            IOException e = assertThrows(IOException.class, () -> Workers.joinAll(List.of(first, second)));
            assertEquals("cannot write report.json", e.getMessage());
        }
    }

    @Test
    void joinAllReturnsTheValuesInListOrder() throws Exception {
        try (Workers workers = Workers.of(3)) {
            List<Workers.Stage<Integer, InterruptedException>> stages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int value = i;
                stages.add(workers.start("stage " + i, () -> {
                    Thread.sleep((20 - value) % 3);
                    return value * value;
                }));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(i * i);
            }
            assertEquals(expected, Workers.joinAll(stages));
        }
    }

    @Test
    void stagesRunAtTheSameTimeOnAPoolOfTwo() throws Exception {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        try (Workers workers = Workers.of(2)) {
            Workers.Stage<Integer, Exception> a = workers.start("a", () -> bothRunning.await(10, TimeUnit.SECONDS));
            Workers.Stage<Integer, Exception> b = workers.start("b", () -> bothRunning.await(10, TimeUnit.SECONDS));
            // Each waits for the other: only possible when both run at once.
            assertEquals(1, a.join() + b.join());
        }
    }

    @Test
    void sequentialWorkersRunEverythingOnTheCallerInOrder() throws Exception {
        Thread caller = Thread.currentThread();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (Workers workers = Workers.sequential()) {
            assertEquals(1, workers.parallelism());
            Workers.Stage<Thread, RuntimeException> first = workers.start("first", () -> {
                order.add("first");
                return Thread.currentThread();
            });
            Workers.Stage<Thread, IOException> failing = workers.start("second", () -> {
                order.add("second");
                throw new IOException("second failed");
            });
            assertEquals(List.of("first", "second"), order, "run when started");
            assertSame(caller, first.join());
            assertEquals("second failed", assertThrows(IOException.class, failing::join).getMessage());
        }
    }

    @Test
    void forRangesCoversEveryIndexOnceAndWritesDeterministically() {
        int size = 10_000;
        for (int threads : new int[] {1, 2, 3, 8}) {
            int[] visits = new int[size];
            long[] squares = new long[size];
            List<Thread> used = Collections.synchronizedList(new ArrayList<>());
            try (Workers workers = Workers.of(threads)) {
                workers.forRanges("square", size, 100, (from, to) -> {
                    used.add(Thread.currentThread());
                    for (int i = from; i < to; i++) {
                        visits[i]++;
                        squares[i] = (long) i * i;
                    }
                });
            }
            int[] once = new int[size];
            java.util.Arrays.fill(once, 1);
            assertArrayEquals(once, visits, threads + " threads");
            for (int i = 0; i < size; i++) {
                assertEquals((long) i * i, squares[i]);
            }
            assertEquals(threads, used.size(), "one range per thread");
        }
    }

    @Test
    void forRangesKeepsSmallWorkOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ran = new AtomicReference<>();
        try (Workers workers = Workers.of(4)) {
            workers.forRanges("small", 100, 512, (from, to) -> {
                assertEquals(0, from);
                assertEquals(100, to);
                ran.set(Thread.currentThread());
            });
        }
        assertSame(caller, ran.get());
    }

    @Test
    void forRangesRunsTheFirstRangeOnTheCaller() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        try (Workers workers = Workers.of(2)) {
            workers.forRanges("halves", 1000, 1, (from, to) -> (from == 0 ? first : second).set(Thread.currentThread()));
        }
        assertSame(caller, first.get());
        assertNotSame(caller, second.get());
    }

    @Test
    void runHereRunsOnTheCallerAndKeepsItsFailureForTheJoin() {
        try (Workers workers = Workers.of(2)) {
            assertSame(Thread.currentThread(), workers.runHere("here", Thread::currentThread).join());
            Workers.Stage<Void, IOException> failed = workers.runHere("fails", () -> {
                throw new IOException("kept");
            });
            assertEquals("kept", assertThrows(IOException.class, failed::join).getMessage());
        }
    }

    @Test
    void forRangesThrowsTheLowestFailingRangesException() {
        try (Workers workers = Workers.of(4)) {
            IOException e = assertThrows(IOException.class, () -> workers.forRanges("fail", 4000, 1, (from, to) -> {
                if (from > 0) {
                    throw new IOException("range starting at " + from);
                }
            }));
            assertEquals("range starting at 1000", e.getMessage());
        }
    }

    @Test
    void closeEndsTheThreadsAndInterruptsWorkNoOneWaitsFor() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        Workers workers = Workers.of(2);
        workers.start("abandoned", () -> {
            worker.set(Thread.currentThread());
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertNotSame(Thread.currentThread(), worker.get());
        assertTrue(worker.get().isDaemon(), "never keeps the JVM alive");
        workers.close();
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        worker.get().join(10_000);
        assertFalse(worker.get().isAlive());
    }

    @Test
    void aPoolNeedsAThread() {
        assertThrows(IllegalArgumentException.class, () -> Workers.of(0));
        try (Workers workers = Workers.forProcessors()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), workers.parallelism());
        }
    }
}
