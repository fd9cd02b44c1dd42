package dev.allocgate.core.run;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the {@code java ... org.openjdk.jmh.Main ...} command lines (through {@value #WATCHED_JMH_MAIN}); no shell is involved. */
final class JmhCommand {
    /**
     * JMH's main in a JVM that ends with allocgate (allocgate-profiler, on the benchmark class path): a killed build
     * leaves no JMH host, and so no fork, running.
     */
    static final String WATCHED_JMH_MAIN = "dev.allocgate.profiler.WatchedJmhMain";

    /** Modes JMH runs for {@code -bm all}: every mode except {@code All} itself. */
    private static final List<String> ALL_MODES = List.of("thrpt", "avgt", "sample", "ss");

    private JmhCommand() {
    }

    /** {@code -lp} listing of the selected benchmarks with their parameters. */
    static List<String> list(RunSettings settings) {
        List<String> command = hostJvm(settings);
        command.add("-lp");
        addFilters(command, settings);
        return command;
    }

    /** The whole run: every selected benchmark, GC profiler, JSON results, no fail-on-error. */
    static List<String> run(RunSettings settings, Path resultFile) {
        List<String> command = hostJvm(settings);
        command.add("-f");
        command.add(Integer.toString(settings.forks()));
        command.add("-wi");
        command.add(Integer.toString(settings.warmupIterations()));
        command.add("-w");
        command.add(timeValue(settings.warmupTime()));
        command.add("-i");
        command.add(Integer.toString(settings.measurementIterations()));
        command.add("-r");
        command.add(timeValue(settings.measurementTime()));
        settings.mode().ifPresent(mode -> {
            command.add("-bm");
            command.add(mode);
        });
        command.addAll(jvmArgsAppend(settings.jvmArgs()));
        command.addAll(List.of("-prof", "gc"));
        for (String profiler : settings.profilers()) {
            command.addAll(List.of("-prof", profiler));
        }
        command.addAll(List.of("-rf", "json", "-rff", resultFile.toAbsolutePath().toString(),
                "-foe", "false"));
        addFilters(command, settings);
        return command;
    }

    /**
     * {@code -jvmArgsAppend} options for the forks. JMH 1.37 ({@code CommandLineOptions.treatQuoted}) takes the
     * values verbatim when the option occurs more than once, but splits a single value on spaces, with double
     * quotes grouping (and removed). So each argument gets its own option, and a lone argument with a space is
     * wrapped in quotes; {@link RunSettings} rejects a lone argument containing a quote.
     */
    static List<String> jvmArgsAppend(List<String> jvmArgs) {
        List<String> options = new ArrayList<>();
        if (jvmArgs.size() == 1) {
            String arg = jvmArgs.get(0);
            options.add("-jvmArgsAppend");
            options.add(arg.indexOf(' ') >= 0 ? '"' + arg + '"' : arg);
        } else {
            for (String arg : jvmArgs) {
                options.add("-jvmArgsAppend");
                options.add(arg);
            }
        }
        return options;
    }

    /** A JMH time value: the coarsest of ms, us, ns that represents the duration exactly. */
    static String timeValue(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0) {
            return nanos / 1_000 + "us";
        }
        return nanos + "ns";
    }

    /**
     * How many modes each benchmark runs in for a {@code -bm} value, or empty when the benchmarks' declared
     * modes apply.
     */
    static Optional<Integer> modeCount(Optional<String> mode) {
        return mode.map(m -> modes(m).size());
    }

    /**
     * The modes a {@code -bm} value (or a listing's mode label) names, as JMH's short labels, in order and without
     * repeats: {@code all} stands for every mode, and long names ({@code AverageTime}) count as their short label.
     */
    static List<String> modes(String value) {
        Set<String> modes = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String canonical = canonicalMode(name.strip());
            if (canonical.equals("all")) {
                modes.addAll(ALL_MODES);
            } else {
                modes.add(canonical);
            }
        }
        return List.copyOf(modes);
    }

    private static String canonicalMode(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "thrpt": case "throughput": return "thrpt";
            case "avgt": case "averagetime": return "avgt";
            case "sample": case "sampletime": return "sample";
            case "ss": case "singleshottime": return "ss";
            case "all": return "all";
            default: return name;
        }
    }

    private static List<String> hostJvm(RunSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        // The only host JVM option: JMH keeps its global lock file in java.io.tmpdir. Forks inherit it too.
        command.add("-Djava.io.tmpdir=" + settings.tmpDirectory().toAbsolutePath());
        command.add("-cp");
        command.add(settings.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(WATCHED_JMH_MAIN);
        return command;
    }

    private static void addFilters(List<String> command, RunSettings settings) {
        for (String exclude : settings.excludes()) {
            command.add("-e");
            command.add(exclude);
        }
        command.addAll(settings.includes());
    }
}
