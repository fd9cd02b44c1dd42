package dev.allocgate.profiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.profiler.bench.WarmupShapeBenchmarks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adaptive warmup of real forks ({@link ForkMain} {@code run} in a child JVM, real JMH) on the benchmark shapes
 * of real suites ({@link dev.allocgate.profiler.bench.WarmupShapeBenchmarks}): each ends settled, not at the cap, and
 * a fork whose C2 never compiles does not settle however well its rounds agree.
 */
class WarmupShapesTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String BENCHMARKS = "dev.allocgate.profiler.bench.WarmupShapeBenchmarks.";
    private static final long CAP_MILLIS = 5000;

    /** A fork's output: its warmup rounds' bytes/op and its {@code done} line. */
    record Fork(List<Double> bytes, String done, String output, Path result) {
        boolean settled() {
            return done.contains(" settled ");
        }

        long warmupMillis() {
            String[] words = done.split(" ");
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals("warmup-ms")) {
                    return Long.parseLong(words[i + 1]);
                }
            }
            throw new AssertionError("no warmup-ms in " + done);
        }
    }

    private static Fork fork(Path java, String method, String mode, long capMillis, String... jvmArgs)
            throws IOException, InterruptedException {
        return fork(java, BENCHMARKS + method, mode, List.of("--max-warmup-ms", Long.toString(capMillis),
                "--settle-rounds", "3", "--iteration-ms", "50"), jvmArgs);
    }

    /**
     * Runs one fork of {@code benchmark} with 100 ms rounds, at least 3 of them, 2 measurement iterations and
     * {@code options} (cap, settle rounds, iteration time); fails unless it ends with a result.
     */
    static Fork fork(Path java, String benchmark, String mode, List<String> options, String... jvmArgs)
            throws IOException, InterruptedException {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Path directory = JmhRun.workDirectory().resolve("warmup-" + method + "-" + java.getParent().getParent()
                .getFileName() + (jvmArgs.length > 0 ? "-" + Math.abs(String.join(" ", jvmArgs).hashCode()) : ""));
        Files.createDirectories(directory);
        Path result = directory.resolve("fork.json");
        Files.deleteIfExists(result);
        Path log = directory.resolve("fork.log");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-Djava.io.tmpdir=" + directory.toAbsolutePath(), "-Djmh.ignoreLock=true",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ForkMain.class.getName(), "run",
                "--benchmark", benchmark, "--mode", mode, "--profiler", WorkerBytesProfiler.class.getName(),
                "--round-ms", "100", "--min-rounds", "3", "--iterations", "2",
                "--result", result.toAbsolutePath().toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "fork did not finish; log: " + log);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        List<Double> bytes = new ArrayList<>();
        String done = null;
        for (String line : output.split("\n")) {
            if (ForkProtocol.Kind.WARMUP.matches(line)) {
                bytes.add(Double.parseDouble(line.split(" ")[4]));
            } else if (ForkProtocol.Kind.DONE.matches(line)) {
                done = line;
            }
        }
        assertTrue(done != null && Files.size(result) > 0, output);
        return new Fork(bytes, done, output, result);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"channel, thrpt", "twoThreads, thrpt", "longText, thrpt", "osrOnly, avgt", "invocationSetup, avgt",
            "singleShot, ss", "twoModes, avgt", "twoModes, sample"})
    void everyShapeSettlesOnceCompiledWellBeforeTheCap(String method, String mode) throws Exception {
        Fork fork = fork(JAVA, method, mode, CAP_MILLIS);
        assertTrue(fork.settled() && fork.warmupMillis() < CAP_MILLIS, fork.output());
    }

    /**
     * A benchmark method so slow that the warmup calls it only a few times a round counts as compiled once C2 has
     * compiled the code it calls: the method itself, interpreted or in C1, allocates the same.
     */
    @Test
    void aColdMemberSettlesOnceTheCodeItCallsIsInC2() throws Exception {
        Fork fork = fork(JAVA, "coldMember", "avgt", CAP_MILLIS);
        assertTrue(fork.settled() && fork.warmupMillis() < 2500, fork.output());
        JsonNode secondary = new ObjectMapper().readTree(fork.result().toFile()).get(0).path("secondaryMetrics");
        JsonNode net = secondary.path(ForkProtocol.WORKER_BYTES_NET_NORM).path("rawData").path(0);
        JsonNode ops = secondary.path(ForkProtocol.OPS_PER_ITERATION).path("rawData").path(0);
        assertEquals(2, net.size(), "a net figure per measured iteration\n" + fork.output());
        for (int i = 0; i < net.size(); i++) {
            assertEquals(WarmupShapeBenchmarks.SLOW_ARRAY_BYTES, net.get(i).asDouble(),
                    ForkProtocol.NET_RESIDUAL_BYTES / ops.get(i).asDouble(), "one long[126] per operation, iteration " + i
                            + "\n" + fork.output());
        }
    }

    /**
     * A SampleTime benchmark's fork measures    /**
     * A SampleTime benchmark's fork measures its allocation in AverageTime mode and reports it under SampleTime: in
     * SampleTime, JMH's histogram statistics on the worker thread add hundreds of bytes per operation of 100 µs.
     */
    @Test
    void aSampleTimeForkMeasuresTheOperationsAllocationWithoutJmhsHistogram() throws Exception {
        Fork fork = fork(JAVA, "dev.allocgate.profiler.bench.WorkerBytesBenchmarks.slowObject", "sample",
                List.of("--max-warmup-ms", "3000", "--iteration-ms", "50"));
        JsonNode entry = new ObjectMapper().readTree(fork.result().toFile()).get(0);
        assertEquals("sample", entry.path("mode").asText(), fork.output());
        double bytes = entry.path("secondaryMetrics").path(WorkerBytesProfiler.NORM_METRIC).path("score").asDouble();
        assertTrue(bytes >= 16 && bytes < 17, "one 16-byte object per operation, read " + bytes + " B/op\n" + fork.output());
    }

    @ParameterizedTest(name = "{0} ({1}) on JDK 25")
    @CsvSource({"channel, thrpt", "longText, thrpt", "osrOnly, avgt"})
    void andOnJdk25(String method, String mode) throws Exception {
        Path jdk25 = Path.of(System.getProperty("allocgate.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path java = jdk25.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + jdk25);
        Fork fork = fork(java, method, mode, CAP_MILLIS);
        assertTrue(fork.settled() && fork.warmupMillis() < CAP_MILLIS, fork.output());
    }

    /**
     * A benchmark whose allocation varies from round to round for good (as with the scheduling of its threads) ends
     * its warmup as fluctuating once C2's code has run for {@value ForkMain#FLUCTUATING_ROUNDS} rounds, not at the
     * cap; one whose allocation falls round after round (a cache that fills slowly) is still settling and runs on.
     */
    @Test
    void roundsThatVaryWithoutATrendEndTheWarmupButRoundsThatFallDoNot() throws Exception {
        String benchmarks = "dev.allocgate.profiler.bench.RoundVariationBenchmarks.";
        List<String> options = List.of("--max-warmup-ms", "4000", "--iteration-ms", "50");
        Fork varies = fork(JAVA, benchmarks + "variesByRound", "avgt", options);
        assertTrue(varies.done().contains(" fluctuating ") && varies.warmupMillis() < 4000, varies.output());
        Fork shrinks = fork(JAVA, benchmarks + "shrinksByRound", "avgt", options);
        assertTrue(shrinks.done().contains(" not-settled ") && shrinks.warmupMillis() >= 4000, shrinks.output());
    }

    /**
     * Without C2 ({@code -XX:TieredStopAtLevel=1}) the rounds agree on C1's allocation, as they do while C2 lags on
     * a loaded machine: the fork must still not count as settled.
     */
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"channel, thrpt", "osrOnly, avgt"})
    void roundsThatAgreeWithoutC2DoNotSettle(String method, String mode) throws Exception {
        Fork fork = fork(JAVA, method, mode, 1500, "-XX:TieredStopAtLevel=1");
        List<double[]> rounds = new ArrayList<>();
        fork.bytes().forEach(b -> rounds.add(new double[] {b, Double.NaN}));
        assertTrue(ForkMain.settled(rounds, 3), "the rounds agreed:\n" + fork.output());
        assertFalse(fork.settled(), fork.output());
        assertFalse(fork.output().contains(" c2 whole-round"), fork.output());
    }

    /**
     * A measurement whose iterations disagree (the benchmark's allocation changed after the warmup had settled, as when
     * the JIT recompiles late) is run again: once it agrees, its figure is written; when it never does, the fork says so.
     */
    @Test
    void aMeasurementWhoseIterationsDisagreeIsRunAgain() throws Exception {
        String benchmarks = "dev.allocgate.profiler.bench.LateChangeBenchmarks.";
        List<String> options = List.of("--max-warmup-ms", "3000", "--iteration-ms", "50");
        Fork once = fork(JAVA, benchmarks + "changesInFirstMeasurement", "avgt", options);
        ForkProtocol.Done done = ForkProtocol.Done.parse(ForkProtocol.Kind.DONE.text(once.done()).orElseThrow())
                .orElseThrow();
        assertEquals(1, done.remeasured(), once.output());
        assertTrue(done.steady(), once.output());
        assertTrue(once.output().contains(ForkProtocol.Kind.REMEASURE.line("1 iterations disagree")), once.output());
        assertEquals(80, workerBytes(once), 1, once.output());

        Fork never = fork(JAVA, benchmarks + "changesInEveryMeasurement", "avgt", options);
        done = ForkProtocol.Done.parse(ForkProtocol.Kind.DONE.text(never.done()).orElseThrow()).orElseThrow();
        assertEquals(ForkProtocol.MAX_REMEASUREMENTS, done.remeasured(), never.output());
        assertFalse(done.steady(), never.output());
        assertEquals((80 + 144) / 2.0, workerBytes(never), 1, "the last measurement is written\n" + never.output());
    }

    /**
     * A slow operation that allocates an exact amount: the fork tells JMH's per-iteration share apart from it (its
     * rounds hold about a hundred operations, its measured iterations thousands) and writes each iteration's bytes/op
     * without the share, which the gross figure still holds.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"this JDK, ''", "JDK 25, allocgate.test.jdk25"})
    void aSlowBenchmarksBytesAreWrittenNetOfJmhsShare(String name, String jdkProperty) throws Exception {
        Path java = JAVA;
        if (!jdkProperty.isEmpty()) {
            Path jdk = Path.of(System.getProperty(jdkProperty, "/usr/lib/jvm/temurin-25-jdk-amd64"));
            java = jdk.resolve("bin").resolve("java");
            assumeTrue(Files.isExecutable(java), "no JDK at " + jdk);
        }
        Fork fork = fork(java, "slowArray", "avgt", CAP_MILLIS);
        JsonNode secondary = new ObjectMapper().readTree(fork.result().toFile()).get(0).path("secondaryMetrics");
        JsonNode net = secondary.path(ForkProtocol.WORKER_BYTES_NET_NORM).path("rawData").path(0);
        JsonNode gross = secondary.path(WorkerBytesProfiler.NORM_METRIC).path("rawData").path(0);
        JsonNode ops = secondary.path(ForkProtocol.OPS_PER_ITERATION).path("rawData").path(0);
        assertEquals(2, net.size(), "a net figure per measured iteration\n" + fork.output());
        for (int i = 0; i < net.size(); i++) {
            double operations = ops.get(i).asDouble();
            assertEquals(WarmupShapeBenchmarks.SLOW_ARRAY_BYTES, net.get(i).asDouble(),
                    ForkProtocol.NET_RESIDUAL_BYTES / operations, "iteration " + i + "\n" + fork.output());
            assertTrue(gross.get(i).asDouble() >= WarmupShapeBenchmarks.SLOW_ARRAY_BYTES + 400 / operations,
                    "JMH's share (456 B or more per iteration) is in the gross figure " + gross.get(i) + "\n" + fork.output());
        }
    }

    private static double workerBytes(Fork fork) throws IOException {
        JsonNode entry = new ObjectMapper().readTree(fork.result().toFile()).get(0);
        return entry.path("secondaryMetrics").path(WorkerBytesProfiler.NORM_METRIC).path("score").asDouble();
    }
}
