package dev.allocgate.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkException;
import org.openjdk.jmh.runner.RunnerException;

class ForkMainTest {
    private static final String GENERATED = "dev.allocgate.samples.jmh_generated.StringBenchmarks_stringBuilder_jmhTest";
    private static final CompiledCode STRING_BUILDER = new CompiledCode(List.of(new CompiledCode.Member(
            GENERATED + ".stringBuilder_avgt_jmhStub(", "dev.allocgate.samples.StringBenchmarks.stringBuilder(")));
    private static final String STUB = GENERATED + ".stringBuilder_avgt_jmhStub(Lorg/openjdk/jmh/runner/InfraControl;"
            + "Lorg/openjdk/jmh/results/RawResults;)V [0x1, 0x2 - 0x3]";
    private static final String METHOD = "dev.allocgate.samples.StringBenchmarks.stringBuilder()Ljava/lang/String; [0x1]";

    @Test
    void aBenchmarkCountsAsCompiledOnlyWithAnInUseTier4LoopOrMethod() {
        String others = "444 4 0 java.lang.AbstractStringBuilder.ensureCapacityInternal(I)V [0x1]\n";
        assertTrue(STRING_BUILDER.compiled(others + "477 4 0 " + STUB + "\n"));
        assertTrue(STRING_BUILDER.compiled(others + "478 4 0 " + METHOD + "\n"), "the method (also by OSR) suffices");
        assertFalse(STRING_BUILDER.compiled(others + "470 3 0 " + STUB + "\n470 3 0 " + METHOD), "C1 only");
        assertFalse(STRING_BUILDER.compiled(others + "477 4 2 " + STUB + "\n"), "not entrant");
        assertFalse(STRING_BUILDER.compiled(others + "477 4 0 " + STUB.replace("_avgt_", "_thrpt_")), "another mode's loop");
        assertFalse(STRING_BUILDER.compiled(others + "477 4 0 dev.allocgate.samples.StringBenchmarks.stringBuilderTwo()V"),
                "another method whose name starts alike");
        assertFalse(STRING_BUILDER.compiled(others));
    }

    @Test
    void aColdMemberCountsAsCompiledOnceC2HasCompiledTheCodeItCallsWhateverItsOwnTier() {
        String callee = "444 4 0 dev.allocgate.samples.Trade.price()J [0x1]\n";
        assertTrue(STRING_BUILDER.calleeCompiledByC2(callee), "the member interpreted: it allocates as in C1");
        assertTrue(STRING_BUILDER.calleeCompiledByC2(callee + "470 3 0 " + METHOD + "\n"), "C1");
        assertTrue(STRING_BUILDER.calleeCompiledByC2(callee + "478 4 0 " + METHOD + "\n"), "C2");
        assertFalse(STRING_BUILDER.calleeCompiledByC2("470 3 0 " + METHOD + "\n478 4 0 " + STUB + "\n"),
                "the member and its loop are not callees");
        String onlyJdk = "444 4 0 java.util.TimSort.mergeLo(IIII)V [0x1]\n";
        assertFalse(STRING_BUILDER.calleeCompiledByC2(onlyJdk + "470 3 0 " + METHOD + "\n"),
                "nothing of the benchmark's package in C2: C2 off or lagging, or the work is in the member itself");
        assertFalse(STRING_BUILDER.calleeCompiledByC2("444 3 0 dev.allocgate.samples.Trade.price()J [0x1]\n470 3 0 "
                + METHOD + "\n"), "callee in C1 only");
        assertFalse(STRING_BUILDER.calleeCompiledByC2("444 4 1 dev.allocgate.samples.Trade.price()J [0x1]\n"),
                "callee's C2 code not entrant");
        assertFalse(STRING_BUILDER.calleeCompiledByC2("444 4 0 dev.allocgate.samples.jmh_generated.X.y()V [0x1]\n470 3 0 "
                + METHOD + "\n"), "JMH's generated code is not a callee");
    }

    @Test
    void aMemberIsColdWhenTheWholeWarmupWouldCallItTooRarelyForC2() {
        ForkMain.RunArgs a = ForkMain.RunArgs.parse(List.of("--benchmark", "b", "--mode", "avgt", "--result", "r",
                "--round-ms", "100", "--max-warmup-ms", "5000"));
        assertTrue(ForkMain.coldMember(20, a), "5 ms operations: 1,000 calls in 5 s");
        assertTrue(ForkMain.coldMember(99, a));
        assertFalse(ForkMain.coldMember(100, a), "5,000 calls in 5 s: C2 compiles it");
        assertFalse(ForkMain.coldMember(1_000_000, a));
        assertFalse(ForkMain.coldMember(0, a), "a round without operations says nothing");
    }

    /** One fork serves a method's modes that run alike: SampleTime and AverageTime, not Throughput. */
    @Test
    void aForkWritesItsResultForEveryModeRunAlikeAndRefusesOthers() {
        ForkMain.RunArgs a = ForkMain.RunArgs.parse(List.of("--benchmark", "b", "--mode", "avgt", "--result", "r",
                ForkProtocol.ALSO_RESULT, "sample=s.json"));
        assertEquals(Map.of("sample", "s.json"), a.alsoResults);
        assertEquals("avgt", ForkProtocol.runMode("SampleTime"));
        assertEquals("thrpt", ForkProtocol.runMode("Throughput"));
        IllegalArgumentException thrpt = assertThrows(IllegalArgumentException.class, () -> ForkMain.RunArgs.parse(
                List.of("--benchmark", "b", "--mode", "sample", "--result", "r", ForkProtocol.ALSO_RESULT, "thrpt=t.json")));
        assertTrue(thrpt.getMessage().contains("runs as avgt, this mode as thrpt"), thrpt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ForkMain.RunArgs.parse(List.of("--benchmark", "b", "--mode",
                "avgt", "--result", "r", ForkProtocol.ALSO_RESULT, "t.json")));
    }

    @Test
    void aGroupCountsAsCompiledWhenEveryMethodOfItIs() {
        String generated = "p.jmh_generated.Queue_channel_jmhTest.";
        CompiledCode group = new CompiledCode(List.of(
                new CompiledCode.Member(generated + "get_thrpt_jmhStub(", "p.Queue.get("),
                new CompiledCode.Member(generated + "put_thrpt_jmhStub(", "p.Queue.put(")));
        String getStub = "12 4 0 " + generated + "get_thrpt_jmhStub(Lorg/openjdk/jmh/runner/InfraControl;)V [0x1]\n";
        assertFalse(group.compiled(getStub), "put not compiled yet");
        assertTrue(group.compiled(getStub + "13 4 0 p.Queue.put(Lp/Queue$Channel;)[J [0x1]\n"));
    }

    @Test
    void theMembersComeFromJmhsListIncludingEveryMethodOfAGroup() {
        CompiledCode group = ForkMain.compiledCode("dev.allocgate.profiler.bench.WarmupShapeBenchmarks.channel", "thrpt");
        String generated = "dev.allocgate.profiler.bench.jmh_generated.WarmupShapeBenchmarks_channel_jmhTest.";
        assertEquals(List.of(new CompiledCode.Member(generated + "get_thrpt_jmhStub(",
                        "dev.allocgate.profiler.bench.WarmupShapeBenchmarks.get("),
                new CompiledCode.Member(generated + "put_thrpt_jmhStub(", "dev.allocgate.profiler.bench.WarmupShapeBenchmarks.put(")),
                group.members());
        CompiledCode avgt = ForkMain.compiledCode("dev.allocgate.profiler.bench.WarmupShapeBenchmarks.osrOnly", "avgt");
        assertEquals(List.of(new CompiledCode.Member(
                "dev.allocgate.profiler.bench.jmh_generated.WarmupShapeBenchmarks_osrOnly_jmhTest.osrOnly_avgt_jmhStub(",
                "dev.allocgate.profiler.bench.WarmupShapeBenchmarks.osrOnly(")), avgt.members());
        assertNull(ForkMain.compiledCode("dev.allocgate.profiler.bench.WarmupShapeBenchmarks.singleShot", "ss"),
                "single-shot mode has no loop to wait for");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ForkMain.compiledCode("dev.allocgate.profiler.bench.WarmupShapeBenchmarks.nothing", "avgt"));
        assertTrue(missing.getMessage().contains("WarmupShapeBenchmarks.nothing is not in"), missing.getMessage());
    }

    @Test
    void theDiagnosticCommandsTextIsCutIntoLinesAndWordsAsWhiteSpaceSeparatesThem() {
        assertEquals(List.of("a b", "", "\tc"), CompiledCode.lines("a b\n\n\tc\n"));
        assertEquals(List.of(), CompiledCode.lines(""));
        assertEquals(List.of("477", "4", "0", "p.C.m()V"), CompiledCode.words("  477  4\t0 p.C.m()V [0x1, 0x2]", 4));
        assertEquals(List.of("C2", "CompilerThread0", "1456"), CompiledCode.words("C2 CompilerThread0  1456 ", 9));
        assertEquals(List.of(), CompiledCode.words(" \t ", 4));
        assertEquals(List.of("Empty"), CompiledCode.lines("Empty"));
    }

    @Test
    void linesForAllocgateAreWrittenAsBytesNotThroughTheStreamsCharacterEncoder() {
        // a benchmark that encodes text calls CharsetEncoder.encode too: the fork's lines must not (ForkMain.print)
        AtomicInteger encoded = new AtomicInteger();
        Charset counting = new Charset("x-counting-ascii", new String[0]) {
            @Override
            public boolean contains(Charset cs) {
                return cs == this;
            }

            @Override
            public CharsetDecoder newDecoder() {
                return StandardCharsets.US_ASCII.newDecoder();
            }

            @Override
            public CharsetEncoder newEncoder() {
                return new CharsetEncoder(this, 1, 1) {
                    @Override
                    protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                        encoded.incrementAndGet();
                        while (in.hasRemaining()) {
                            if (!out.hasRemaining()) {
                                return CoderResult.OVERFLOW;
                            }
                            out.put((byte) in.get());
                        }
                        return CoderResult.UNDERFLOW;
                    }
                };
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, counting);
        String line = ForkProtocol.Kind.WARMUP.line("1 bytes/op 16.0 objects/op 1.0");
        ForkMain.print(out, line);
        assertEquals(0, encoded.get(), "the stream's encoder never ran");
        assertEquals(line + System.lineSeparator(), bytes.toString(ForkProtocol.lineCharset()));
        out.println(line);
        assertTrue(encoded.get() > 0, "println encodes: the counting encoder sees it");
    }

    @Test
    void c2sBacklogCountsTheBenchmarksAndItsLibrariesCodeUnderWayOrQueued() {
        String busy = """
                Current compiles:\s
                C2 CompilerThread0  1456       4       com.acme.json.Writer::write (89 bytes)
                C2 CompilerThread1  1457       4       java.util.AbstractCollection::toString (89 bytes)
                C1 CompilerThread0  1460       3       java.util.TreeMap::get (19 bytes)

                C1 compile queue:
                1495       2       java.util.TreeMap::<init> (20 bytes)

                C2 compile queue:
                1206       4       jdk.internal.jimage.BasicImageReader::getString (35 bytes)
                1484   !   4       com.sun.tools.javac.jvm.PoolReader$ImmutablePoolHelper::readIfNeeded (148 bytes)
                669   %     4       p.jmh_generated.Queue_channel_jmhTest::get_thrpt_jmhStub @ 13 (59 bytes)
                812   !   4       p.jmh_generated.Queue_channel_jmhTest::channel_Throughput (898 bytes)
                813       4       org.openjdk.jmh.runner.InfraControl::announceDone (12 bytes)
                814       4       dev.allocgate.profiler.WorkerBytesProfiler::isWorker (61 bytes)
                815       4       dev.allocgate.profiler.bench.Shapes::put (11 bytes)
                816       4       com.acme.json.Writer::escape (40 bytes)

                """;
        assertEquals(3, CompiledCode.c2Backlog(busy), "the benchmark's and its libraries' code; JMH's, its generated"
                + " classes', allocgate's and the JDK's are left out");
        String idle = """
                Current compiles:\s
                C1 CompilerThread0  1460       3       java.util.TreeMap::get (19 bytes)

                C1 compile queue:
                1495       2       java.util.TreeMap::<init> (20 bytes)

                C2 compile queue:
                Empty

                """;
        assertEquals(0, CompiledCode.c2Backlog(idle));
    }

    @Test
    void roundsOfFewOperationsMayDifferByJmhsOwnAllocationPerIteration() {
        // a 2 ms operation that allocates nothing: 528 B of JMH's per round, over 300 to 900 operations
        List<double[]> rounds = List.of(round(528.0 / 300, 300), round(528.0 / 900, 900), round(528.0 / 450, 450));
        assertTrue(ForkMain.settled(rounds, 3));
        assertFalse(ForkMain.settled(List.of(round(16 + 528.0 / 300, 300), round(528.0 / 900, 900),
                round(528.0 / 450, 450)), 3), "an object of 16 B/op more is no such difference");
        assertFalse(ForkMain.settled(List.of(new double[] {528.0 / 300, Double.NaN}, new double[] {528.0 / 900,
                Double.NaN}), 2), "without the slack they disagree");
    }

    private static double[] round(double bytes, long ops) {
        return new double[] {bytes, Double.NaN, ForkMain.ROUND_WORKER_BYTES / ops, ForkMain.ROUND_OBJECTS / ops};
    }

    @Test
    void roundsSettleWhenTheLastOnesAgree() {
        List<double[]> rounds = new ArrayList<>(List.of(new double[] {97.9, 2.8}, new double[] {64.01, 2.0},
                new double[] {64.02, 2.0}));
        assertFalse(ForkMain.settled(rounds, 3));
        rounds.add(new double[] {64.015, 2.0001});
        assertTrue(ForkMain.settled(rounds, 3));
        rounds.add(new double[] {64.0, 2.1});
        assertFalse(ForkMain.settled(rounds, 3), "objects/op moved by more than 0.02");
        assertTrue(ForkMain.settled(List.of(new double[] {0, Double.NaN}, new double[] {0.3, Double.NaN}), 2),
                "a metric that is not counted does not decide");
    }

    @Test
    void theErrorLineAlwaysSaysWhatWentWrong() {
        RuntimeException lineBreakFirst = new RuntimeException("\nexpected 3 lines\nbut got 2") {
            @Override
            public String toString() { // as some libraries' exceptions do: the message alone
                return getMessage();
            }
        };
        String wrapped = ForkMain.firstLine(new RunnerException("Benchmark caught the exception",
                new BenchmarkException(lineBreakFirst)));
        assertEquals(lineBreakFirst.getClass().getName() + ": expected 3 lines", wrapped);
        assertEquals("java.lang.IllegalStateException: expected 3 lines",
                ForkMain.describe(new IllegalStateException("\n  expected 3 lines\nbut got 2")));
        assertEquals("java.lang.IllegalStateException: boom", ForkMain.describe(new IllegalStateException("boom")));
        assertEquals("java.lang.OutOfMemoryError", ForkMain.describe(new OutOfMemoryError()));
        RuntimeException silent = new RuntimeException() {
            @Override
            public String toString() {
                return " \n";
            }
        };
        assertEquals(silent.getClass().getName() + " (no message)", ForkMain.describe(silent));
    }

    @Test
    void iterationsAreLengthenedToHoldEnoughOperations() {
        ForkMain.RunArgs a = ForkMain.RunArgs.parse(List.of("--benchmark", "b.C.m", "--mode", "avgt", "--result", "r.json",
                "--round-ms", "100", "--iteration-ms", "50"));
        // 4,000 operations in a 100 ms round are 2,000 in a 50 ms iteration: lengthened to hold 4,096.
        assertEquals(103, ForkMain.iterationMillis(a, 4000));
        assertEquals(50, ForkMain.iterationMillis(a, 8192), "exactly enough at this rate");
        assertEquals(50, ForkMain.iterationMillis(a, 1_000_000));
        assertEquals(ForkMain.MAX_ITERATION_MILLIS, ForkMain.iterationMillis(a, 10), "capped");
    }

    @Test
    void aSlowCountedBenchmarksIterationsThatHeldFewOperationsAreLengthenedByTheRateTheyRanAt() {
        // Corpus JsonParse records=20, Temurin 25: lengthened to 74 ms by the warmup's rate, counted it held 212
        // operations; 1,024 at that rate need 358 ms.
        assertEquals(358, ForkMain.countedIterationMillis(74, 212));
        assertEquals(174, ForkMain.countedIterationMillis(174, 760), "enough operations: as it was");
        assertEquals(174, ForkMain.countedIterationMillis(174, ForkMain.FEWEST_COUNTED_OPS_PER_ITERATION));
        assertEquals(ForkMain.MAX_ITERATION_MILLIS, ForkMain.countedIterationMillis(500, 100), "capped");
        assertEquals(ForkMain.MAX_ITERATION_MILLIS, ForkMain.countedIterationMillis(ForkMain.MAX_ITERATION_MILLIS, 100));
        assertEquals(ForkMain.MAX_ITERATION_MILLIS, ForkMain.countedIterationMillis(174, 0), "no operation: the longest");
    }

    @Test
    void theWarmupCapCountsTheTimeTheForkRanUpToThreeTimesTheCap() {
        assertFalse(ForkMain.warmupCapped(4999, 6000, 5000), "before the cap");
        assertTrue(ForkMain.warmupCapped(5000, 5000, 5000), "a whole processor for the cap");
        assertTrue(ForkMain.warmupCapped(5000, 9000, 5000), "several threads");
        // JDK 17 Format beside another fork and a build: 3.2 s of processor time in the first 5 s
        assertFalse(ForkMain.warmupCapped(5000, 3200, 5000), "starved: warms up on");
        assertFalse(ForkMain.warmupCapped(14_999, 4999, 5000));
        assertTrue(ForkMain.warmupCapped(15_000, 4999, 5000), "three times the cap, whatever it ran");
        assertTrue(ForkMain.warmupCapped(5000, -1, 5000), "no processor time: the time that passed");
    }

    private static List<double[]> bytesRounds(double... bytes) {
        List<double[]> rounds = new ArrayList<>();
        for (double b : bytes) {
            rounds.add(new double[] {b, Double.NaN});
        }
        return rounds;
    }

    @Test
    void roundsFluctuateWhenTheyDisagreeWithoutATrendOverEnoughCompiledRounds() {
        // Handoff capacity=16's compiled rounds, JDK 17: queue nodes under contention
        List<double[]> handoff = bytesRounds(61.8, 61.9, 80.6, 69.6, 56.1, 56.2, 75.6, 61.4, 56.1, 57.4);
        assertTrue(ForkMain.fluctuating(handoff));
        assertFalse(ForkMain.fluctuating(handoff.subList(0, ForkMain.FLUCTUATING_ROUNDS - 1)), "too few rounds");
        assertFalse(ForkMain.fluctuating(bytesRounds(96, 94, 95, 92, 90, 91, 88, 86)), "falls: still settling");
        assertFalse(ForkMain.fluctuating(bytesRounds(64, 64.2, 63.9, 64.1, 64, 64, 64.1, 64)), "they agree: settled");
        assertFalse(ForkMain.fluctuating(bytesRounds(120, 121, 119, 120, 120, 96, 97, 96)), "a step down");
        assertFalse(ForkMain.fluctuating(bytesRounds(120, 121, 119, 120, 120, 121, 97, 96)), "a step in the last rounds");
        List<double[]> objectsToo = new ArrayList<>();
        double[][] values = {{60, 2.1}, {70, 2.5}, {58, 2.0}, {66, 2.3}, {61, 2.2}, {71, 2.5}, {59, 2.0}, {65, 2.3}};
        for (double[] v : values) {
            objectsToo.add(v);
        }
        assertTrue(ForkMain.fluctuating(objectsToo));
        objectsToo.set(7, new double[] {65, 1.2});
        objectsToo.set(6, new double[] {59, 1.3});
        assertFalse(ForkMain.fluctuating(objectsToo), "objects/op falls at the end");
    }
}
