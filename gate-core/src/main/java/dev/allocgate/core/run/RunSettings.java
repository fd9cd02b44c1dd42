package dev.allocgate.core.run;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to start one JMH invocation in a child JVM.
 *
 * <p>The iteration settings are always passed on JMH's command line, so they override the benchmarks'
 * {@code @Fork}, {@code @Warmup} and {@code @Measurement} annotations. {@link #jvmArgs} are passed with
 * {@code -jvmArgsAppend} (only when non-empty), which likewise replaces a benchmark's
 * {@code @Fork(jvmArgsAppend = ...)}.
 *
 * @param javaExecutable        the {@code java} launcher for the JMH host JVM (forks use the same one)
 * @param classpath             the module's test or main class path; must contain {@code META-INF/BenchmarkList}
 * @param includes              benchmark regexes (JMH positional arguments, matched with {@code find});
 *                              empty selects every benchmark
 * @param excludes              regexes of benchmarks to leave out (JMH {@code -e}); JMH splits its value on
 *                              commas, so an exclude must not contain one
 * @param forks                 measured forks per benchmark ({@code -f}), at least 1
 * @param warmupIterations      warmup iterations ({@code -wi}), at least 0
 * @param warmupTime            duration of one warmup iteration ({@code -w}), positive
 * @param measurementIterations measured iterations ({@code -i}), at least 1
 * @param measurementTime       duration of one measured iteration ({@code -r}), positive
 * @param jvmArgs               extra arguments for the forked benchmark JVMs only, one argument per element
 *                              (no shell splitting); never given to the host JVM. A lone argument must not
 *                              contain a double quote (JMH strips quotes when the option occurs once)
 * @param mode                  JMH {@code -bm} value such as {@code avgt} or {@code thrpt,avgt}; empty keeps
 *                              the modes the benchmarks declare
 * @param workDirectory         private scratch directory (for example {@code target/allocgate}); its
 *                              {@code tmp} subdirectory becomes the host JVM's {@code java.io.tmpdir}, which
 *                              holds JMH's lock file
 * @param timeout               limit for the whole invocation (listing and run), positive
 * @param profilers             JMH profilers to add to {@code -prof gc}, e.g. a class name with options
 * @param hangTimeout           a forked benchmark JVM that prints nothing for this long is taken to hang and is
 *                              killed, so JMH records that benchmark as failed and goes on with the next one; positive.
 *                              JMH's own iteration timeout ({@code -to}) cannot do this: with synchronized iterations
 *                              (the default) it waits for a benchmark call that never returns forever. The other
 *                              constructors use {@link #defaultHangTimeout}
 */
public record RunSettings(Path javaExecutable, List<Path> classpath, List<String> includes, List<String> excludes,
        int forks, int warmupIterations, Duration warmupTime, int measurementIterations, Duration measurementTime,
        List<String> jvmArgs, Optional<String> mode, Path workDirectory, Duration timeout, List<String> profilers,
        Duration hangTimeout) {

    /** Floor of {@link #defaultHangTimeout}: JMH's own default iteration timeout. */
    public static final Duration MIN_DEFAULT_HANG_TIMEOUT = Duration.ofMinutes(10);

    /** Settings with the {@linkplain #defaultHangTimeout default hang timeout}. */
    public RunSettings(Path javaExecutable, List<Path> classpath, List<String> includes, List<String> excludes,
            int forks, int warmupIterations, Duration warmupTime, int measurementIterations, Duration measurementTime,
            List<String> jvmArgs, Optional<String> mode, Path workDirectory, Duration timeout, List<String> profilers) {
        this(javaExecutable, classpath, includes, excludes, forks, warmupIterations, warmupTime, measurementIterations,
                measurementTime, jvmArgs, mode, workDirectory, timeout, profilers,
                defaultHangTimeout(warmupTime, measurementTime));
    }

    /** Settings with only JMH's GC profiler. */
    public RunSettings(Path javaExecutable, List<Path> classpath, List<String> includes, List<String> excludes,
            int forks, int warmupIterations, Duration warmupTime, int measurementIterations, Duration measurementTime,
            List<String> jvmArgs, Optional<String> mode, Path workDirectory, Duration timeout) {
        this(javaExecutable, classpath, includes, excludes, forks, warmupIterations, warmupTime, measurementIterations,
                measurementTime, jvmArgs, mode, workDirectory, timeout, List.of());
    }

    /** Validates every field; throws {@link IllegalArgumentException} naming the bad value. */
    public RunSettings {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        classpath = List.copyOf(Objects.requireNonNull(classpath, "classpath"));
        includes = List.copyOf(Objects.requireNonNull(includes, "includes"));
        excludes = List.copyOf(Objects.requireNonNull(excludes, "excludes"));
        jvmArgs = List.copyOf(Objects.requireNonNull(jvmArgs, "jvmArgs"));
        profilers = List.copyOf(Objects.requireNonNull(profilers, "profilers"));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(warmupTime, "warmupTime");
        Objects.requireNonNull(measurementTime, "measurementTime");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(hangTimeout, "hangTimeout");

        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath is empty: nothing to run JMH from");
        }
        for (Path entry : classpath) {
            if (entry.toString().contains(File.pathSeparator)) {
                throw new IllegalArgumentException("classpath entry '" + entry + "' contains the path separator '"
                        + File.pathSeparator + "'");
            }
        }
        for (String include : includes) {
            checkRegex("include", include);
            if (include.startsWith("-")) {
                throw new IllegalArgumentException("include '" + include
                        + "' starts with '-', which JMH would read as an option; use e.g. '[-]...' instead");
            }
        }
        for (String exclude : excludes) {
            checkRegex("exclude", exclude);
            if (exclude.contains(",")) {
                throw new IllegalArgumentException("exclude '" + exclude
                        + "' contains ',', which JMH's -e option treats as a separator; give several excludes instead");
            }
        }
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, was " + forks);
        }
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations must not be negative, was " + warmupIterations);
        }
        if (measurementIterations < 1) {
            throw new IllegalArgumentException("measurementIterations must be at least 1, was " + measurementIterations);
        }
        checkPositive("warmupTime", warmupTime);
        checkPositive("measurementTime", measurementTime);
        checkPositive("timeout", timeout);
        checkPositive("hangTimeout", hangTimeout);
        for (String arg : jvmArgs) {
            if (arg.isBlank()) {
                throw new IllegalArgumentException("jvmArgs contains a blank argument: " + jvmArgs);
            }
        }
        if (jvmArgs.size() == 1 && jvmArgs.get(0).contains("\"")) {
            throw new IllegalArgumentException("JVM argument '" + jvmArgs.get(0) + "' contains a double quote, which JMH"
                    + " strips from a single -jvmArgsAppend value");
        }
        if (mode.isPresent() && (mode.get().isBlank() || mode.get().startsWith("-"))) {
            throw new IllegalArgumentException("mode '" + mode.get() + "' is not a JMH benchmark mode");
        }
    }

    /**
     * The hang timeout used when none is given: ten times the longer iteration time, but at least
     * {@link #MIN_DEFAULT_HANG_TIMEOUT}, so that a benchmark JMH itself would accept is never taken for a hung one.
     * Both durations must be non-null.
     */
    public static Duration defaultHangTimeout(Duration warmupTime, Duration measurementTime) {
        Duration longest = Objects.requireNonNull(warmupTime, "warmupTime")
                .compareTo(Objects.requireNonNull(measurementTime, "measurementTime")) >= 0 ? warmupTime : measurementTime;
        Duration tenIterations = longest.multipliedBy(10);
        return tenIterations.compareTo(MIN_DEFAULT_HANG_TIMEOUT) > 0 ? tenIterations : MIN_DEFAULT_HANG_TIMEOUT;
    }

    /** These settings with another {@link #hangTimeout}. */
    public RunSettings withHangTimeout(Duration newHangTimeout) {
        return new RunSettings(javaExecutable, classpath, includes, excludes, forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime, jvmArgs, mode, workDirectory, timeout, profilers, newHangTimeout);
    }

    /** The directory passed as {@code java.io.tmpdir} to the JMH host JVM: {@code <workDirectory>/tmp}. */
    public Path tmpDirectory() {
        return workDirectory.resolve("tmp");
    }

    private static void checkRegex(String what, String regex) {
        Objects.requireNonNull(regex, what);
        if (regex.isBlank()) {
            throw new IllegalArgumentException(what + " regex is blank");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(what + " '" + regex + "' is not a valid regex: " + e.getDescription(), e);
        }
    }

    private static void checkPositive(String what, Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
