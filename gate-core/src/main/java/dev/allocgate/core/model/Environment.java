package dev.allocgate.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fingerprint of the JVM a benchmark ran on. Bytes per op depend on the JDK feature release and the object
 * layout (compressed oops and class pointers, compact headers, alignment), so a baseline recorded on one
 * configuration is never compared silently with another; {@link EnvironmentKey} holds which fields matter. Any field may be {@code null} when unknown
 * (for example results read from a JMH file carry no layout flags); unknown fields are not compared.
 */
public record Environment(
        String jdkVersion,
        String javaVendor,
        String vmName,
        String vmVersion,
        String jmhVersion,
        String gc,
        Boolean compressedOops,
        Boolean compressedClassPointers,
        Boolean compactObjectHeaders,
        Long maxHeapBytes,
        String arch,
        List<String> jvmArgs) {

    public Environment {
        jvmArgs = jvmArgs == null ? null : List.copyOf(jvmArgs);
    }

    public static final Environment UNKNOWN =
            new Environment(null, null, null, null, null, null, null, null, null, null, null, null);

    /** One field whose value differs between a baseline and the current run. */
    public record Difference(String field, Object baseline, Object current) {
        @Override
        public String toString() {
            return field + ": " + baseline + " -> " + current;
        }
    }

    /**
     * Differences in what changes what a benchmark allocates ({@link EnvironmentKey}): the JDK feature release,
     * the VM (HotSpot or another), the pointer width and the object layout flags. Fields unknown on either side are
     * not compared.
     */
    public List<Difference> differencesFrom(Environment baseline) {
        return EnvironmentKey.of(this).differencesFrom(EnvironmentKey.of(baseline));
    }

    /**
     * Differences that do not change bytes/op or objects/op, for the reader: the JDK version (update release),
     * vendor, VM name and version, GC and architecture (the pointer width, which matters, is compared by
     * {@link #differencesFrom}).
     */
    public List<Difference> informationalDifferencesFrom(Environment baseline) {
        List<Difference> out = new ArrayList<>();
        compare(out, "jdkVersion", baseline.jdkVersion, jdkVersion);
        compare(out, "javaVendor", baseline.javaVendor, javaVendor);
        compare(out, "vmName", baseline.vmName, vmName);
        compare(out, "gc", baseline.gc, gc);
        compare(out, "arch", baseline.arch, arch);
        return out;
    }

    private static void compare(List<Difference> out, String field, Object baseline, Object current) {
        if (baseline != null && current != null && !Objects.equals(baseline, current)) {
            out.add(new Difference(field, baseline, current));
        }
    }

    /** {@code "17"} for {@code "17.0.15"}, {@code "1.8"} style versions give {@code "8"}. */
    static String featureVersion(String jdkVersion) {
        if (jdkVersion == null || jdkVersion.isBlank()) {
            return null;
        }
        String v = jdkVersion.startsWith("1.") ? jdkVersion.substring(2) : jdkVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? v : v.substring(0, end);
    }
}
