package dev.allocgate.core.config;

import dev.allocgate.core.run.ForkPlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * allocgate's settings for running benchmarks, from a neutral source: a map of {@code allocgate.*} properties (the
 * Maven goals' parameters, a test's map), each resolved and validated once here, with its default, into typed
 * values. Front ends are thin adapters that hand their values in; every problem is an {@link InvalidSettingException}
 * naming the user's property. The judging settings are {@link GateConfiguration}'s.
 *
 * @param jvm                        {@link #JVM}, when given: an executable file
 * @param adaptive                   {@link #ENGINE}: whether allocgate's adaptive engine runs the forks (else JMH's own)
 * @param timeout                    {@link #TIMEOUT_SECONDS} as a duration
 * @param failWhenObjectsUnavailable {@link #OBJECTS_UNAVAILABLE}{@code =fail}
 */
public record RunConfiguration(Optional<Path> jvm, boolean adaptive, int forks, int warmupIterations, Duration warmupTime,
                               int iterations, Duration measurementTime, int minForks, int confirmForks, int recordForks,
                               int maxForks, int parallelForks, Duration maxWarmup, int settleRounds, List<String> jvmArgs,
                               Optional<String> mode, Duration timeout, boolean showJmhOutput, boolean workerBytes,
                               int objectsForks, int objectsWarmupIterations, boolean failWhenObjectsUnavailable) {

    public static final String JVM = "allocgate.jvm";
    public static final String ENGINE = "allocgate.engine";
    public static final String FORKS = "allocgate.forks";
    public static final String WARMUP_ITERATIONS = "allocgate.warmupIterations";
    public static final String WARMUP_TIME = "allocgate.warmupTime";
    public static final String ITERATIONS = "allocgate.iterations";
    public static final String MEASUREMENT_TIME = "allocgate.measurementTime";
    public static final String MIN_FORKS = "allocgate.minForks";
    public static final String CONFIRM_FORKS = "allocgate.confirmForks";
    public static final String RECORD_FORKS = "allocgate.recordForks";
    public static final String MAX_FORKS = "allocgate.maxForks";
    public static final String PARALLEL_FORKS = "allocgate.parallelForks";
    public static final String MAX_WARMUP = "allocgate.maxWarmup";
    public static final String SETTLE_ROUNDS = "allocgate.settleRounds";
    public static final String JVM_ARGS = "allocgate.jvmArgs";
    public static final String MODE = "allocgate.mode";
    public static final String TIMEOUT_SECONDS = "allocgate.timeoutSeconds";
    public static final String SHOW_JMH_OUTPUT = "allocgate.showJmhOutput";
    public static final String WORKER_BYTES = "allocgate.workerBytes";
    public static final String OBJECTS_FORKS = "allocgate.objectsForks";
    public static final String OBJECTS_WARMUP_ITERATIONS = "allocgate.objectsWarmupIterations";
    public static final String OBJECTS_UNAVAILABLE = "allocgate.objectsUnavailable";

    /** The adaptive engine's defaults, whose fork counts the settings below take. */
    private static final ForkPlan DEFAULT_PLAN = ForkPlan.defaults();

    /** Every run setting with its default ({@code null}: none). */
    public static final List<GateConfiguration.Setting> SETTINGS = List.of(
            new GateConfiguration.Setting(JVM, null, "the java executable of the benchmark JVMs"),
            new GateConfiguration.Setting(ENGINE, "adaptive", "adaptive (allocgate's own forks) or fixed (JMH's forks)"),
            new GateConfiguration.Setting(FORKS, "3", "engine=fixed: forked JVMs per benchmark"),
            new GateConfiguration.Setting(WARMUP_ITERATIONS, "4", "engine=fixed: warmup iterations per fork"),
            new GateConfiguration.Setting(WARMUP_TIME, "100ms", "duration of a warmup iteration (adaptive: of a round)"),
            new GateConfiguration.Setting(ITERATIONS, "3", "measurement iterations per fork"),
            new GateConfiguration.Setting(MEASUREMENT_TIME, "50ms", "duration of a measurement iteration"),
            new GateConfiguration.Setting(MIN_FORKS, String.valueOf(DEFAULT_PLAN.minForks()),
                    "engine=adaptive: forks every benchmark gets in check"),
            new GateConfiguration.Setting(CONFIRM_FORKS, String.valueOf(DEFAULT_PLAN.confirmForks()),
                    "engine=adaptive: forks a change of a constant allocation must show in"),
            new GateConfiguration.Setting(RECORD_FORKS, String.valueOf(DEFAULT_PLAN.recordForks()),
                    "engine=adaptive: forks every benchmark gets in record"),
            new GateConfiguration.Setting(MAX_FORKS, String.valueOf(DEFAULT_PLAN.maxForks()),
                    "engine=adaptive: the most forks a benchmark gets"),
            new GateConfiguration.Setting(PARALLEL_FORKS, "0", "engine=adaptive: benchmark JVMs at once (0: one per"
                    + " processor)"),
            new GateConfiguration.Setting(MAX_WARMUP, "5s", "engine=adaptive: cap of a fork's warmup"),
            new GateConfiguration.Setting(SETTLE_ROUNDS, String.valueOf(DEFAULT_PLAN.settleRounds()),
                    "engine=adaptive: warmup rounds in a row that must agree"),
            new GateConfiguration.Setting(JVM_ARGS, "", "extra arguments of the benchmark JVMs, separated by spaces"),
            new GateConfiguration.Setting(MODE, "", "JMH benchmark mode to force (avgt, thrpt, ...); empty: the declared"),
            new GateConfiguration.Setting(TIMEOUT_SECONDS, "3600", "the whole run fails after this many seconds"),
            new GateConfiguration.Setting(SHOW_JMH_OUTPUT, "false", "stream the benchmark JVMs' output to the log"),
            new GateConfiguration.Setting(WORKER_BYTES, "true", "bytes/op of the JMH worker threads only"),
            new GateConfiguration.Setting(OBJECTS_FORKS, "1", "engine=fixed: forks of the objects/op pass"),
            new GateConfiguration.Setting(OBJECTS_WARMUP_ITERATIONS, "8", "engine=fixed: warmup iterations of the"
                    + " objects/op pass"),
            new GateConfiguration.Setting(OBJECTS_UNAVAILABLE, "warn", "no native agent for this platform: warn (gate"
                    + " on bytes/op alone) or fail"));

    private static final Map<String, GateConfiguration.Setting> BY_PROPERTY = index();
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|min)?\\s*");

    /**
     * The settings {@code given} holds, each validated; the others take their defaults. Blank values count as not
     * given.
     *
     * @throws InvalidSettingException naming the property: an unknown {@code allocgate.*} key, or a value that is not
     *                                 a number, duration, choice or executable as the setting needs, or out of range
     */
    public static RunConfiguration of(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            if (!key.startsWith("allocgate.")) {
                return;
            }
            if (!BY_PROPERTY.containsKey(key)) {
                throw new InvalidSettingException(key, value, "is not a run setting of allocgate; known: "
                        + String.join(", ", BY_PROPERTY.keySet()));
            }
            if (value != null && !value.isBlank()) {
                values.put(key, value.strip());
            }
        });
        return resolve(new Values(values));
    }

    private static RunConfiguration resolve(Values v) {
        Optional<Path> jvm = v.optional(JVM).map(Path::of);
        jvm.ifPresent(java -> {
            if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
                throw new InvalidSettingException(JVM, java.toString(), "is " + java + ", which is not an executable"
                        + " file; give the path of a `java` binary");
            }
        });
        boolean adaptive = v.choice(ENGINE, "adaptive", "fixed").equals("adaptive");
        int forks = v.integer(FORKS, 1);
        int warmupIterations = v.integer(WARMUP_ITERATIONS, 0);
        Duration warmupTime = v.duration(WARMUP_TIME);
        int iterations = v.integer(ITERATIONS, 1);
        Duration measurementTime = v.duration(MEASUREMENT_TIME);
        int minForks = v.integer(MIN_FORKS, 1);
        int confirmForks = v.integer(CONFIRM_FORKS, minForks, MIN_FORKS);
        int recordForks = v.integer(RECORD_FORKS, 1);
        int maxForks = v.integer(MAX_FORKS, Math.max(confirmForks, recordForks),
                confirmForks >= recordForks ? CONFIRM_FORKS : RECORD_FORKS);
        int parallelForks = v.integer(PARALLEL_FORKS, 0);
        Duration maxWarmup = v.duration(MAX_WARMUP);
        int settleRounds = v.integer(SETTLE_ROUNDS, 2);
        List<String> jvmArgs = Arrays.stream(v.string(JVM_ARGS).split("\\s+")).filter(a -> !a.isEmpty()).toList();
        Optional<String> mode = v.optional(MODE);
        mode.ifPresent(m -> {
            if (m.startsWith("-")) {
                throw new InvalidSettingException(MODE, m, "must be a JMH benchmark mode (avgt, thrpt, sample, ss, all),"
                        + " not '" + m + "'");
            }
        });
        return new RunConfiguration(jvm, adaptive, forks, warmupIterations, warmupTime, iterations, measurementTime,
                minForks, confirmForks, recordForks, maxForks, parallelForks, maxWarmup, settleRounds, jvmArgs, mode,
                Duration.ofSeconds(v.integer(TIMEOUT_SECONDS, 1)), v.bool(SHOW_JMH_OUTPUT), v.bool(WORKER_BYTES),
                v.integer(OBJECTS_FORKS, 1), v.integer(OBJECTS_WARMUP_ITERATIONS, 0),
                v.choice(OBJECTS_UNAVAILABLE, "warn", "fail").equals("fail"));
    }

    /** The adaptive engine's plan with {@code availableProcessors} for {@code parallelForks=0}; empty with engine=fixed. */
    public Optional<ForkPlan> forkPlan(int availableProcessors) {
        if (!adaptive) {
            return Optional.empty();
        }
        return Optional.of(new ForkPlan(minForks, confirmForks, recordForks, maxForks,
                parallelForks > 0 ? parallelForks : Math.max(1, availableProcessors), maxWarmup, settleRounds));
    }

    /** The given values with the defaults, read and checked one property at a time. */
    private record Values(Map<String, String> given) {

        String string(String property) {
            String v = given.get(property);
            if (v != null) {
                return v;
            }
            String d = BY_PROPERTY.get(property).defaultValue();
            return d == null ? "" : d;
        }

        Optional<String> optional(String property) {
            return Optional.of(string(property)).filter(s -> !s.isBlank());
        }

        int integer(String property, int min) {
            return integer(property, min, null);
        }

        /** A whole number at least {@code min}; {@code minProperty} the setting {@code min} comes from, if any. */
        int integer(String property, int min, String minProperty) {
            String v = string(property);
            int value;
            try {
                value = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, v, "must be a whole number, not '" + v + "'");
            }
            if (value < min) {
                throw new InvalidSettingException(property, v, "must be at least " + min
                        + (minProperty == null ? "" : " (" + minProperty + ")") + ", not " + value);
            }
            return value;
        }

        boolean bool(String property) {
            String v = string(property);
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
            }
            throw new InvalidSettingException(property, v, "must be true or false, not '" + v + "'");
        }

        String choice(String property, String... choices) {
            String v = string(property).toLowerCase(Locale.ROOT);
            if (!List.of(choices).contains(v)) {
                throw new InvalidSettingException(property, string(property), "must be " + String.join(" or ", choices)
                        + ", not '" + string(property) + "'");
            }
            return v;
        }

        Duration duration(String property) {
            String v = string(property);
            Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new InvalidSettingException(property, v, "must be a duration such as 200ms, 1s or 2m, not '" + v + "'");
            }
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(property, v, "is too long: '" + v + "'");
            }
            String unit = m.group(2) == null ? "ms" : m.group(2);
            Duration d;
            try {
                d = switch (unit) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    default -> Duration.ofMillis(amount);
                };
            } catch (ArithmeticException e) {
                throw new InvalidSettingException(property, v, "is too long: '" + v + "'");
            }
            if (d.isZero()) {
                throw new InvalidSettingException(property, v, "must be longer than zero, not '" + v + "'");
            }
            return d;
        }
    }

    private static Map<String, GateConfiguration.Setting> index() {
        Map<String, GateConfiguration.Setting> out = new LinkedHashMap<>();
        SETTINGS.forEach(s -> out.put(s.property(), s));
        return java.util.Collections.unmodifiableMap(out);
    }
}
