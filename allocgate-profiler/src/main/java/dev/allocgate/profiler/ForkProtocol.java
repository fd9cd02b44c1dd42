package dev.allocgate.profiler;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * What allocgate (gate-core) and the benchmark JVMs it starts ({@code ForkMain}) say to each other, defined once for
 * both sides: the classes allocgate names, the fork's exit codes, the names of the secondary metrics allocgate's
 * profilers write into JMH's results, and the lines a fork prints for allocgate. Only the JDK is used here, so
 * gate-core can read it without JMH on its class path.
 *
 * <p>Line grammar: every line addressed to allocgate is {@value #PREFIX}{@code <kind>[ <text>]} ({@link Kind}); any
 * other line is the benchmark's or JMH's own output.
 */
public final class ForkProtocol {
    /** Start of every line addressed to allocgate. */
    public static final String PREFIX = "allocgate-fork ";

    /** Main class of a benchmark JVM. */
    public static final String FORK_MAIN = "dev.allocgate.profiler.ForkMain";
    /** Main class of the JMH host JVM of the fixed engine: JMH's Main, ended when allocgate ends. */
    public static final String WATCHED_JMH_MAIN = "dev.allocgate.profiler.WatchedJmhMain";
    /** Public static method of {@link #FORK_MAIN}, {@code List<String> listing(List<String>)}, called in-process. */
    public static final String LISTING_METHOD = "listing";
    /** The JMH profiler that counts objects per operation. */
    public static final String OBJECT_COUNT_PROFILER = "dev.allocgate.profiler.ObjectCountProfiler";
    /** The JMH profiler that measures the benchmark's worker threads' bytes per operation. */
    public static final String WORKER_BYTES_PROFILER = "dev.allocgate.profiler.WorkerBytesProfiler";

    /**
     * Times a fork measures again when its measured iterations disagree (the JIT changed the benchmark's code after
     * the warmup had settled) before it writes the last measurement as {@linkplain Done#steady() unsteady}.
     */
    public static final int MAX_REMEASUREMENTS = 2;

    /**
     * The charset of the lines a child JVM prints to allocgate: the platform's native encoding, which a JVM of release
     * 17 or later writes to a pipe in; the default charset where the property is missing or names a charset this JVM
     * lacks.
     */
    public static Charset lineCharset() {
        String nativeEncoding = System.getProperty("native.encoding");
        try {
            return nativeEncoding == null ? Charset.defaultCharset() : Charset.forName(nativeEncoding);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** The {@code run} option that names one more result file: {@code <mode>=<path>}, a mode {@link #runMode} runs alike. */
    public static final String ALSO_RESULT = "--also-result";

    /**
     * The JMH mode, by its short label, in which a fork runs a benchmark of {@code mode} (a short label or a mode's
     * name): the same, but SampleTime as AverageTime ({@code ForkMain.runMode} says why). Modes run alike are one
     * measurement: one fork serves all of a method's modes that map to the same label ({@link #ALSO_RESULT}).
     */
    public static String runMode(String mode) {
        return switch (mode) {
            case "sample", "SampleTime", "avgt", "AverageTime" -> "avgt";
            case "Throughput" -> "thrpt";
            case "SingleShotTime" -> "ss";
            default -> mode;
        };
    }

    /** Exit code when JMH or the benchmark failed; the reason is on an {@link Kind#ERROR} line. */
    public static final int EXIT_FAILED = 3;
    /** Exit code for a bad command line. */
    public static final int EXIT_USAGE = 2;

    /** Secondary metric: the worker threads' bytes per operation (B/op), written for every iteration. */
    public static final String WORKER_BYTES_NORM = "allocgate.bytes.norm";
    /** Secondary metric: the worker threads' bytes in an iteration (B), summed. */
    public static final String WORKER_BYTES = "allocgate.bytes";
    /** Secondary metric: the worker threads' objects per operation (objects/op). */
    public static final String OBJECTS_NORM = "allocgate.objects.norm";
    /** Secondary metric: the worker threads' objects in an iteration (objects), summed. */
    public static final String OBJECTS = "allocgate.objects";
    /**
     * Secondary metric a fork writes: the operations of each measured iteration (JMH's {@code getAllOps()}, by which
     * the allocation metrics are divided). allocgate bounds JMH's own per-iteration allocation in per-operation terms
     * with the fewest of them, exactly, instead of estimating operations from the score.
     */
    public static final String OPS_PER_ITERATION = "allocgate.ops";
    /**
     * Secondary metric a fork writes when it can: the worker threads' bytes per operation of each measured iteration
     * without what they allocate per iteration whatever its length (JMH's result objects, an iteration set-up), which
     * the fork tells apart from its warmup rounds (B/op; see {@code JmhShare}). Absent when that share is not known.
     */
    public static final String WORKER_BYTES_NET_NORM = "allocgate.bytes.net.norm";
    /**
     * How far, in bytes per iteration, {@link #WORKER_BYTES_NET_NORM} may miss what the benchmark itself allocated: the
     * fork takes the share apart only when every warmup round and measured iteration lies this close to one line. The
     * share is not quite the same in every iteration: 472 B in a run's first measured iteration and 456 B after it on a
     * short operation; on an operation of about 1 ms whose loop C2 compiles by on-stack replacement, 696, 632, 488, 456,
     * 488 and 456 B in a run's six measured iterations and 536 to 600 B in its warmup rounds (JDK 17).
     */
    public static final double NET_RESIDUAL_BYTES = 256;
    /** Secondary metric: every thread's objects per operation, for diagnosis. */
    public static final String ALL_THREADS_OBJECTS_NORM = "allocgate.objects.allThreads.norm";

    /** The kinds of line, each with the word that follows {@link #PREFIX}. */
    public enum Kind {
        /** {@code list}: the VM's name ({@code java.vm.name}), first. */
        VM("vm"),
        /** {@code list}: one JSON object per selected benchmark entry. */
        ENTRY("entry"),
        /** {@code list}: the listing is complete (no text). */
        LISTED("listed"),
        /** {@code run}: one warmup round's figures, for the build log. */
        WARMUP("warmup"),
        /** {@code run}: the measurement's iterations disagreed, so it runs again; for the build log. */
        REMEASURE("remeasure"),
        /**
         * {@code run}: a fork that could have taken JMH's share out of bytes/op ({@link #WORKER_BYTES_NET_NORM}) did not;
         * why, and the {@code operations:bytes} of its settled warmup rounds and measured iterations, for the log.
         */
        GROSS("gross"),
        /** {@code run}: the measurement is written; text as {@link Done#text()}. */
        DONE("done"),
        /** Either command failed: the first line of the reason. */
        ERROR("error");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The line of this kind that carries {@code text}. */
        public String line(String text) {
            return PREFIX + word + " " + text;
        }

        /** The line of this kind without text (as {@link #LISTED}). */
        public String line() {
            return PREFIX + word;
        }

        /** Whether {@code line} is of this kind. */
        public boolean matches(String line) {
            return line.startsWith(PREFIX + word) && (line.length() == PREFIX.length() + word.length()
                    || line.charAt(PREFIX.length() + word.length()) == ' ');
        }

        /** The text of {@code line} when it is of this kind ("" when it has none). */
        public Optional<String> text(String line) {
            if (!matches(line)) {
                return Optional.empty();
            }
            int start = PREFIX.length() + word.length() + 1;
            return Optional.of(line.length() > start ? line.substring(start) : "");
        }
    }

    /** How a fork's warmup ended, as its {@link Kind#DONE} line says it. */
    public enum WarmupEnd {
        /** C2 had compiled the benchmark's code and the last rounds agreed on its allocation. */
        SETTLED("settled"),
        /**
         * C2 had compiled the benchmark's code for several rounds, and its allocation went on varying from round to
         * round without a trend (it depends on the scheduling of its threads, as under lock contention): more
         * warmup would not make the rounds agree.
         */
        FLUCTUATING("fluctuating"),
        /** The warmup reached its cap first: the fork may have measured interpreted or C1 code. */
        CAPPED("not-settled");

        private final String word;

        WarmupEnd(String word) {
            this.word = word;
        }

        /** The word of a {@link Kind#DONE} line. */
        public String word() {
            return word;
        }

        static Optional<WarmupEnd> ofWord(String word) {
            for (WarmupEnd end : values()) {
                if (end.word.equals(word)) {
                    return Optional.of(end);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A {@link Kind#DONE} line's text: {@code warmup-rounds R warmup-ms W settled|fluctuating|not-settled
     * iteration-ms I total-ms T[ remeasured K][ unsteady][ c2-unchecked]}.
     *
     * @param warmupEnd   how the warmup ended
     * @param c2Unchecked the JVM could not tell whether C2 had compiled the benchmark (no {@code Compiler.codelist}),
     *                    so the warmup ended on the allocation's agreement alone
     * @param remeasured  how many times the measurement was run again because its iterations disagreed (the JIT
     *                    changed the benchmark's code after the warmup had settled)
     * @param steady      false when the measurement written still has iterations that disagree
     */
    public record Done(int warmupRounds, long warmupMillis, WarmupEnd warmupEnd, long iterationMillis, long totalMillis,
                       boolean c2Unchecked, int remeasured, boolean steady) {
        private static final String C2_UNCHECKED = "c2-unchecked";
        private static final String REMEASURED = "remeasured";
        private static final String UNSTEADY = "unsteady";

        /** A fork whose first measurement was steady. */
        public Done(int warmupRounds, long warmupMillis, WarmupEnd warmupEnd, long iterationMillis, long totalMillis,
                boolean c2Unchecked) {
            this(warmupRounds, warmupMillis, warmupEnd, iterationMillis, totalMillis, c2Unchecked, 0, true);
        }

        /** Whether the warmup ended with rounds that agreed. */
        public boolean settled() {
            return warmupEnd == WarmupEnd.SETTLED;
        }

        public String text() {
            return "warmup-rounds " + warmupRounds + " warmup-ms " + warmupMillis + " " + warmupEnd.word()
                    + " iteration-ms " + iterationMillis + " total-ms " + totalMillis
                    + (remeasured > 0 ? " " + REMEASURED + " " + remeasured : "") + (steady ? "" : " " + UNSTEADY)
                    + (c2Unchecked ? " " + C2_UNCHECKED : "");
        }

        /** The record of {@link #text()}; empty for text in another shape (a fork of another version). */
        public static Optional<Done> parse(String text) {
            String[] w = text.split(" ");
            Optional<WarmupEnd> warmupEnd = w.length < 9 ? Optional.empty() : WarmupEnd.ofWord(w[4]);
            if (warmupEnd.isEmpty() || !w[0].equals("warmup-rounds") || !w[2].equals("warmup-ms")
                    || !w[5].equals("iteration-ms") || !w[7].equals("total-ms")) {
                return Optional.empty();
            }
            try {
                int i = 9;
                int remeasured = 0;
                if (i + 1 < w.length && w[i].equals(REMEASURED)) {
                    remeasured = Integer.parseInt(w[i + 1]);
                    i += 2;
                }
                boolean unsteady = i < w.length && w[i].equals(UNSTEADY);
                i += unsteady ? 1 : 0;
                boolean c2Unchecked = i < w.length && w[i].equals(C2_UNCHECKED);
                i += c2Unchecked ? 1 : 0;
                if (i != w.length || remeasured < 0) {
                    return Optional.empty();
                }
                return Optional.of(new Done(Integer.parseInt(w[1]), Long.parseLong(w[3]), warmupEnd.get(),
                        Long.parseLong(w[6]), Long.parseLong(w[8]), c2Unchecked, remeasured, !unsteady));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Whether {@code line} is addressed to allocgate. */
    public static boolean isProtocolLine(String line) {
        return line.startsWith(PREFIX);
    }

    private ForkProtocol() {
    }
}
