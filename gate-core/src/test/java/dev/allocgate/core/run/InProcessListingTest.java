package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.allocgate.core.BenchmarkRunException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.allocgate.profiler.ForkProtocol;

/** The adaptive engine's listing in allocgate's own JVM, against the listing JVM it replaces. */
class InProcessListingTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private static List<Path> testClassPath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static RunSettings settings(Path java, List<Path> classpath, List<String> includes, List<String> excludes,
            Path work) {
        return new RunSettings(java, classpath, includes, excludes, 1, 0, Duration.ofMillis(100), 3,
                Duration.ofMillis(50), List.of(), Optional.empty(), work, Duration.ofMinutes(1));
    }

    @Test
    void onlyThisJvmsOwnJavaListsInProcess(@TempDir Path temp) throws Exception {
        assertTrue(InProcessListing.applies(JAVA));
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "a shell script stands for another Java");
        Path wrapper = Files.writeString(temp.resolve("java"), "#!/bin/sh\nexec '" + JAVA + "' \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        assertFalse(InProcessListing.applies(wrapper));
        assertFalse(InProcessListing.applies(temp.resolve("absent")));
    }

    @Test
    void listsWhatTheListingJvmLists(@TempDir Path temp) throws Exception {
        RunSettings settings = settings(JAVA, testClassPath(), List.of("dev\\.allocgate\\.core\\.run\\."),
                List.of("Throwing"), temp);
        Files.createDirectories(settings.tmpDirectory()); // as the runner does: JDK 25 warns of a missing one
        List<String> inJvm = new ArrayList<>();
        ChildProcess.Completion jvm = ChildProcess.run("the listing", ForkCommand.list(settings),
                Instant.now().plusSeconds(60), inJvm::add);
        List<String> here = new ArrayList<>();
        ChildProcess.Completion inProcess = InProcessListing.run(settings.classpath(), ForkCommand.listArguments(settings),
                here::add);

        assertEquals(0, jvm.exitCode(), jvm.tailText());
        assertEquals(0, inProcess.exitCode(), inProcess.tailText());
        assertEquals(inJvm, here);
        assertTrue(here.stream().anyMatch(l -> l.contains("ParamBenchmark.build") && l.contains("[\"1\",\"8\"]")), here.toString());
        assertTrue(here.stream().noneMatch(l -> l.contains("ThrowingBenchmark")), "excluded");

        List<ForkTarget> targets = new AdaptiveRunner(line -> { }, line -> { }).list(settings, Instant.now().plusSeconds(60));
        List<ForkTarget> viaJvm = new AdaptiveRunner(line -> { }, line -> { })
                .list(settings(wrapperOf(temp), testClassPath(), settings.includes(), settings.excludes(), temp),
                        Instant.now().plusSeconds(60));
        assertEquals(viaJvm, targets);
    }

    @Test
    void aClassPathWithoutBenchmarksOrWithoutTheProfilerFailsAsTheListingJvmWould(@TempDir Path temp) throws Exception {
        Path jmh = jarOf(org.openjdk.jmh.runner.BenchmarkList.class);
        Path profiler = jarOf(dev.allocgate.profiler.ForkMain.class);
        AdaptiveRunner runner = new AdaptiveRunner(line -> { }, line -> { });
        Instant deadline = Instant.now().plusSeconds(60);

        assertThrows(NoBenchmarksException.class,
                () -> runner.list(settings(JAVA, List.of(jmh, profiler), List.of(), List.of(), temp), deadline));
        BenchmarkRunException noProfiler = assertThrows(BenchmarkRunException.class,
                () -> runner.list(settings(JAVA, List.of(jmh), List.of(), List.of(), temp), deadline));
        assertFalse(noProfiler instanceof NoBenchmarksException);
        assertTrue(noProfiler.getMessage().contains("exit code 3")
                && noProfiler.getMessage().contains(ForkProtocol.FORK_MAIN), noProfiler.getMessage());
    }

    /** A shell script that runs this JVM's java: another Java to allocgate, so it lists in a JVM. */
    private static Path wrapperOf(Path temp) throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "a shell script stands for another Java");
        Path wrapper = temp.resolve("other-java");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + JAVA + "' \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        return wrapper;
    }
}
