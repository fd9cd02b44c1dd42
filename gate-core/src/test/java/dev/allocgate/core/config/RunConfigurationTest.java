package dev.allocgate.core.config;

import dev.allocgate.core.run.ForkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run settings resolved from a neutral map: every default, and every property's error message. */
class RunConfigurationTest {

    @Test
    void nothingGivenIsTheDocumentedDefaults() {
        RunConfiguration c = RunConfiguration.of(Map.of());
        assertTrue(c.adaptive());
        assertEquals(Optional.empty(), c.jvm());
        assertEquals(3, c.forks());
        assertEquals(4, c.warmupIterations());
        assertEquals(Duration.ofMillis(100), c.warmupTime());
        assertEquals(3, c.iterations());
        assertEquals(Duration.ofMillis(50), c.measurementTime());
        assertEquals(Optional.of(new ForkPlan(1, 8, 5, 20, 6, Duration.ofSeconds(5), 3)), c.forkPlan(6));
        assertEquals(List.of(), c.jvmArgs());
        assertEquals(Optional.empty(), c.mode());
        assertEquals(Duration.ofHours(1), c.timeout());
        assertFalse(c.showJmhOutput());
        assertTrue(c.workerBytes());
        assertEquals(1, c.objectsForks());
        assertEquals(8, c.objectsWarmupIterations());
        assertFalse(c.failWhenObjectsUnavailable());
        // Every default the table documents is one that resolves.
        Map<String, String> defaults = new HashMap<>();
        RunConfiguration.SETTINGS.forEach(s -> defaults.put(s.property(), s.defaultValue()));
        assertEquals(c.forkPlan(6), RunConfiguration.of(defaults).forkPlan(6));
    }

    @Test
    void givenValuesAreResolvedOnce() {
        RunConfiguration c = RunConfiguration.of(Map.of("allocgate.engine", " FIXED ", "allocgate.warmupTime", "2s",
                "allocgate.measurementTime", "1 min", "allocgate.jvmArgs", " -Xmx1g   -XX:+UseG1GC ", "allocgate.mode", "avgt",
                "allocgate.parallelForks", "2", "allocgate.objectsUnavailable", "fail", "allocgate.forks", "",
                "user.home", "not ours"));
        assertFalse(c.adaptive());
        assertEquals(Optional.empty(), c.forkPlan(4), "no plan with engine=fixed");
        assertEquals(Duration.ofSeconds(2), c.warmupTime());
        assertEquals(Duration.ofMinutes(1), c.measurementTime());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), c.jvmArgs());
        assertEquals(Optional.of("avgt"), c.mode());
        assertEquals(3, c.forks(), "blank is not given");
        assertTrue(c.failWhenObjectsUnavailable());
        assertEquals(2, RunConfiguration.of(Map.of("allocgate.parallelForks", "2")).forkPlan(8).orElseThrow().parallelForks());
        assertEquals(Duration.ofMillis(250), RunConfiguration.of(Map.of("allocgate.warmupTime", "250")).warmupTime(),
                "a bare number is milliseconds");
    }

    @Test
    void everyPropertysErrorNamesIt(@TempDir Path dir) throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("java"), "");
        String[][] cases = {
                {"allocgate.jvm", notExecutable.toString(), "allocgate.jvm is " + notExecutable + ", which is not an executable file"},
                {"allocgate.engine", "fast", "allocgate.engine must be adaptive or fixed, not 'fast'"},
                {"allocgate.forks", "0", "allocgate.forks must be at least 1, not 0"},
                {"allocgate.forks", "three", "allocgate.forks must be a whole number, not 'three'"},
                {"allocgate.warmupIterations", "-1", "allocgate.warmupIterations must be at least 0, not -1"},
                {"allocgate.warmupTime", "5x", "allocgate.warmupTime must be a duration such as 200ms, 1s or 2m, not '5x'"},
                {"allocgate.warmupTime", "0s", "allocgate.warmupTime must be longer than zero, not '0s'"},
                {"allocgate.iterations", "0", "allocgate.iterations must be at least 1, not 0"},
                {"allocgate.measurementTime", "fast", "allocgate.measurementTime must be a duration such as 200ms, 1s or 2m"},
                {"allocgate.minForks", "0", "allocgate.minForks must be at least 1, not 0"},
                {"allocgate.confirmForks", "0", "allocgate.confirmForks must be at least 1 (allocgate.minForks), not 0"},
                {"allocgate.recordForks", "0", "allocgate.recordForks must be at least 1, not 0"},
                {"allocgate.maxForks", "4", "allocgate.maxForks must be at least 8 (allocgate.confirmForks), not 4"},
                {"allocgate.parallelForks", "-2", "allocgate.parallelForks must be at least 0, not -2"},
                {"allocgate.maxWarmup", "forever", "allocgate.maxWarmup must be a duration such as 200ms, 1s or 2m, not 'forever'"},
                {"allocgate.maxWarmup", "99999999999999999999m", "allocgate.maxWarmup is too long"},
                {"allocgate.settleRounds", "1", "allocgate.settleRounds must be at least 2, not 1"},
                {"allocgate.mode", "-f", "allocgate.mode must be a JMH benchmark mode"},
                {"allocgate.timeoutSeconds", "0", "allocgate.timeoutSeconds must be at least 1, not 0"},
                {"allocgate.showJmhOutput", "yes", "allocgate.showJmhOutput must be true or false, not 'yes'"},
                {"allocgate.workerBytes", "1", "allocgate.workerBytes must be true or false, not '1'"},
                {"allocgate.objectsForks", "0", "allocgate.objectsForks must be at least 1, not 0"},
                {"allocgate.objectsWarmupIterations", "x", "allocgate.objectsWarmupIterations must be a whole number, not 'x'"},
                {"allocgate.objectsUnavailable", "ignore", "allocgate.objectsUnavailable must be warn or fail, not 'ignore'"},
        };
        Set<String> covered = new HashSet<>();
        for (String[] c : cases) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> RunConfiguration.of(Map.of(c[0], c[1])),
                    c[0] + "=" + c[1]);
            assertTrue(e.getMessage().startsWith(c[2]), c[2] + "\n" + e.getMessage());
            assertEquals(c[0], e.property());
            assertEquals(c[1], e.value());
            covered.add(c[0]);
        }
        Set<String> all = new HashSet<>();
        RunConfiguration.SETTINGS.forEach(s -> all.add(s.property()));
        all.removeAll(Set.of(RunConfiguration.JVM_ARGS)); // free text: any value is arguments
        assertEquals(all, covered, "every run setting that can be wrong has its message checked");
        InvalidSettingException typo = assertThrows(InvalidSettingException.class,
                () -> RunConfiguration.of(Map.of("allocgate.maxWarmpu", "5s")));
        assertTrue(typo.getMessage().startsWith("allocgate.maxWarmpu is not a run setting of allocgate; known: allocgate.jvm,"),
                typo.getMessage());
        // A larger minForks raises the floor of confirmForks, and the larger of confirmForks and recordForks that of maxForks.
        InvalidSettingException plan = assertThrows(InvalidSettingException.class, () -> RunConfiguration.of(Map.of(
                "allocgate.recordForks", "24")));
        assertEquals("allocgate.maxForks must be at least 24 (allocgate.recordForks), not 20", plan.getMessage());
    }
}
