package dev.allocgate.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.profiler.ForkProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adaptive engine's listing, fork command and compiler hints, without starting a JVM. */
class ForkTargetsTest {

    @Test
    void aListingLineExpandsToEveryModeAndParameterCombination() throws Exception {
        String line = "{\"benchmark\":\"p.C.m\",\"mode\":\"avgt\",\"params\":{\"a\":[\"1\",\"2\"],\"b\":[\"x, y\",\"\\\"q\\\"\"]},"
                + "\"jvmArgsAppend\":[\"-Xmx64m\"]}";
        List<ForkTarget> targets = AdaptiveRunner.targets(line, Optional.empty());
        assertEquals(4, targets.size());
        assertEquals(Map.of("a", "1", "b", "x, y"), targets.get(0).params());
        assertEquals(Map.of("a", "2", "b", "\"q\""), targets.get(3).params());
        assertEquals(List.of("-Xmx64m"), targets.get(0).userJvmArgs(List.of()));
        assertEquals(List.of("-Xmx1g"), targets.get(0).userJvmArgs(List.of("-Xmx1g")), "the run's arguments replace @Fork(jvmArgsAppend)");

        List<ForkTarget> twoModes = AdaptiveRunner.targets(line, Optional.of("thrpt,AverageTime"));
        assertEquals(List.of("thrpt", "thrpt", "thrpt", "thrpt", "avgt", "avgt", "avgt", "avgt"),
                twoModes.stream().map(ForkTarget::mode).toList());
        assertEquals(16, AdaptiveRunner.targets(line, Optional.of("all")).size());
    }

    /** AverageTime and SampleTime forks run alike and share a run key; other modes, parameters or arguments do not. */
    @Test
    void onlyTheSameMethodParametersAndArgumentsInModesRunAlikeShareForks() throws Exception {
        String line = "{\"benchmark\":\"p.C.m\",\"mode\":\"avgt\",\"params\":{\"a\":[\"1\",\"2\"]}}";
        List<ForkTarget> all = AdaptiveRunner.targets(line, Optional.of("all"));
        Map<List<Object>, List<String>> byRunKey = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        all.forEach(t -> byRunKey.computeIfAbsent(t.runKey(), k -> new java.util.ArrayList<>()).add(t.key().toString()));
        assertEquals(List.of(List.of("p.C.m [avgt, a=1]", "p.C.m [sample, a=1]"), List.of("p.C.m [avgt, a=2]",
                "p.C.m [sample, a=2]"), List.of("p.C.m [ss, a=1]"), List.of("p.C.m [ss, a=2]"), List.of("p.C.m [thrpt, a=1]"),
                List.of("p.C.m [thrpt, a=2]")), List.copyOf(byRunKey.values()));
        ForkTarget avgt = new ForkTarget("p.C.m", "avgt", new TreeMap<>(), List.of(), List.of(), List.of());
        ForkTarget sampleWithArgs = new ForkTarget("p.C.m", "sample", new TreeMap<>(), List.of(), List.of("-Xmx1g"), List.of());
        assertFalse(avgt.runKey().equals(sampleWithArgs.runKey()), "other JVM arguments, another fork");
    }

    @Test
    void forksGetJmhsCompilerHintsMergedWithTheUsersAndTheClassPaths(@TempDir Path temp) throws Exception {
        Path classes = Files.createDirectories(temp.resolve("classes/META-INF"));
        Files.writeString(classes.resolve("CompilerHints"), "dontinline,*.*_avgt_jmhStub\ninline,p/C.m\n");
        Path userHints = Files.writeString(temp.resolve("mine"), "exclude,p/C.slow\n");
        List<String> userArgs = List.of("-Xmx64m", "-XX:CompileCommandFile=" + userHints);
        Path hints = ForkCommand.writeHints(temp.resolve("tmp"), List.of(temp.resolve("classes"), temp.resolve("absent.jar")),
                userArgs);
        List<String> lines = Files.readAllLines(hints);
        assertEquals("quiet", lines.get(0));
        assertTrue(lines.contains("blackhole,org/openjdk/jmh/infra/Blackhole.consumeCompiler"), lines.toString());
        assertTrue(lines.containsAll(List.of("dontinline,*.*_avgt_jmhStub", "inline,p/C.m", "exclude,p/C.slow")), lines.toString());

        RunSettings settings = new RunSettings(Path.of("/usr/bin/java"), List.of(temp.resolve("classes")), List.of(),
                List.of(), 1, 0, java.time.Duration.ofMillis(100), 3, java.time.Duration.ofMillis(100), List.of(),
                Optional.empty(), temp.resolve("work"), java.time.Duration.ofMinutes(1), List.of("my.Profiler"));
        ForkTarget target = new ForkTarget("p.C.m", "avgt", new TreeMap<>(Map.of("a", "x=y")), List.of(), List.of(), List.of());
        List<String> command = ForkCommand.run(settings, new ForkPlan(1, 3, 3, 8, 2, java.time.Duration.ofSeconds(2), 3),
                target, userArgs, hints, List.of("-agentpath:/x.so"), temp.resolve("r.json"));
        assertTrue(command.contains("-Xmx64m"));
        assertFalse(command.contains("-XX:CompileCommandFile=" + userHints), "merged into the hints file instead");
        assertTrue(command.contains("-XX:CompileCommandFile=" + hints.toAbsolutePath()));
        assertTrue(command.indexOf("-agentpath:/x.so") < command.indexOf(ForkProtocol.FORK_MAIN));
        int param = command.indexOf("--param");
        assertEquals("a=x=y", command.get(param + 1), "only the first '=' separates name and value");
        assertEquals("2000", command.get(command.indexOf("--max-warmup-ms") + 1));
        assertEquals("my.Profiler", command.get(command.indexOf("--profiler") + 1));
    }
}
