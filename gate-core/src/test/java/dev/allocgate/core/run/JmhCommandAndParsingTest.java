package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Command building, listing parsing, output monitoring and settings validation without starting JMH. The
 * output lines follow the formats in JMH 1.37's {@code Runner.listWithParams}, {@code TextReportFormat.startBenchmark},
 * {@code BaseRunner} ({@code <failure>}) and {@code Runner.doFork} ({@code <forked VM failed ...>}).
 */
class JmhCommandAndParsingTest {
    private static final Path WORK = Path.of("target", "allocgate-test-work");

    @Test
    void runCommandPassesSettingsFiltersAndOnlyTheTmpdirToTheHost() {
        RunSettings settings = settings(List.of("Foo", "Bar\\.baz"), List.of("Slow"), List.of("-Xmx1g", "-Da=b c"),
                Optional.of("avgt"));
        List<String> command = JmhCommand.run(settings, Path.of("out/r.json"));

        String tmpdir = "-Djava.io.tmpdir=" + WORK.resolve("tmp").toAbsolutePath();
        assertEquals(List.of("/jdk/bin/java", tmpdir, "-cp", "a.jar" + java.io.File.pathSeparator + "classes",
                JmhCommand.WATCHED_JMH_MAIN, "-f", "3", "-wi", "2", "-w", "150ms", "-i", "5", "-r", "1500us", "-bm", "avgt",
                "-jvmArgsAppend", "-Xmx1g", "-jvmArgsAppend", "-Da=b c",
                "-prof", "gc", "-rf", "json", "-rff", Path.of("out/r.json").toAbsolutePath().toString(), "-foe", "false",
                "-e", "Slow", "Foo", "Bar\\.baz"), command);
    }

    @Test
    void listCommandUsesTheSameFilters() {
        List<String> command = JmhCommand.list(settings(List.of("Foo"), List.of("A", "B"), List.of("-Xmx1g"),
                Optional.empty()));
        assertEquals(List.of("-lp", "-e", "A", "-e", "B", "Foo"),
                command.subList(command.indexOf(JmhCommand.WATCHED_JMH_MAIN) + 1, command.size()));
    }

    @Test
    void loneJvmArgIsQuotedOnlyWhenItHasASpace() {
        // A single -jvmArgsAppend value is split on spaces by JMH 1.37, with double quotes grouping.
        assertEquals(List.of("-jvmArgsAppend", "\"-Dx=a b\""), JmhCommand.jvmArgsAppend(List.of("-Dx=a b")));
        assertEquals(List.of("-jvmArgsAppend", "-Xss2m"), JmhCommand.jvmArgsAppend(List.of("-Xss2m")));
        assertEquals(List.of(), JmhCommand.jvmArgsAppend(List.of()));
    }

    @Test
    void timeValuesUseTheCoarsestExactUnit() {
        assertEquals("2000ms", JmhCommand.timeValue(Duration.ofSeconds(2)));
        assertEquals("50ms", JmhCommand.timeValue(Duration.ofMillis(50)));
        assertEquals("1500us", JmhCommand.timeValue(Duration.ofNanos(1_500_000)));
        assertEquals("7ns", JmhCommand.timeValue(Duration.ofNanos(7)));
    }

    @Test
    void modeCountsExpandAllAndCollapseSynonyms() {
        assertEquals(Optional.empty(), JmhCommand.modeCount(Optional.empty()));
        assertEquals(Optional.of(1), JmhCommand.modeCount(Optional.of("avgt")));
        assertEquals(Optional.of(2), JmhCommand.modeCount(Optional.of("thrpt,avgt")));
        assertEquals(Optional.of(1), JmhCommand.modeCount(Optional.of("avgt,AverageTime")));
        assertEquals(Optional.of(4), JmhCommand.modeCount(Optional.of("all")));
    }

    @Test
    void listingKeepsOneEntryPerDeclaredModeWithParams() {
        List<String> lines = List.of("# some warning before the listing", "Benchmarks: ",
                "p.A.x",
                "  param \"size\" = {1, 10, 100}",
                "  param \"kind\" = {}",
                "p.B.y",
                "p.A.x",
                "  param \"size\" = {1, 10, 100}",
                "  param \"kind\" = {}");
        List<ListedBenchmark> entries = JmhListingParser.parse(lines).orElseThrow();

        TreeMap<String, List<String>> params = new TreeMap<>(Map.of("size", List.of("1", "10", "100"), "kind", List.of("")));
        assertEquals(List.of(new ListedBenchmark("p.A.x", params), new ListedBenchmark("p.B.y", new TreeMap<>()),
                new ListedBenchmark("p.A.x", params)), entries);
        assertEquals(3, entries.get(0).runCount());
        assertEquals(1, entries.get(1).runCount());
        assertEquals(Optional.empty(), JmhListingParser.parse(List.of("Exception in thread \"main\" ...")));
        assertEquals(Optional.of(List.of()), JmhListingParser.parse(List.of("Benchmarks: ")));
    }

    @Test
    void monitorCountsRunsAndAttributesFailures() {
        List<String> progress = new ArrayList<>();
        RunOutputMonitor monitor = new RunOutputMonitor(progress::add, Optional.of(3));
        List.of(
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.A.x",
                "# Parameters: (size = 1, kind = a)",
                "",
                "# Fork: 1 of 1",
                "# Warmup Iteration   1: <failure>",
                "",
                "java.lang.IllegalStateException: boom",
                "\tat p.A.x(A.java:1)",
                "",
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.A.x",
                "# Parameters: (size = 2, kind = a)",
                "",
                "# Fork: 1 of 1",
                "<forked VM failed with exit code 3>",
                "<stdout last='20 lines'>",
                "</stdout>",
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.B.y",
                "",
                "Iteration   1: 1.0 ns/op").forEach(monitor);
        monitor.finish();

        assertEquals(List.of("[1/3] p.A.x (size = 1, kind = a)", "[2/3] p.A.x (size = 2, kind = a)", "[3/3] p.B.y"),
                progress);
        assertEquals(List.of(
                new BenchmarkFailure("p.A.x", "size = 1, kind = a", "java.lang.IllegalStateException: boom"),
                new BenchmarkFailure("p.A.x", "size = 2, kind = a", "forked VM failed with exit code 3")),
                monitor.failures());
    }

    @Test
    void monitorHandsOnTheLastLinesOfEachFailedRunWhenItIsOver() {
        List<FailedForkOutput> failed = new ArrayList<>();
        RunOutputMonitor monitor = new RunOutputMonitor(line -> { }, failed::add, Optional.of(3));
        List.of(
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.A.x",
                "# Parameters: (size = 1)",
                "",
                "# Fork: 1 of 1",
                "# Warmup Iteration   1: <failure>",
                "",
                "java.lang.IllegalStateException: boom",
                "\tat p.A.x(A.java:1)",
                "",
                "",
                "# Run complete. Total time: 00:00:01",
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.A.ok",
                "",
                "Iteration   1: 1.0 ns/op",
                "# Benchmark mode: Average time, time/op",
                "# Benchmark: p.B.y",
                "",
                "# Fork: 1 of 1",
                "<failure: VM prematurely exited before JMH had finished with it, explicit System.exit was called?>",
                "<forked VM failed with exit code 3>",
                "<stdout last='20 lines'>",
                "bye",
                "</stdout>").forEach(monitor);
        assertEquals(1, failed.size(), "the first failed run is handed on once the next one starts: " + failed);
        monitor.finish();

        assertEquals(List.of(
                new FailedForkOutput("p.A.x (size = 1)", List.of("# Fork: 1 of 1",
                        "# Warmup Iteration   1: <failure>", "", "java.lang.IllegalStateException: boom",
                        "\tat p.A.x(A.java:1)")),
                new FailedForkOutput("p.B.y", List.of("# Fork: 1 of 1",
                        "<failure: VM prematurely exited before JMH had finished with it, explicit System.exit was called?>",
                        "<forked VM failed with exit code 3>", "<stdout last='20 lines'>", "bye", "</stdout>"))),
                failed, "the passing run in between is not handed on, nor the next run's header lines");
    }

    @Test
    void failedForkOutputKeepsTheLastLinesWithShortStackTracesAndNoProtocolLines() {
        List<String> output = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            output.add("allocgate-fork warmup " + i + " bytes/op 16.0");
            output.add("line " + i);
        }
        output.add("allocgate-fork error java.lang.IllegalStateException: boom");
        output.add("java.lang.IllegalStateException: boom");
        for (int i = 1; i <= 9; i++) {
            output.add("\tat p.A.frame" + i + "(A.java:" + i + ")");
        }
        output.add("Caused by: java.lang.RuntimeException: cause");
        output.add("\tat p.A.cause(A.java:1)");
        output.add("\t... 7 more");
        output.add("");

        FailedForkOutput excerpt = FailedForkOutput.of("p.A.x [avgt] fork 3", output);

        assertEquals(List.of("line 23", "line 24", "line 25", "line 26", "line 27", "line 28", "line 29", "line 30",
                "allocgate-fork error java.lang.IllegalStateException: boom", "java.lang.IllegalStateException: boom",
                "\tat p.A.frame1(A.java:1)", "\tat p.A.frame2(A.java:2)", "\tat p.A.frame3(A.java:3)",
                "\tat p.A.frame4(A.java:4)", "\t... 5 more frames", "Caused by: java.lang.RuntimeException: cause",
                "\tat p.A.cause(A.java:1)", "\t... 7 more"), excerpt.lines().subList(2, 20));
        assertEquals(FailedForkOutput.MAX_LINES, excerpt.lines().size());
        assertEquals("p.A.x [avgt] fork 3", excerpt.fork());
        assertEquals(List.of(), FailedForkOutput.of("p.A.x [avgt] fork 1", List.of("allocgate-fork listed", "")).lines());
    }

    @Test
    void monitorPrintsOneProgressLinePerForkWhenJmhRunsSeveral() {
        List<String> progress = new ArrayList<>();
        RunOutputMonitor monitor = new RunOutputMonitor(progress::add, Optional.of(2));
        List.of(
                "# Benchmark: p.A.x",
                "# Parameters: (size = 1)",
                "",
                "# Run progress: 0.00% complete, ETA 00:00:02",
                "# Fork: 1 of 3",
                "Iteration   1: 1.0 ns/op",
                "# Run progress: 16.67% complete, ETA 00:00:02",
                "# Fork: 2 of 3",
                "# Run progress: 33.33% complete, ETA 00:00:02",
                "# Fork: 3 of 3",
                "# Benchmark: p.B.y",
                "",
                "# Fork: N/A, test runs in the host VM",
                "Iteration   1: 1.0 ns/op").forEach(monitor);
        monitor.finish();

        assertEquals(List.of("[1/2] p.A.x (size = 1), fork 1 of 3", "[1/2] p.A.x (size = 1), fork 2 of 3",
                "[1/2] p.A.x (size = 1), fork 3 of 3", "[2/2] p.B.y"), progress);
    }

    @Test
    void monitorFallsBackToAPlainCounterPastTheEstimate() {
        List<String> progress = new ArrayList<>();
        RunOutputMonitor monitor = new RunOutputMonitor(progress::add, Optional.of(1));
        List.of("# Benchmark: p.A.x", "", "# Benchmark: p.A.x").forEach(monitor);
        monitor.finish(); // the output ended right after a header

        assertEquals(List.of("[1/1] p.A.x", "[2] p.A.x"), progress);
        assertEquals(2, monitor.runsStarted());
    }

    @Test
    void settingsRejectWhatJmhWouldMisread() {
        assertInvalid("forks", () -> new RunSettings(Path.of("java"), List.of(Path.of("c")), List.of(), List.of(), 0, 1,
                Duration.ofMillis(1), 1, Duration.ofMillis(1), List.of(), Optional.empty(), WORK, Duration.ofSeconds(1)));
        assertInvalid("','", () -> settings(List.of(), List.of("a{1,2}"), List.of(), Optional.empty()));
        assertInvalid("not a valid regex", () -> settings(List.of("("), List.of(), List.of(), Optional.empty()));
        assertInvalid("option", () -> settings(List.of("-l"), List.of(), List.of(), Optional.empty()));
        assertInvalid("double quote", () -> settings(List.of(), List.of(), List.of("-Dx=\"y\""), Optional.empty()));
        assertInvalid("blank", () -> settings(List.of(), List.of(), List.of(" "), Optional.empty()));
        assertInvalid("timeout", () -> new RunSettings(Path.of("java"), List.of(Path.of("c")), List.of(), List.of(), 1, 1,
                Duration.ofMillis(1), 1, Duration.ofMillis(1), List.of(), Optional.empty(), WORK, Duration.ZERO));
        // Several arguments go verbatim, so quotes are fine there.
        settings(List.of(), List.of(), List.of("-Dx=\"y\"", "-Xmx1g"), Optional.empty());
    }

    private static void assertInvalid(String expectedFragment, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }

    private static RunSettings settings(List<String> includes, List<String> excludes, List<String> jvmArgs,
            Optional<String> mode) {
        return new RunSettings(Path.of("/jdk/bin/java"), List.of(Path.of("a.jar"), Path.of("classes")), includes,
                excludes, 3, 2, Duration.ofMillis(150), 5, Duration.ofNanos(1_500_000), jvmArgs, mode, WORK,
                Duration.ofMinutes(5));
    }
}
