package dev.allocgate.core.env;

import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.EnvironmentKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a JMH results file's {@code jvmArgs} say about the GC and the object layout. JMH's JSON carries
 * {@code jvmArgs}, {@code vmName} and {@code jdkVersion}, but no GC or layout; a flag given explicitly in
 * {@code jvmArgs} (the last occurrence wins, as in the JVM) is what the fork ran with. A field the arguments
 * do not set stays {@code null}: unknown, never guessed from this machine's defaults.
 */
public final class JvmArgsFlags {

    /** GC selection flags ({@code -XX:+Use...}) and the name the environment probe reports for each. */
    private static final Map<String, String> GC_FLAGS = Map.of(
            "UseSerialGC", "SerialGC",
            "UseParallelGC", "ParallelGC",
            "UseParallelOldGC", "ParallelGC",
            "UseG1GC", "G1GC",
            "UseZGC", "ZGC",
            "UseShenandoahGC", "ShenandoahGC",
            "UseEpsilonGC", "EpsilonGC",
            "UseConcMarkSweepGC", "ConcMarkSweepGC");

    private JvmArgsFlags() {
    }

    /** {@code env} with its unknown GC and layout fields filled from the flags its {@code jvmArgs} set explicitly. */
    public static Environment complete(Environment env) {
        List<String> args = env.jvmArgs();
        if (args == null || args.isEmpty()) {
            return env;
        }
        String gc = null;
        Boolean oops = null;
        Boolean classPointers = null;
        Boolean compactHeaders = null;
        for (String arg : args) {
            if (!arg.startsWith("-XX:+") && !arg.startsWith("-XX:-")) {
                continue;
            }
            boolean on = arg.charAt(4) == '+';
            String flag = arg.substring(5);
            switch (flag) {
                case "UseCompressedOops" -> oops = on;
                case "UseCompressedClassPointers" -> classPointers = on;
                case "UseCompactObjectHeaders" -> compactHeaders = on;
                default -> {
                    String selected = GC_FLAGS.get(flag);
                    if (selected != null && on) {
                        gc = selected;
                    }
                }
            }
        }
        return new Environment(env.jdkVersion(), env.javaVendor(), env.vmName(), env.vmVersion(), env.jmhVersion(),
                first(env.gc(), gc), first(env.compressedOops(), oops), first(env.compressedClassPointers(), classPointers),
                first(env.compactObjectHeaders(), compactHeaders), env.maxHeapBytes(), env.arch(), env.jvmArgs());
    }

    private static <T> T first(T known, T fromArgs) {
        return known != null ? known : fromArgs;
    }

    /**
     * The compared fields ({@link EnvironmentKey}) that one side knows and the other does not, or neither, so they
     * were not compared.
     */
    public static List<String> uncompared(Environment current, Environment baseline) {
        EnvironmentKey c = EnvironmentKey.of(current);
        EnvironmentKey b = EnvironmentKey.of(baseline);
        List<String> out = new ArrayList<>();
        check(out, "JDK version", c.jdkFeature(), b.jdkFeature(), true);
        check(out, "VM name", c.vm(), b.vm(), true);
        check(out, "UseCompressedOops", c.compressedOops(), b.compressedOops(), true);
        check(out, "UseCompressedClassPointers", c.compressedClassPointers(), b.compressedClassPointers(), true);
        check(out, "UseCompactObjectHeaders", c.compactObjectHeaders(), b.compactObjectHeaders(), false);
        check(out, "architecture", c.pointerBits(), b.pointerBits(), true);
        return out;
    }

    private static void check(List<String> out, String field, Object current, Object baseline, boolean bothUnknownCounts) {
        if (current == null && baseline == null ? bothUnknownCounts : (current == null) != (baseline == null)) {
            out.add(field);
        }
    }
}
