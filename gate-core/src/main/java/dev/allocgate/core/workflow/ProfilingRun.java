package dev.allocgate.core.workflow;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.ProfileFile;
import dev.allocgate.core.run.AdaptiveRunner;
import dev.allocgate.core.run.BenchmarkFailure;
import dev.allocgate.core.run.ForkPlan;
import dev.allocgate.core.run.RunOutcome;
import dev.allocgate.core.run.RunSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The profiling step: after the measured forks, one more fork per selected benchmark, with the agent's allocation
 * profile on ({@code deferred,profile,depth=N}) and allocgate-profiler's {@code AllocationSiteProfiler} writing
 * where the measurement's allocations come from. The measured forks never carry the profile's cost (a stack trace
 * per allocation), so their numbers keep their speed.
 */
public final class ProfilingRun {

    /** The profiler class of allocgate-profiler that writes the profile files. */
    public static final String PROFILER_CLASS = "dev.allocgate.profiler.AllocationSiteProfiler";
    /** Its system property for the output directory. */
    static final String DIRECTORY_PROPERTY = "allocgate.profile.dir";
    /** Folder of the output directory where profiling forks write. */
    public static final String DIRECTORY = "profiles";
    /** Default number of stack frames taken at each allocation. */
    public static final int DEFAULT_DEPTH = 8;
    /** Most stack frames the agent takes at an allocation (its option {@code depth=N}). */
    public static final int MAX_DEPTH = 64;

    private ProfilingRun() {
    }

    /**
     * What the profiling forks gave: a profile per benchmark, and for each that has none, why.
     *
     * @param missing why a benchmark has no profile, by key: its fork's failure as the runner reported it
     */
    record Profiles(Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, String> missing) {
    }

    /**
     * Profiles the benchmarks of {@code keys} (every {@code @Param} combination and mode of their methods runs; the
     * result keeps only {@code keys}' own); a benchmark whose profiling fork failed or wrote no profile has a reason
     * instead, naming the fork's error and where its output is.
     */
    static Profiles profile(AdaptiveRunner runner, RunSettings run, ObjectCounting counting, ForkPlan plan,
                            Collection<BenchmarkKey> keys, Path outputDirectory, int depth)
            throws AllocgateException, IOException {
        List<String> includes = keys.stream().map(k -> "^" + Pattern.quote(k.benchmark()) + "$").distinct().toList();
        List<BenchmarkFailure> failures = new ArrayList<>();
        Map<BenchmarkKey, AllocationProfile> all = profileSelected(runner, run, includes, List.of(), counting, plan,
                outputDirectory, depth, failures);
        Map<BenchmarkKey, AllocationProfile> selected = new TreeMap<>();
        Map<BenchmarkKey, String> missing = new TreeMap<>();
        for (BenchmarkKey key : keys) {
            AllocationProfile p = all.get(key);
            if (p != null) {
                selected.put(key, p);
            } else {
                missing.put(key, failures.stream().filter(f -> f.benchmark().equals(key.benchmark())
                                && f.params().equals(jmhParams(key))).findFirst()
                        .or(() -> failures.stream().filter(f -> f.benchmark().equals(key.benchmark())).findFirst())
                        .map(f -> "its profiling fork failed: " + f.firstErrorLine())
                        .orElse("its profiling fork wrote no allocation profile into "
                                + outputDirectory.resolve(DIRECTORY)));
            }
        }
        return new Profiles(selected, missing);
    }

    /** A key's parameters as JMH prints them, as the runner's failures carry them: {@code a = 1, b = x}. */
    private static String jmhParams(BenchmarkKey key) {
        return String.join(", ", key.params().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
    }

    /** Profiles every benchmark that {@code includes} and {@code excludes} select (JMH's regular expressions). */
    static Map<BenchmarkKey, AllocationProfile> profileSelected(AdaptiveRunner runner, RunSettings run,
            List<String> includes, List<String> excludes, ObjectCounting counting, ForkPlan plan, Path outputDirectory,
            int depth) throws AllocgateException, IOException {
        return profileSelected(runner, run, includes, excludes, counting, plan, outputDirectory, depth, new ArrayList<>());
    }

    /** As above, adding the forks that failed to {@code failures}. */
    private static Map<BenchmarkKey, AllocationProfile> profileSelected(AdaptiveRunner runner, RunSettings run,
            List<String> includes, List<String> excludes, ObjectCounting counting, ForkPlan plan, Path outputDirectory,
            int depth, List<BenchmarkFailure> failures) throws AllocgateException, IOException {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("allocgate.profileDepth must be from 1 to " + MAX_DEPTH + ", not " + depth);
        }
        Path directory = outputDirectory.resolve(DIRECTORY).toAbsolutePath();
        clean(directory);
        Files.createDirectories(directory);
        RunSettings counted = counting.addTo(run);
        List<String> profilers = new ArrayList<>(counted.profilers());
        profilers.add(PROFILER_CLASS);
        RunSettings settings = new RunSettings(counted.javaExecutable(), counted.classpath(), includes, excludes,
                counted.forks(), counted.warmupIterations(), counted.warmupTime(), counted.measurementIterations(),
                counted.measurementTime(), counted.jvmArgs(), counted.mode(), counted.workDirectory(), counted.timeout(),
                profilers, counted.hangTimeout());
        List<String> agentArgs = List.of("-agentpath:" + counting.agentLibrary().toAbsolutePath()
                + "=deferred,profile,depth=" + depth, "-D" + DIRECTORY_PROPERTY + "=" + directory);
        RunOutcome outcome = runner.run(settings, plan, 1,
                (target, soFar) -> AdaptiveRunner.Decision.done("one profiling fork"), agentArgs,
                directory.resolve("jmh-result-profile.json"));
        failures.addAll(outcome.failures());
        return ProfileFile.readDirectory(directory);
    }

    /** Deletes the profile files an earlier run left (only allocgate's: {@code *.tsv}, {@code *.tmp}, its JMH result). */
    private static void clean(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tsv") || name.endsWith(".tmp") || name.equals("jmh-result-profile.json")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
