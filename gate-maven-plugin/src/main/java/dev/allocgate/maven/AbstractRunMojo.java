package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.baseline.AtomicFiles;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.env.EnvironmentProbe;
import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.workflow.EnvironmentBaselines;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.run.BenchmarkClasses;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.run.FailedForkOutput;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.RunSettings;
import dev.allocgate.core.config.RunConfiguration;
import dev.allocgate.core.workflow.ObjectCounting;
import dev.allocgate.profiler.NativeAgent;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.profiler.ForkProtocol;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Goals that run the module's JMH benchmarks in a forked JVM. The defaults suit allocation, which
 * settles far faster than time: short iterations, a few forks (the fork is the unit of evidence).
 */
public abstract class AbstractRunMojo extends AbstractAllocgateMojo {

    /**
     * The {@code java} executable for the benchmark JVMs. Default: the {@code jdk} toolchain that
     * maven-toolchains-plugin selected for the build, else the JVM running Maven. The benchmark JVM's environment
     * (JDK release, object layout) chooses the baselines' directory.
     */
    @Parameter(property = "allocgate.jvm")
    private File jvm;

    /**
     * How benchmarks are run. {@code adaptive} (default): allocgate starts the benchmark JVMs itself, several at once,
     * each warming up until its allocation settles and counting bytes and objects in the same fork; a benchmark gets
     * more forks only while the statistics cannot decide (see {@code minForks} ... {@code maxForks}).
     * {@code fixed}: JMH's own forks, {@code forks} per benchmark one after another, fixed warmup, and objects/op in a
     * second pass, as JMH would run them.
     */
    @Parameter(property = "allocgate.engine", defaultValue = "adaptive")
    private String engine;

    /** With {@code engine=fixed}: forked JVMs per benchmark; each is one independent sample. */
    @Parameter(property = "allocgate.forks", defaultValue = "3")
    private int forks;

    /** With {@code engine=fixed}: warmup iterations per fork; long enough for C2 to compile (escape analysis acts only then). */
    @Parameter(property = "allocgate.warmupIterations", defaultValue = "4")
    private int warmupIterations;

    /**
     * Duration of each warmup iteration, e.g. {@code 100ms} or {@code 1s}. With {@code engine=adaptive}, the length of
     * one warmup round: warmup ends once C2 has compiled the benchmark's loop and {@code settleRounds} rounds in a row
     * agree on the allocation, or C2's code has run for 8 rounds whose allocation varies without a trend (as with the
     * scheduling of several threads).
     */
    @Parameter(property = "allocgate.warmupTime", defaultValue = "100ms")
    private String warmupTime;

    /** Measurement iterations per fork; a fork's value is their median. */
    @Parameter(property = "allocgate.iterations", defaultValue = "3")
    private int iterations;

    /**
     * Duration of each measurement iteration, e.g. {@code 50ms} or {@code 1s}. Bytes and objects per operation of a
     * compiled benchmark are stable to about 0.01 B even at 50 ms; the adaptive engine lengthens the iterations of a
     * slow benchmark to at least 4,096 operations.
     */
    @Parameter(property = "allocgate.measurementTime", defaultValue = "50ms")
    private String measurementTime;

    /** With {@code engine=adaptive}: forks every benchmark gets in {@code check}. */
    @Parameter(property = "allocgate.minForks", defaultValue = "1")
    private int minForks;

    /**
     * With {@code engine=adaptive}: forks in which a change of a constant allocation must show before it counts, so
     * that a benchmark whose forks split between two values cannot fail because its few forks all hit one: with 5
     * baseline forks and 8 confirming ones, a benchmark at two levels fails so at most once in 5,800 runs.
     */
    @Parameter(property = "allocgate.confirmForks", defaultValue = "8")
    private int confirmForks;

    /**
     * With {@code engine=adaptive}: forks every benchmark gets in {@code record}; one that varies, or whose previous
     * baseline varied, gets {@code maxForks}.
     */
    @Parameter(property = "allocgate.recordForks", defaultValue = "5")
    private int recordForks;

    /**
     * With {@code engine=adaptive}: the most forks a benchmark gets. Only a benchmark whose allocation varies between
     * forks, and is not yet judged at a quarter or half of this, runs this many; a baseline of such a benchmark is
     * recorded with this many, so that its U tests can pass the run's correction, and from 19 on a check's first fork
     * can be judged against it alone.
     */
    @Parameter(property = "allocgate.maxForks", defaultValue = "20")
    private int maxForks;

    /**
     * With {@code engine=adaptive}: benchmark JVMs running at once. {@code 0} (default) means one per available
     * processor; {@code 1} runs them one after another. Allocation does not depend on timing, so forks may share
     * the machine.
     */
    @Parameter(property = "allocgate.parallelForks", defaultValue = "0")
    private int parallelForks;

    /**
     * With {@code engine=adaptive}: cap of a fork's warmup when C2 does not compile the benchmark's code, or its
     * allocation neither settles nor varies without a trend, e.g. {@code 5s}. It counts once the fork has also run
     * that long on the processors (its JVM's processor time): on a machine shared with other work a fork warms up
     * until then, at most three times as long.
     */
    @Parameter(property = "allocgate.maxWarmup", defaultValue = "5s")
    private String maxWarmup;

    /**
     * With {@code engine=adaptive}: warmup rounds in a row that must agree on bytes/op (at least 2). Objects/op is
     * counted only in the measurement, so it does not take part.
     */
    @Parameter(property = "allocgate.settleRounds", defaultValue = "3")
    private int settleRounds;

    /**
     * Extra JVM arguments for the benchmark JVMs, appended to JMH's (its {@code -jvmArgsAppend});
     * separated by spaces on the command line, so a single argument cannot contain a space.
     */
    @Parameter(property = "allocgate.jvmArgs")
    private String jvmArgs;

    /**
     * With {@code engine=adaptive}: let the benchmark JVMs share a class-data-sharing archive of the jars on their class
     * path (JMH, its libraries, allocgate-profiler), made by the run's first fork and kept in
     * {@code <outputDirectory>/cds}: each fork then maps those classes instead of loading them, about 0.2 s of
     * processor time per fork, with the same measurements. Forks that use it have the class path's jars before its
     * directories, which allocgate does only when no directory holds a file a jar holds too. Set {@code false} to
     * start every fork as a plain JVM; a class-sharing option of your own in {@code jvmArgs} ({@code -Xshare:off})
     * also leaves the forks alone.
     */
    @Parameter(property = "allocgate.classDataSharing", defaultValue = "true")
    private boolean classDataSharing;

    /** JMH benchmark mode to force ({@code avgt}, {@code thrpt}, ...); empty runs the modes each benchmark declares. */
    @Parameter(property = "allocgate.mode")
    private String mode;

    /** The whole JMH run is stopped and fails after this many seconds. */
    @Parameter(property = "allocgate.timeoutSeconds", defaultValue = "3600")
    private long timeoutSeconds;

    /**
     * Stream everything the benchmark JVMs print (JMH's warmup and measurement rounds, JVM warnings) to the build log.
     * By default ({@code false}) the build log holds one progress line per fork, the table and the verdict, and of
     * JMH's output only the last lines of a fork that failed; all of it is always written to {@code jmh-output.log}
     * in the output directory (and to the build log at debug level, {@code mvn -X}).
     */
    @Parameter(property = "allocgate.showJmhOutput", defaultValue = "false")
    private boolean showJmhOutput;

    /**
     * Settings for the JMH run, or empty when the module has no compiled benchmarks (a message is
     * logged). Fails when baselines exist for a module without benchmarks: they would never be checked.
     */
    private Optional<RunSettings> runSettings(RunConfiguration run) throws MojoExecutionException, IOException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("allocgate: skipping " + project.getArtifactId() + " (packaging pom has no benchmarks)");
            return Optional.empty();
        }
        List<Path> benchmarkLists = new ArrayList<>();
        for (String dir : List.of(project.getBuild().getOutputDirectory(), project.getBuild().getTestOutputDirectory())) {
            Path list = Path.of(dir, "META-INF", "BenchmarkList");
            if (Files.isRegularFile(list)) {
                benchmarkLists.add(list);
            }
        }
        if (benchmarkLists.isEmpty()) {
            Path baselines = baselineDirectory();
            if (Files.isDirectory(baselines)) {
                throw new MojoExecutionException("allocgate: " + project.getArtifactId() + " has baselines in " + baselines
                        + " but no compiled JMH benchmarks (no META-INF/BenchmarkList in " + project.getBuild().getOutputDirectory()
                        + " or " + project.getBuild().getTestOutputDirectory() + "). Compile first (`mvn verify`, or "
                        + "`mvn test-compile allocgate:check`), or remove the baselines if the benchmarks are gone.");
            }
            List<Path> annotated = BenchmarkClasses.annotated(List.of(Path.of(project.getBuild().getOutputDirectory()),
                    Path.of(project.getBuild().getTestOutputDirectory())));
            if (!annotated.isEmpty()) {
                throw new MojoExecutionException("allocgate: " + project.getArtifactId() + " has @Benchmark methods (e.g. in "
                        + annotated.get(0).getFileName() + ") but no META-INF/BenchmarkList: JMH's annotation processor did not "
                        + "run. On JDK 23 and later javac no longer runs processors found on the class path; list "
                        + "org.openjdk.jmh:jmh-generator-annprocess under maven-compiler-plugin's <annotationProcessorPaths>.");
            }
            getLog().info("allocgate: no JMH benchmarks in " + project.getArtifactId()
                    + " (no META-INF/BenchmarkList under target/classes or target/test-classes); nothing to run. "
                    + "Benchmarks need the jmh-generator-annprocess annotation processor, and must be compiled before this goal.");
            return Optional.empty();
        }
        Path java = javaExecutable(run);
        if (probesEnvironment()) {
            EnvironmentProbe.probeInBackground(java, run.jvmArgs());
        }
        String warning = run.adaptive() ? "" : Gate.forksWarning(run.forks(), gateSettings().alpha());
        if (!warning.isEmpty()) {
            getLog().warn("allocgate: " + warning);
        }
        List<Path> benchmarkClasspath = new ArrayList<>(classpath());
        List<String> profilers = new ArrayList<>();
        // Adaptive forks run the profiler jar's ForkMain, fixed runs its WatchedJmhMain as JMH's host JVM.
        benchmarkClasspath.add(profilerJar());
        if (run.workerBytes()) {
            profilers.add(ForkProtocol.WORKER_BYTES_PROFILER); // by name: loading it needs jmh-core
        }
        return Optional.of(new RunSettings(java, benchmarkClasspath, includes(), excludes(), run.forks(),
                run.warmupIterations(), run.warmupTime(), run.iterations(), run.measurementTime(), run.jvmArgs(),
                run.mode(), outputDirectory.toPath(), run.timeout(), profilers));
    }

    /**
     * Whether this goal fingerprints the benchmark JVM's environment (to choose its baselines and describe its
     * results): its probe, a JVM start, then begins while the run is prepared.
     */
    protected boolean probesEnvironment() {
        return true;
    }

    /**
     * Measure bytes per operation on the benchmark's JMH worker threads only (allocgate's
     * {@code WorkerBytesProfiler}, next to {@code -prof gc}), leaving out the few kilobytes JMH itself
     * allocates per iteration, which JMH's {@code gc.alloc.rate.norm} divides into the result and which
     * inflate slow benchmarks (about 5 B/op at 1,000 operations per iteration). Set false to gate on
     * {@code gc.alloc.rate.norm}, for example for a benchmark that allocates on threads it starts itself.
     */
    @Parameter(property = "allocgate.workerBytes", defaultValue = "true")
    private boolean workerBytes;

    /**
     * The allocgate-profiler jar (or classes directory) this plugin runs with, for the benchmark class path. A jar is
     * copied into the output directory first: the benchmark JVMs load it for minutes, and a concurrent
     * {@code mvn install} of allocgate into the same local repository would otherwise replace it under them.
     */
    protected Path profilerJar() throws MojoExecutionException {
        if (profilerJarCopy == null) {
            profilerJarCopy = copyProfilerJar();
        }
        return profilerJarCopy;
    }

    /** This execution's copy of the profiler jar (the class path and the counting agent both need it). */
    private Path profilerJarCopy;

    private Path copyProfilerJar() throws MojoExecutionException {
        Path location;
        try {
            location = Path.of(NativeAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new MojoExecutionException("allocgate: cannot locate the allocgate-profiler artifact", e);
        }
        if (!Files.isRegularFile(location)) {
            return location;
        }
        try {
            Path copy = outputDirectory.toPath().resolve("lib").resolve("allocgate-profiler.jar");
            Files.createDirectories(copy.getParent());
            byte[] jar = Files.readAllBytes(location);
            // An unchanged copy keeps its time of change, which the forks' class-sharing archive is keyed by.
            if (!Files.isRegularFile(copy) || !Arrays.equals(Files.readAllBytes(copy), jar)) {
                AtomicFiles.write(copy, jar);
            }
            return copy;
        } catch (IOException e) {
            throw new MojoExecutionException("allocgate: cannot copy " + location + " into " + outputDirectory + ": " + e, e);
        }
    }

    /**
     * Count objects per operation too, with allocgate's JVMTI agent (about 300 ns per allocation). The adaptive
     * engine counts in the same forks that measure bytes (bytes come from per-thread counters, which counting does
     * not change); {@code engine=fixed} counts in a second pass. When on, a benchmark whose baseline has objects/op
     * and whose run did not measure it fails; when off, objects/op is not gated.
     */
    @Parameter(property = "allocgate.objects", defaultValue = "true")
    private boolean objects;

    /** With {@code engine=fixed}: forks per benchmark in the objects/op pass; counts are exact, so one usually suffices. */
    @Parameter(property = "allocgate.objectsForks", defaultValue = "1")
    private int objectsForks;

    /**
     * With {@code engine=fixed}: warmup iterations per fork in the objects/op pass; more than the bytes pass's
     * because the counting agent slows allocation and with it the JIT's compilation of the benchmark.
     */
    @Parameter(property = "allocgate.objectsWarmupIterations", defaultValue = "8")
    private int objectsWarmupIterations;

    /**
     * What to do on a platform for which allocgate has no native agent: {@code warn} (gate on bytes
     * alone) or {@code fail}.
     */
    @Parameter(property = "allocgate.objectsUnavailable", defaultValue = "warn")
    private String objectsUnavailable;

    /**
     * One step of the workflow, given the run settings, objects/op counting ({@code null} when off) and the adaptive
     * engine's plan ({@code null} with {@code engine=fixed}).
     */
    @FunctionalInterface
    protected interface Step<T> {
        T apply(GateWorkflow workflow, RunSettings settings, ObjectCounting counting, ForkPlan plan)
                throws AllocgateException, IOException;
    }

    /**
     * This goal's run settings, resolved and validated in gate-core from the parameters' values (the defaults and
     * messages live there).
     */
    private RunConfiguration runConfiguration() {
        return RunConfiguration.of(properties(
                RunConfiguration.JVM, jvm,
                RunConfiguration.ENGINE, engine,
                RunConfiguration.FORKS, forks,
                RunConfiguration.WARMUP_ITERATIONS, warmupIterations,
                RunConfiguration.WARMUP_TIME, warmupTime,
                RunConfiguration.ITERATIONS, iterations,
                RunConfiguration.MEASUREMENT_TIME, measurementTime,
                RunConfiguration.MIN_FORKS, minForks,
                RunConfiguration.CONFIRM_FORKS, confirmForks,
                RunConfiguration.RECORD_FORKS, recordForks,
                RunConfiguration.MAX_FORKS, maxForks,
                RunConfiguration.PARALLEL_FORKS, parallelForks,
                RunConfiguration.MAX_WARMUP, maxWarmup,
                RunConfiguration.SETTLE_ROUNDS, settleRounds,
                RunConfiguration.JVM_ARGS, jvmArgs,
                RunConfiguration.MODE, mode,
                RunConfiguration.TIMEOUT_SECONDS, timeoutSeconds,
                RunConfiguration.SHOW_JMH_OUTPUT, showJmhOutput,
                RunConfiguration.WORKER_BYTES, workerBytes,
                RunConfiguration.OBJECTS_FORKS, objectsForks,
                RunConfiguration.OBJECTS_WARMUP_ITERATIONS, objectsWarmupIterations,
                RunConfiguration.OBJECTS_UNAVAILABLE, objectsUnavailable));
    }

    /**
     * Runs {@code step} with a workflow whose JMH output goes to {@code jmh-output.log} (and the build
     * log when asked); empty when the module has no benchmarks.
     */
    protected <T> Optional<T> runBenchmarks(Step<T> step) throws AllocgateException, IOException, MojoExecutionException {
        RunConfiguration run = runConfiguration();
        Optional<RunSettings> settings = runSettings(run);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        ObjectCounting counting = objectCounting(run);
        ForkPlan plan = run.forkPlan(Runtime.getRuntime().availableProcessors()).orElse(null);
        try (BufferedWriter log = openJmhLog()) {
            GateWorkflow workflow = workflow(log, jmhLogPath(), run.showJmhOutput()).classDataSharing(classDataSharing);
            return Optional.of(step.apply(workflow, settings.get(), counting, plan));
        }
    }

    @Override
    protected boolean gatesObjects() {
        return objects && NativeAgent.isAvailable();
    }

    /** The objects/op pass, or {@code null} when switched off or (with a warning) unavailable here. */
    private ObjectCounting objectCounting(RunConfiguration run) throws MojoExecutionException, IOException {
        if (!objects) {
            return null;
        }
        if (!NativeAgent.isAvailable()) {
            String message = "allocgate: objects/op is unavailable on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + " (native agents exist for " + NativeAgent.bundledPlatforms()
                    + "); gating on bytes/op alone. Set -Dallocgate.objects=false to silence this.";
            if (run.failWhenObjectsUnavailable()) {
                throw new MojoExecutionException(message.replace("gating on bytes/op alone", "failing because "
                        + "allocgate.objectsUnavailable=fail"));
            }
            getLog().warn(message);
            return null;
        }
        Path agent = NativeAgent.extractTo(outputDirectory.toPath().resolve("native"));
        return new ObjectCounting(profilerJar(), agent, ObjectCounting.PROFILER_CLASS, run.objectsForks(),
                run.objectsWarmupIterations());
    }

    private GateWorkflow workflow(BufferedWriter jmhLog, Path jmhLogPath, boolean showJmhOutput) {
        Consumer<String> output = line -> {
            try {
                jmhLog.write(line);
                jmhLog.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (showJmhOutput) {
                getLog().info(line);
            } else if (getLog().isDebugEnabled()) {
                getLog().debug(line);
            }
        };
        Consumer<FailedForkOutput> failedFork = failed -> {
            if (showJmhOutput) {
                return; // its output is in the build log already
            }
            try {
                jmhLog.flush(); // so that the file holds what the message points to
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            getLog().warn(failedForkHeader(failed, jmhLogPath));
            failed.lines().forEach(line -> getLog().warn(failedForkLine(line)));
        };
        return new GateWorkflow(output, line -> getLog().info(line), failedFork);
    }

    /** The line above a failed fork's last lines in the build log. */
    static String failedForkHeader(FailedForkOutput failed, Path jmhLog) {
        int n = failed.lines().size();
        return "allocgate: " + Text.plain(failed.fork()) + " failed; "
                + (n == 0 ? "it printed nothing but allocgate's progress" : "its last " + (n == 1 ? "line" : n + " lines") + " of output")
                + " (all of it in " + jmhLog + ", -Dallocgate.showJmhOutput=true streams it here)" + (n == 0 ? "" : ":");
    }

    /** One line of a failed fork's output in the build log: indented, tabs as spaces, control characters escaped. */
    static String failedForkLine(String line) {
        return "  | " + Text.plain(line.replace("\t", "    "));
    }

    private Path jmhLogPath() {
        return outputDirectory.toPath().resolve("jmh-output.log");
    }

    private BufferedWriter openJmhLog() throws IOException {
        Files.createDirectories(outputDirectory.toPath());
        Path log = jmhLogPath();
        getLog().info("allocgate: JMH output is written to " + log);
        return Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    }

    /**
     * The baselines of the benchmark JVM's environment under {@link #baselineRoot()} (probing that JVM once), logged
     * and remembered for messages.
     */
    protected BaselineStore baselineStore(RunSettings settings, EnvironmentBaselines.Purpose purpose)
            throws AllocgateException {
        if (purpose == EnvironmentBaselines.Purpose.CHECK && gateSettings().environmentPolicy() != EnvironmentPolicy.FAIL) {
            purpose = EnvironmentBaselines.Purpose.CHECK_ALLOW_MISSING;
        }
        EnvironmentBaselines.Choice choice = EnvironmentBaselines.choose(baselineRoot(),
                EnvironmentProbe.probeOnce(settings.javaExecutable(), settings.jvmArgs()), purpose);
        chosenBaselines(choice.store().directory());
        getLog().info("allocgate: baselines of environment " + choice.environment() + ": " + choice.store().directory()
                + (choice.flat() ? " (baseline files directly in it, the layout before per-environment directories)" : ""));
        return choice.store();
    }

    @Component
    private ToolchainManager toolchainManager;

    private Path javaExecutable(RunConfiguration run) throws MojoExecutionException {
        if (run.jvm().isPresent()) {
            return run.jvm().get();
        }
        Toolchain toolchain = toolchainManager == null || session() == null ? null
                : toolchainManager.getToolchainFromBuildContext("jdk", session());
        if (toolchain != null) {
            String java = toolchain.findTool("java");
            if (java == null) {
                throw new MojoExecutionException("allocgate: the JDK toolchain " + toolchain + " selected by"
                        + " maven-toolchains-plugin has no `java` executable; fix its jdkHome in toolchains.xml or give"
                        + " -Dallocgate.jvm=PATH");
            }
            getLog().info("allocgate: benchmarks run on the JDK toolchain's java: " + java);
            return Path.of(java);
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    private List<Path> classpath() throws MojoExecutionException {
        try {
            return project.getTestClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("allocgate: the test classpath of " + project.getArtifactId() + " is not resolved", e);
        }
    }
}
