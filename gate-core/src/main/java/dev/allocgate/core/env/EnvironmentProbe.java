package dev.allocgate.core.env;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.parallel.DaemonThreads;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds what JMH's results leave out about the benchmark JVM (GC, compressed oops and class pointers,
 * compact object headers, maximum heap, architecture, vendor) by starting the same {@code java} with the
 * same JVM arguments on this class and reading what it prints.
 *
 * <p>Which arguments reach the probe: all, except those that load code into the JVM or choose what it
 * runs. Agents ({@code -javaagent:}, {@code -agentlib:}, {@code -agentpath:}, {@code -Xrun...}) are
 * dropped: they do not change the heap layout or GC, may need files only the benchmark fork has, may
 * print to stdout, and a debugger agent with {@code suspend=y} would hang the probe. The class path
 * ({@code -cp}, {@code -classpath}, {@code --class-path}), {@code -jar}, {@code -m}/{@code --module} and
 * their values are replaced by the probe's own. Everything else (heap size, GC and layout flags,
 * {@code -XX:+UnlockExperimentalVMOptions}, {@code -D} properties, {@code @argfiles}) is passed as is, so
 * the probe's ergonomics match the fork's; an argument the JVM rejects fails the probe as it would fail
 * the benchmark fork.
 *
 * <p>The probe inherits the environment (so {@code JAVA_TOOL_OPTIONS} applies as it does to the forks)
 * and the working directory.
 */
public final class EnvironmentProbe {

    /** How long the probe JVM may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final String BEGIN_MARKER = "#allocgate-environment-probe-begin";
    static final String END_MARKER = "#allocgate-environment-probe-end";

    static final String JAVA_VERSION = "java.version";
    static final String JAVA_VENDOR = "java.vendor";
    static final String VM_NAME = "java.vm.name";
    static final String VM_VERSION = "java.vm.version";
    static final String OS_ARCH = "os.arch";
    static final String GC = "gc";
    static final String COMPRESSED_OOPS = "UseCompressedOops";
    static final String COMPRESSED_CLASS_POINTERS = "UseCompressedClassPointers";
    static final String COMPACT_OBJECT_HEADERS = "UseCompactObjectHeaders";
    static final String MAX_HEAP_SIZE = "MaxHeapSize";

    /** GC selection flags and the name reported for each (the flag without {@code Use}). */
    private static final Map<String, String> GC_FLAGS = new LinkedHashMap<>();

    static {
        for (String gc : List.of("SerialGC", "ParallelGC", "G1GC", "ZGC", "ShenandoahGC", "EpsilonGC")) {
            GC_FLAGS.put("Use" + gc, gc);
        }
    }

    private static final int STDERR_TAIL_CHARS = 2000;

    private EnvironmentProbe() {
    }

    /**
     * Entry point of the probe JVM: prints the fingerprint as {@link Properties} lines between two marker
     * lines to stdout. Keys: {@code java.version}, {@code java.vendor}, {@code java.vm.name},
     * {@code java.vm.version}, {@code os.arch}, {@code gc}, {@code UseCompressedOops},
     * {@code UseCompressedClassPointers}, {@code UseCompactObjectHeaders}, {@code MaxHeapSize}; a key whose
     * value is unknown (for example a flag this JVM does not have) is left out. Uses nothing but the JDK.
     */
    public static void main(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String property : List.of(JAVA_VERSION, JAVA_VENDOR, VM_NAME, VM_VERSION, OS_ARCH)) {
            String value = System.getProperty(property);
            if (value != null) {
                values.put(property, value);
            }
        }
        HotSpotDiagnosticMXBean hotSpot = hotSpotBean();
        String gc = null;
        for (Map.Entry<String, String> flag : GC_FLAGS.entrySet()) {
            if ("true".equals(vmOption(hotSpot, flag.getKey()))) {
                gc = flag.getValue();
                break;
            }
        }
        if (gc == null) {
            gc = gcFromCollectorBeans();
        }
        if (gc != null) {
            values.put(GC, gc);
        }
        for (String flag : List.of(COMPRESSED_OOPS, COMPRESSED_CLASS_POINTERS, COMPACT_OBJECT_HEADERS, MAX_HEAP_SIZE)) {
            String value = vmOption(hotSpot, flag);
            if (value != null) {
                values.put(flag, value);
            }
        }
        StringBuilder out = new StringBuilder(BEGIN_MARKER).append('\n');
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.append(escapeProperty(e.getKey())).append('=').append(escapeProperty(e.getValue())).append('\n');
        }
        out.append(END_MARKER).append('\n');
        // One write, so JVM log lines on stdout (-Xlog, -verbose:gc) cannot land inside the block.
        System.out.print(out);
        System.out.flush();
    }

    private static HotSpotDiagnosticMXBean hotSpotBean() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null; // not a HotSpot JVM, or jdk.management missing
        }
    }

    /** The value of a VM flag, or {@code null} when this JVM has no such flag. */
    private static String vmOption(HotSpotDiagnosticMXBean hotSpot, String name) {
        if (hotSpot == null) {
            return null;
        }
        try {
            VMOption option = hotSpot.getVMOption(name);
            return option == null ? null : option.getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The GC named after its collector beans, for JVMs without the HotSpot flags. */
    private static String gcFromCollectorBeans() {
        Set<String> names = new TreeSet<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(bean.getName());
        }
        if (names.isEmpty()) {
            return null;
        }
        for (String name : names) {
            if (name.equals("Copy") || name.equals("MarkSweepCompact")) {
                return "SerialGC";
            }
            if (name.startsWith("PS ")) {
                return "ParallelGC";
            }
            if (name.startsWith("G1 ")) {
                return "G1GC";
            }
            if (name.startsWith("ZGC")) {
                return "ZGC";
            }
            if (name.startsWith("Shenandoah")) {
                return "ShenandoahGC";
            }
        }
        return String.join("+", names);
    }

    /** Escapes for {@link Properties#load(java.io.Reader)}, in the form {@link Properties#store} uses. */
    private static String escapeProperty(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!', ' ' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Runs {@code javaExecutable <jvmArgs> -cp <this class's jar or classes directory>
     * dev.allocgate.core.env.EnvironmentProbe} (agents and class-path arguments filtered out, see the
     * class documentation) with a {@linkplain #DEFAULT_TIMEOUT 30 s timeout} and parses its output.
     * {@code jvmArgs} is recorded unchanged in the result.
     *
     * @throws BenchmarkRunException if {@code java} cannot be started, exits with an error, times out or
     *                               prints no fingerprint; the message holds the command and the end of
     *                               its stderr
     */
    public static Environment probe(Path javaExecutable, List<String> jvmArgs) throws BenchmarkRunException {
        return probe(javaExecutable, jvmArgs, DEFAULT_TIMEOUT);
    }

    /**
     * Fingerprints probed in this JVM, or being probed, by {@code java} executable and arguments: the same JVM answers
     * the same. A failed probe is removed, so that the next call tries again.
     */
    private static final Map<List<Object>, CompletableFuture<Environment>> PROBED = new ConcurrentHashMap<>();

    /**
     * As {@link #probe(Path, List)}, once per {@code java} and arguments in this JVM: choosing the baselines of the
     * benchmark JVM's environment before a run and fingerprinting its results after start the probe once. Waits for
     * a probe that {@link #probeInBackground} started.
     */
    public static Environment probeOnce(Path javaExecutable, List<String> jvmArgs) throws BenchmarkRunException {
        List<Object> key = key(javaExecutable, jvmArgs);
        CompletableFuture<Environment> started = PROBED.get(key);
        if (started == null) {
            Environment probed = probe(javaExecutable, jvmArgs);
            PROBED.putIfAbsent(key, CompletableFuture.completedFuture(probed));
            return probed;
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            PROBED.remove(key, started);
            if (e.getCause() instanceof BenchmarkRunException failed) {
                throw failed;
            }
            throw e.getCause() instanceof RuntimeException failed ? failed : e;
        }
    }

    /**
     * Starts {@link #probeOnce}'s probe on a thread of its own and returns at once, so that the benchmark JVM starts
     * while the caller prepares the run (its class path, the counting agent). A failure shows when {@code probeOnce}
     * asks for the result.
     */
    public static void probeInBackground(Path javaExecutable, List<String> jvmArgs) {
        PROBED.computeIfAbsent(key(javaExecutable, jvmArgs), key -> {
            CompletableFuture<Environment> probe = new CompletableFuture<>();
            DaemonThreads.start("allocgate-environment-probe", () -> {
                try {
                    probe.complete(probe(javaExecutable, jvmArgs));
                } catch (BenchmarkRunException | RuntimeException e) {
                    probe.completeExceptionally(e);
                }
            });
            return probe;
        });
    }

    private static List<Object> key(Path javaExecutable, List<String> jvmArgs) {
        return List.of(javaExecutable.toAbsolutePath().normalize(), List.copyOf(jvmArgs));
    }

    static Environment probe(Path javaExecutable, List<String> jvmArgs, Duration timeout) throws BenchmarkRunException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(probeArguments(jvmArgs));
        command.add("-cp");
        command.add(ownLocation().toString());
        command.add(EnvironmentProbe.class.getName());
        String shown = String.join(" ", command);

        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("allocgate-probe", ".out");
            stderr = Files.createTempFile("allocgate-probe", ".err");
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                process.getOutputStream().close(); // the probe reads no input
            } catch (IOException e) {
                throw new BenchmarkRunException("Cannot start the JVM environment probe with java executable "
                        + javaExecutable + ": " + e.getMessage() + "\n  command: " + shown, e);
            }
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new BenchmarkRunException("Interrupted while waiting for the JVM environment probe\n  command: "
                        + shown, e);
            }
            if (!finished) {
                process.destroyForcibly();
                waitQuietly(process);
                throw new BenchmarkRunException("The JVM environment probe did not finish within " + timeout.toSeconds()
                        + " s\n  command: " + shown + stderrTail(stderr), List.of());
            }
            String output = Files.readString(stdout, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new BenchmarkRunException("The JVM environment probe failed with exit code " + process.exitValue()
                        + " (check the JVM arguments: a benchmark JVM started with them would most likely fail too)\n  command: "
                        + shown
                        + stderrTail(stderr), List.of());
            }
            return parse(output, jvmArgs, shown + stderrTail(stderr));
        } catch (IOException e) {
            throw new BenchmarkRunException("Cannot run the JVM environment probe: " + e + "\n  command: " + shown, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    /** The JVM arguments passed to the probe: {@code jvmArgs} without agents and class-path/main-selection options. */
    static List<String> probeArguments(List<String> jvmArgs) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < jvmArgs.size(); i++) {
            String arg = jvmArgs.get(i);
            if (arg.startsWith("-javaagent:") || arg.startsWith("-agentlib:") || arg.startsWith("-agentpath:")
                    || arg.startsWith("-Xrun")) {
                continue;
            }
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path") || arg.equals("-jar")
                    || arg.equals("-m") || arg.equals("--module")) {
                i++; // and its value
                continue;
            }
            if (arg.startsWith("--class-path=") || arg.startsWith("--module=")) {
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    /** Parses the probe's output; {@code context} (command and stderr) goes into error messages. */
    static Environment parse(String output, List<String> jvmArgs, String context) throws BenchmarkRunException {
        int begin = output.indexOf(BEGIN_MARKER + "\n");
        int end = output.indexOf(END_MARKER, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            throw new BenchmarkRunException("The JVM environment probe printed no fingerprint; its output was:\n"
                    + tail(output) + "\n  command: " + context, List.of());
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(output.substring(begin + BEGIN_MARKER.length() + 1, end)));
        } catch (IOException | IllegalArgumentException e) {
            throw new BenchmarkRunException("Cannot parse the output of the JVM environment probe: " + e.getMessage()
                    + "\n  command: " + context, e);
        }
        Long maxHeap = null;
        String heap = properties.getProperty(MAX_HEAP_SIZE);
        if (heap != null) {
            try {
                maxHeap = Long.parseUnsignedLong(heap.trim());
            } catch (NumberFormatException e) {
                throw new BenchmarkRunException("The JVM environment probe reported MaxHeapSize=" + heap
                        + ", not a number\n  command: " + context, e);
            }
        }
        return new Environment(
                properties.getProperty(JAVA_VERSION),
                properties.getProperty(JAVA_VENDOR),
                properties.getProperty(VM_NAME),
                properties.getProperty(VM_VERSION),
                null,
                properties.getProperty(GC),
                flag(properties, COMPRESSED_OOPS, context),
                flag(properties, COMPRESSED_CLASS_POINTERS, context),
                flag(properties, COMPACT_OBJECT_HEADERS, context),
                maxHeap,
                properties.getProperty(OS_ARCH),
                jvmArgs);
    }

    private static Boolean flag(Properties properties, String name, String context) throws BenchmarkRunException {
        String value = properties.getProperty(name);
        if (value == null) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BenchmarkRunException("The JVM environment probe reported " + name + "=" + value
                    + ", not true or false\n  command: " + context, List.of());
        };
    }

    /**
     * The fingerprint with every field that {@code fromJmh} leaves {@code null} taken from {@code probed};
     * JMH's own values win, since they describe the fork that really ran.
     */
    public static Environment merge(Environment fromJmh, Environment probed) {
        return new Environment(
                first(fromJmh.jdkVersion(), probed.jdkVersion()),
                first(fromJmh.javaVendor(), probed.javaVendor()),
                first(fromJmh.vmName(), probed.vmName()),
                first(fromJmh.vmVersion(), probed.vmVersion()),
                first(fromJmh.jmhVersion(), probed.jmhVersion()),
                first(fromJmh.gc(), probed.gc()),
                first(fromJmh.compressedOops(), probed.compressedOops()),
                first(fromJmh.compressedClassPointers(), probed.compressedClassPointers()),
                first(fromJmh.compactObjectHeaders(), probed.compactObjectHeaders()),
                first(fromJmh.maxHeapBytes(), probed.maxHeapBytes()),
                first(fromJmh.arch(), probed.arch()),
                first(fromJmh.jvmArgs(), probed.jvmArgs()));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The jar or classes directory this class was loaded from: the probe's class path. */
    static Path ownLocation() throws BenchmarkRunException {
        CodeSource source = EnvironmentProbe.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new BenchmarkRunException("Cannot locate the jar of " + EnvironmentProbe.class.getName()
                    + " to start the JVM environment probe", List.of());
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new BenchmarkRunException("Cannot turn " + source.getLocation() + " into a path for the JVM environment probe", e);
        }
    }

    private static String stderrTail(Path stderr) {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "\n  stderr: (empty)" : "\n  stderr:\n" + tail(text);
        } catch (IOException e) {
            return "\n  stderr: (unreadable: " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= STDERR_TAIL_CHARS ? text : "..." + text.substring(text.length() - STDERR_TAIL_CHARS);
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; nothing depends on it
            }
        }
    }
}
