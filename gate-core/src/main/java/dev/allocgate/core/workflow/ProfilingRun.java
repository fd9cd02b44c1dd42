package dev.allocgate.core.workflow;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.ProfileFile;
import dev.allocgate.core.run.AdaptiveRunner;
import dev.allocgate.core.run.ForkPlan;
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

    private ProfilingRun() {
    }

    /**
     * Profiles the benchmarks of {@code keys} (every {@code @Param} combination and mode of their methods runs; the
     * result keeps only {@code keys}' own) and returns their profiles; a benchmark whose profiling fork failed is
     * missing from the result.
     */
    static Map<BenchmarkKey, AllocationProfile> profile(AdaptiveRunner runner, RunSettings run, ObjectCounting counting,
                                                         ForkPlan plan, Collection<BenchmarkKey> keys,
                                                         Path outputDirectory, int depth)
            throws AllocgateException, IOException {
        List<String> includes = keys.stream().map(k -> "^" + Pattern.quote(k.benchmark()) + "$").distinct().toList();
        Map<BenchmarkKey, AllocationProfile> all = profileSelected(runner, run, includes, List.of(), counting, plan,
                outputDirectory, depth);
        Map<BenchmarkKey, AllocationProfile> selected = new TreeMap<>();
        for (BenchmarkKey key : keys) {
            AllocationProfile p = all.get(key);
            if (p != null) {
                selected.put(key, p);
            }
        }
        return selected;
    }

    /** Profiles every benchmark that {@code includes} and {@code excludes} select (JMH's regular expressions). */
    static Map<BenchmarkKey, AllocationProfile> profileSelected(AdaptiveRunner runner, RunSettings run,
            List<String> includes, List<String> excludes, ObjectCounting counting, ForkPlan plan, Path outputDirectory,
            int depth) throws AllocgateException, IOException {
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
        runner.run(settings, plan, 1, (target, soFar) -> AdaptiveRunner.Decision.done("one profiling fork"),
                agentArgs, directory.resolve("jmh-result-profile.json"));
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
