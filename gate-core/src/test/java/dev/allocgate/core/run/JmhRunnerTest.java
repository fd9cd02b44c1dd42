package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.BenchmarkRunException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real JMH (1.37) through {@link JmhRunner} on the fixtures {@link AllocatingBenchmark},
 * {@link ParamBenchmark} and {@link ThrowingBenchmark}, with the test JVM's own class path and short settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JmhRunnerTest {
    private static final String PACKAGE = "dev.allocgate.core.run.";
    private static final String ALLOCATING = PACKAGE + "AllocatingBenchmark.newArray";
    private static final String PARAMETERISED = PACKAGE + "ParamBenchmark.build";
    private static final String THROWING = PACKAGE + "ThrowingBenchmark.fail";
    /** Matches the three fixtures and nothing else a test class path might hold. */
    private static final String FIXTURES = "^dev\\.allocgate\\.core\\.run\\.(Allocating|Param|Throwing)Benchmark\\.";
    private static final String ARG_WITH_SPACE = "-Dallocgate.test.arg=two words";

    @TempDir
    Path temp;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    // Shared by the assertions on the full run, which is made once (each JMH fork costs about a second).
    private Path fullRunWork;
    private RunOutcome fullRun;
    private List<String> fullRunProgress;
    private List<String> fullRunOutput;

    @BeforeAll
    void runAllFixturesOnce(@TempDir Path work) throws Exception {
        fullRunWork = work;
        fullRun = runner().run(settings(List.of(FIXTURES), List.of(ARG_WITH_SPACE, "-Xmx256m"), Optional.empty(), work),
                work.resolve("results/result.json"));
        fullRunProgress = List.copyOf(progress);
        fullRunOutput = List.copyOf(output);
    }

    @BeforeEach
    void clearSinks() {
        progress.clear();
        output.clear();
    }

    @Test
    void listsNamesAndParams() throws Exception {
        List<ListedBenchmark> listed = runner().list(settings(List.of(FIXTURES), List.of(), Optional.empty(), temp));

        assertEquals(List.of(
                new ListedBenchmark(ALLOCATING, new TreeMap<>()),
                new ListedBenchmark(PARAMETERISED, new TreeMap<>(Map.of("length", List.of("1", "8")))),
                new ListedBenchmark(THROWING, new TreeMap<>())), listed);
        assertEquals(2, listed.get(1).runCount());
        assertTrue(output.contains("Benchmarks: ") || output.contains("Benchmarks:"), "listing goes to the output sink");
    }

    @Test
    void excludesNarrowTheListing() throws Exception {
        List<ListedBenchmark> listed = runner().list(settings(testClassPath(), List.of(FIXTURES),
                List.of("Throwing", "Param"), List.of(), Optional.empty(), temp));

        assertEquals(List.of(ALLOCATING), listed.stream().map(ListedBenchmark::benchmark).toList());
    }

    @Test
    void resultFileHoldsEveryBenchmarkThatDidNotFail() throws IOException {
        assertTrue(Files.size(fullRun.resultFile()) > 0);
        JsonNode results = new ObjectMapper().readTree(fullRun.resultFile().toFile());
        List<String> runs = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode params = result.path("params");
            runs.add(result.get("benchmark").asText() + (params.isMissingNode() ? "" : " length=" + params.get("length").asText()));
            assertTrue(result.path("secondaryMetrics").has("gc.alloc.rate.norm")
                    || result.path("secondaryMetrics").has("gc.alloc.rate"), "-prof gc ran for " + result);
        }
        assertEquals(List.of(ALLOCATING, PARAMETERISED + " length=1", PARAMETERISED + " length=8"), runs);
        assertEquals(fullRunWork.resolve("results/result.json").toAbsolutePath(), fullRun.resultFile());
        assertEquals(3, fullRun.listed().size());
    }

    @Test
    void progressCountsEveryRunAgainstTheListing() {
        // 1 + 2 (two @Param values) + 1 runs, each in its one declared mode.
        assertEquals(List.of(
                "[1/4] " + ALLOCATING,
                "[2/4] " + PARAMETERISED + " (length = 1)",
                "[3/4] " + PARAMETERISED + " (length = 8)",
                "[4/4] " + THROWING), fullRunProgress);
    }

    @Test
    void throwingBenchmarkIsReportedWithItsException() {
        assertEquals(List.of(new BenchmarkFailure(THROWING, "",
                "java.lang.IllegalStateException: " + ThrowingBenchmark.MESSAGE)), fullRun.failures());
    }

    @Test
    void extraJvmArgsReachTheForksAsSeparateArguments() throws IOException {
        JsonNode first = new ObjectMapper().readTree(fullRun.resultFile().toFile()).get(0);
        List<String> forkArgs = new ArrayList<>();
        first.get("jvmArgs").forEach(arg -> forkArgs.add(arg.asText()));

        String tmpdir = "-Djava.io.tmpdir=" + fullRunWork.resolve("tmp").toAbsolutePath();
        assertEquals(List.of(tmpdir, ARG_WITH_SPACE, "-Xmx256m"), forkArgs,
                "forks inherit only the host's tmpdir option, then get the extra arguments appended");
    }

    @Test
    void jmhLockFileLivesInTheWorkDirectory() {
        assertTrue(Files.isRegularFile(fullRunWork.resolve("tmp/jmh.lock")), "lock file in <work>/tmp");
        assertTrue(fullRunOutput.stream().anyMatch(line -> line.startsWith("# VM options: -Djava.io.tmpdir="
                + fullRunWork.resolve("tmp").toAbsolutePath())), "host JVM runs with the private tmpdir");
    }

    @Test
    void runIsBlockedByALockHeldInTheWorkDirectoryOnly() throws Exception {
        Path lockFile = temp.resolve("tmp/jmh.lock");
        Files.createDirectories(lockFile.getParent());
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().lock()) {
            BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> runner().run(
                    settings(List.of(ALLOCATING), List.of(), Optional.empty(), temp), temp.resolve("r.json")));
            assertTrue(e.getMessage().contains("Another JMH instance might be running"), e.getMessage());
            assertTrue(e.getMessage().contains(lockFile.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void singleBenchmarkWithModeOverrideAndOneSpacedJvmArg() throws Exception {
        RunSettings settings = settings(List.of(ALLOCATING + "$"), List.of("-Dallocgate.single=a b"),
                Optional.of("avgt,ss"), temp);
        RunOutcome outcome = runner().run(settings, temp.resolve("single.json"));

        assertEquals(List.of("[1/2] " + ALLOCATING, "[2/2] " + ALLOCATING), progress);
        assertEquals(List.of(), outcome.failures());
        Set<String> modes = new TreeSet<>();
        for (JsonNode result : new ObjectMapper().readTree(outcome.resultFile().toFile())) {
            modes.add(result.get("mode").asText());
            List<String> args = new ArrayList<>();
            result.get("jvmArgs").forEach(arg -> args.add(arg.asText()));
            assertEquals("-Dallocgate.single=a b", args.get(args.size() - 1));
        }
        assertEquals(Set.of("avgt", "ss"), modes);
        System.out.println("Single-benchmark run, 2 modes x 1 fork (1 warmup + 2 x 50 ms): " + outcome.elapsed().toMillis() + " ms");
    }

    @Test
    void filterMatchingNothingFailsTheRun() {
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> runner().run(
                settings(List.of("NoSuchBenchmarkAnywhere"), List.of(), Optional.empty(), temp), temp.resolve("r.json")));
        assertFalse(e instanceof NoBenchmarksException);
        assertTrue(e.getMessage().contains("matched no benchmark") && e.getMessage().contains("NoSuchBenchmarkAnywhere"),
                e.getMessage());
        assertFalse(Files.exists(temp.resolve("r.json")));
    }

    /** What a benchmark class path needs besides the benchmarks: JMH, and allocgate-profiler for the host's main. */
    private static boolean jmhOrProfiler(Path entry) {
        String name = entry.getFileName().toString();
        return name.startsWith("jmh-core") || name.startsWith("jopt-simple") || name.startsWith("allocgate-profiler")
                || entry.toString().replace('\\', '/').contains("allocgate-profiler/target/classes");
    }

    @Test
    void classPathWithoutTheProfilerSaysWhatIsMissing() {
        List<Path> jmhOnly = testClassPath().stream().filter(p -> p.getFileName().toString().startsWith("jmh-core")
                || p.getFileName().toString().startsWith("jopt-simple")).toList();
        BenchmarkRunException e = assertThrows(BenchmarkRunException.class,
                () -> runner().list(settings(jmhOnly, List.of(), List.of(), List.of(), Optional.empty(), temp)));
        assertTrue(e.getMessage().contains("allocgate-profiler is not on the benchmark class path"), e.getMessage());
    }

    @Test
    void classPathWithoutBenchmarkListIsTheNoBenchmarksKind() {
        List<Path> jmhOnly = testClassPath().stream().filter(JmhRunnerTest::jmhOrProfiler).toList();
        assertEquals(3, jmhOnly.size(), "jmh-core, jopt-simple and allocgate-profiler on the test class path: "
                + testClassPath());

        NoBenchmarksException e = assertThrows(NoBenchmarksException.class,
                () -> runner().list(settings(jmhOnly, List.of(), List.of(), List.of(), Optional.empty(), temp)));
        assertTrue(e.getMessage().contains("META-INF/BenchmarkList"), e.getMessage());
    }

    @Test
    void emptyBenchmarkListIsTheNoBenchmarksKind() throws IOException {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/BenchmarkList"), "");
        List<Path> classpath = new ArrayList<>(List.of(classes));
        testClassPath().stream().filter(JmhRunnerTest::jmhOrProfiler).forEach(classpath::add);

        assertThrows(NoBenchmarksException.class, () -> runner().run(settings(classpath, List.of(), List.of(), List.of(), Optional.empty(), temp),
                temp.resolve("r.json")));
    }

    @Test
    void missingJavaExecutableFailsClearly() {
        Path java = temp.resolve("no-such-jdk/bin/java");
        RunSettings settings = new RunSettings(java, testClassPath(), List.of(FIXTURES), List.of(), 1, 1,
                Duration.ofMillis(50), 2, Duration.ofMillis(50), List.of(), Optional.empty(), temp, Duration.ofSeconds(30));

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> runner().run(settings, temp.resolve("r.json")));
        assertFalse(e instanceof NoBenchmarksException);
        assertTrue(e.getMessage().contains(java.toString()), e.getMessage());
    }

    @Test
    void timeoutKillsTheHostAndItsForks() {
        // After one 50 ms warmup iteration comes one 20 s iteration, which cannot finish within the timeout.
        RunSettings settings = new RunSettings(javaExecutable(), testClassPath(), List.of(ALLOCATING), List.of(), 1, 1,
                Duration.ofMillis(50), 1, Duration.ofSeconds(20), List.of(), Optional.empty(), temp, Duration.ofSeconds(5));
        // The forks inherit the unique tmpdir option, so it identifies every JVM of this run.
        String marker = "-Djava.io.tmpdir=" + temp.resolve("tmp").toAbsolutePath();
        List<Long> jvmsDuringWarmup = new ArrayList<>();
        JmhRunner runner = new JmhRunner(line -> {
            if (line.startsWith("# Warmup Iteration")) {
                jvmsDuringWarmup.add(jvmsWith(marker));
            }
        }, progress::add);

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> runner.run(settings, temp.resolve("r.json")));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        assertEquals(List.of(2L), jvmsDuringWarmup, "the JMH host and its fork were running");
        assertEquals(0L, jvmsWith(marker), "no JVM of the run survives the timeout");
    }

    @Test
    void interruptionKillsTheRunAndKeepsTheInterruptFlag() {
        RunSettings settings = new RunSettings(javaExecutable(), testClassPath(), List.of(ALLOCATING), List.of(), 1, 1,
                Duration.ofMillis(50), 1, Duration.ofSeconds(20), List.of(), Optional.empty(), temp, Duration.ofSeconds(60));
        String marker = "-Djava.io.tmpdir=" + temp.resolve("tmp").toAbsolutePath();
        Thread caller = Thread.currentThread();
        JmhRunner runner = new JmhRunner(line -> {
            if (line.startsWith("# Warmup Iteration")) {
                caller.interrupt();
            }
        }, progress::add);

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> runner.run(settings, temp.resolve("r.json")));
        assertTrue(Thread.interrupted(), "interrupt flag restored (and cleared here)");
        assertTrue(e.getMessage().contains("Interrupted"), e.getMessage());
        assertEquals(0L, jvmsWith(marker), "no JVM of the run survives the interruption");
    }

    private static long jvmsWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .count();
    }

    private JmhRunner runner() {
        return new JmhRunner(output::add, progress::add);
    }

    /** Short settings: one fork, one 50 ms warmup iteration, two 50 ms measured iterations. */
    private static RunSettings settings(List<Path> classpath, List<String> includes, List<String> excludes,
            List<String> jvmArgs, Optional<String> mode, Path work) {
        return new RunSettings(javaExecutable(), classpath, includes, excludes, 1, 1, Duration.ofMillis(50), 2,
                Duration.ofMillis(50), jvmArgs, mode, work, Duration.ofSeconds(60));
    }

    private static RunSettings settings(List<String> includes, List<String> jvmArgs, Optional<String> mode, Path work) {
        return settings(testClassPath(), includes, List.of(), jvmArgs, mode, work);
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The test JVM's class path. Surefire starts tests from a manifest-only jar and puts the real class path in
     * {@code surefire.test.class.path}; elsewhere (an IDE) {@code java.class.path} is the real one.
     */
    private static List<Path> testClassPath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of)
                .collect(Collectors.toList());
    }
}
