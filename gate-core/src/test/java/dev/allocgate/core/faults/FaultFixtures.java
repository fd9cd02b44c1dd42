package dev.allocgate.core.faults;

import dev.allocgate.core.run.RunSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Class path, JVM, short JMH settings and directory snapshots shared by the fault tests. */
final class FaultFixtures {
    static final String PACKAGE = "dev.allocgate.core.faults.";
    static final String HEALTHY_CLASS = PACKAGE + "HealthyBenchmark";
    static final String HEALTHY = HEALTHY_CLASS + ".newArray";
    static final String FAULTY = PACKAGE + "FaultyBenchmarks.";
    /** Selects {@link HealthyBenchmark} only. */
    static final String HEALTHY_ONLY = "^dev\\.allocgate\\.core\\.faults\\.HealthyBenchmark\\.newArray$";

    private FaultFixtures() {
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The test JVM's class path (Surefire puts the real one in {@code surefire.test.class.path}). */
    static List<Path> testClassPath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    /** One fork, one 50 ms warmup iteration, two 50 ms measured iterations, the given fork arguments. */
    static RunSettings settings(List<Path> classpath, String include, List<String> jvmArgs, Path work, Duration timeout) {
        return new RunSettings(javaExecutable(), classpath, List.of(include), List.of(), 1, 1, Duration.ofMillis(50), 2,
                Duration.ofMillis(50), jvmArgs, Optional.empty(), work, timeout);
    }

    static RunSettings settings(String include, List<String> jvmArgs, Path work) {
        return settings(testClassPath(), include, jvmArgs, work, Duration.ofSeconds(120));
    }

    /** The option that marks every JVM of a run: the host gets it and its forks inherit it. */
    static String tmpdirMarker(Path work) {
        return "-Djava.io.tmpdir=" + work.resolve("tmp").toAbsolutePath();
    }

    /** Live processes whose command line contains {@code marker}. */
    static List<ProcessHandle> processesWith(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    /** Waits up to 5 s for every process with {@code marker} to be gone; returns those still alive. */
    static List<ProcessHandle> survivorsWith(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> alive = processesWith(marker);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            alive = processesWith(marker);
        }
        return alive;
    }

    /**
     * Every regular file under {@code directory} by relative path, its bytes as ISO-8859-1 text (one char per byte:
     * equal maps mean byte-identical files). Empty for a missing directory.
     */
    static Map<String, String> snapshot(Path directory) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(directory)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(directory.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /**
     * Starts {@code mainClass} from the test class path in a new JVM with a small heap and quick start-up, stdout and
     * stderr merged. It shares this JVM's {@code java.io.tmpdir}, where the baseline directories' lock files are.
     */
    static Process startJava(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", String.join(File.pathSeparator,
                        testClassPath().stream().map(Path::toString).toList()), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
