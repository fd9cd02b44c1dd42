package dev.allocgate.core.run;

import dev.allocgate.core.baseline.AtomicFiles;
import dev.allocgate.profiler.ForkProtocol;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Command lines of the benchmark JVMs that allocgate's adaptive engine starts itself, each running
 * {@value ForkProtocol#FORK_MAIN} from allocgate-profiler. A fork gets what JMH 1.37 gives its own forks on a HotSpot
 * JVM of release 17 or later: the compiler hints file (JMH's Blackhole hints, compiler blackholes, and the benchmarks'
 * {@code META-INF/CompilerHints}, merged with any {@code -XX:CompileCommandFile} among the JVM arguments) and the
 * {@code @Fork} JVM arguments. No shell is involved.
 */
final class ForkCommand {
    private static final String COMPILE_COMMAND_FILE = "-XX:CompileCommandFile=";
    private static final List<String> JMH_HINTS = List.of("quiet",
            "inline,org/openjdk/jmh/infra/Blackhole.consume",
            "dontinline,org/openjdk/jmh/infra/Blackhole.consumeCPU",
            "blackhole,org/openjdk/jmh/infra/Blackhole.consumeCompiler");

    private ForkCommand() {
    }

    /** Whether a VM of this name understands HotSpot's compiler commands (as JMH decides it, by VM name). */
    static boolean takesCompilerHints(String vmName) {
        return vmName.contains("OpenJDK") || vmName.contains("HotSpot") || vmName.contains("GraalVM");
    }

    /** {@code list}: the selected benchmark entries as JSON lines. */
    static List<String> list(RunSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.add("-Djava.io.tmpdir=" + settings.tmpDirectory().toAbsolutePath());
        addClasspath(command, settings);
        command.add(ForkProtocol.FORK_MAIN);
        command.add("list");
        command.addAll(listArguments(settings));
        return command;
    }

    /** The arguments of {@code list}: {@code -e exclude} for each exclude, then the includes. */
    static List<String> listArguments(RunSettings settings) {
        List<String> arguments = new ArrayList<>();
        for (String exclude : settings.excludes()) {
            arguments.add("-e");
            arguments.add(exclude);
        }
        arguments.addAll(settings.includes());
        return arguments;
    }

    /**
     * {@code run}: one fork of {@code target}.
     *
     * @param userArgs   the fork's JVM arguments from {@link ForkTarget#userJvmArgs}
     * @param hintsFile  the compiler hints file written by {@link #writeHints}, or null on a VM that takes none
     * @param agentArgs  JVM arguments allocgate adds (the counting agent), after the user's
     */
    static List<String> run(RunSettings settings, ForkPlan plan, ForkTarget target, List<String> userArgs,
            Path hintsFile, List<String> agentArgs, Path resultFile) {
        return run(settings, plan, target, userArgs, hintsFile, agentArgs, resultFile, Map.of());
    }

    /**
     * As {@link #run(RunSettings, ForkPlan, ForkTarget, List, Path, List, Path)}, with the result also written for
     * each target of {@code twinResults} to its file: targets the fork runs alike ({@link ForkTarget#runKey}).
     */
    static List<String> run(RunSettings settings, ForkPlan plan, ForkTarget target, List<String> userArgs,
            Path hintsFile, List<String> agentArgs, Path resultFile, Map<ForkTarget, Path> twinResults) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        for (String arg : userArgs) {
            if (hintsFile == null || !arg.startsWith(COMPILE_COMMAND_FILE)) { // merged into the hints file
                command.add(arg);
            }
        }
        command.addAll(agentArgs);
        if (hintsFile != null) {
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:+UnlockExperimentalVMOptions");
            command.add("-DcompilerBlackholesEnabled=true");
            command.add(COMPILE_COMMAND_FILE + hintsFile.toAbsolutePath());
        }
        command.add("-Djava.io.tmpdir=" + settings.tmpDirectory().toAbsolutePath());
        command.add("-Djmh.ignoreLock=true"); // forks run side by side on purpose
        // ForkMain reads Compiler.codelist from the diagnostic command bean directly (the MBean server costs 0.45 s)
        command.add("--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");
        addClasspath(command, settings);
        command.add(ForkProtocol.FORK_MAIN);
        command.add("run");
        add(command, "--benchmark", target.benchmark());
        add(command, "--mode", target.mode());
        for (Map.Entry<String, String> p : target.params().entrySet()) {
            add(command, "--param", p.getKey() + "=" + p.getValue());
        }
        for (String profiler : settings.profilers()) {
            add(command, "--profiler", profiler);
        }
        add(command, "--round-ms", Long.toString(Math.max(1, settings.warmupTime().toMillis())));
        add(command, "--max-warmup-ms", Long.toString(Math.max(1, plan.maxWarmup().toMillis())));
        add(command, "--min-rounds", Integer.toString(plan.settleRounds()));
        add(command, "--settle-rounds", Integer.toString(plan.settleRounds()));
        add(command, "--iterations", Integer.toString(settings.measurementIterations()));
        add(command, "--iteration-ms", Long.toString(Math.max(1, settings.measurementTime().toMillis())));
        add(command, "--result", resultFile.toAbsolutePath().toString());
        twinResults.forEach((twin, file) -> add(command, ForkProtocol.ALSO_RESULT, twin.mode() + "=" + file.toAbsolutePath()));
        return command;
    }

    /**
     * Writes the compiler hints file for the forks into {@code directory}: JMH's own hints, the class path's
     * {@code META-INF/CompilerHints} (JMH's annotation processor writes it for {@code @CompilerControl}) and the hints
     * of every {@code -XX:CompileCommandFile} among {@code userArgs}.
     */
    static Path writeHints(Path directory, List<Path> classpath, List<String> userArgs) throws IOException {
        Set<String> hints = new LinkedHashSet<>(JMH_HINTS);
        for (Path entry : classpath) {
            hints.addAll(classpathHints(entry));
        }
        for (String arg : userArgs) {
            if (arg.startsWith(COMPILE_COMMAND_FILE)) {
                hints.addAll(Files.readAllLines(Path.of(arg.substring(COMPILE_COMMAND_FILE.length()))));
            }
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("compilecommand-" + Integer.toHexString(hints.hashCode()));
        // Atomically: another run of the same work directory may be starting forks that read this very file.
        AtomicFiles.write(file, (String.join("\n", hints) + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static List<String> classpathHints(Path entry) throws IOException {
        String resource = "META-INF/CompilerHints";
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve(resource);
            return Files.isRegularFile(file) ? hintLines(Files.readString(file, StandardCharsets.UTF_8)) : List.of();
        }
        if (!Files.isRegularFile(entry)) {
            return List.of();
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            ZipEntry hints = zip.getEntry(resource);
            if (hints == null) {
                return List.of();
            }
            try (InputStream in = zip.getInputStream(hints)) {
                return hintLines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (java.util.zip.ZipException e) {
            return List.of(); // not a jar: nothing JMH could read hints from either
        }
    }

    private static List<String> hintLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static void addClasspath(List<String> command, RunSettings settings) {
        command.add("-cp");
        command.add(classpath(settings.classpath()));
    }

    /** A class path argument: the entries joined with the platform's separator. */
    static String classpath(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The JVM arguments of a {@link #run} command: those between the {@code java} executable and the class path. */
    static List<String> jvmArgs(List<String> command) {
        return List.copyOf(command.subList(1, command.indexOf("-cp")));
    }

    /** A {@link #run} command started as {@code launch} says: its JVM arguments before the class path, and its class path. */
    static List<String> withSharing(List<String> command, ForkClassSharing.Launch launch) {
        int at = command.indexOf("-cp");
        List<String> shared = new ArrayList<>(command.subList(0, at));
        shared.addAll(launch.jvmArgs());
        shared.add("-cp");
        shared.add(classpath(launch.classpath()));
        shared.addAll(command.subList(at + 2, command.size()));
        return shared;
    }

    private static void add(List<String> command, String option, String value) {
        command.add(option);
        command.add(value);
    }
}
