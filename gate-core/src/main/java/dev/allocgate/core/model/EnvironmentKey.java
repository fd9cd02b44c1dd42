package dev.allocgate.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The part of a JVM fingerprint that changes what a benchmark allocates, and only that part: the one home of
 * "which differences matter". Measured on the sample suite (README, "Which JVM differences matter";
 * {@code bench/env-matrix.sh}): the JDK feature release and the object layout (compressed oops, compressed
 * class pointers, compact object headers, object alignment) change bytes/op; the GC, the vendor, the update
 * release and the heap size do not, except through the layout flags they imply (ZGC and heaps above 32 GB turn
 * compressed oops off, which the probe reads as the flag's value). HotSpot computes the layout in shared code
 * for every 64-bit CPU, so the architecture matters only as the pointer width (32 or 64 bits); another VM
 * (OpenJ9) lays objects out differently. Any field may be {@code null} when unknown; unknown fields are not
 * compared.
 *
 * @param jdkFeature              the JDK feature release ({@code "17"})
 * @param vm                      {@code "hotspot"}, {@code "openj9"} or another VM's name in lower case
 * @param pointerBits             32 or 64, from the architecture
 * @param compressedOops          {@code UseCompressedOops}
 * @param compressedClassPointers {@code UseCompressedClassPointers}
 * @param compactObjectHeaders    {@code UseCompactObjectHeaders}; {@code false} before JDK 24, which has no such flag
 * @param objectAlignment         {@code ObjectAlignmentInBytes}, 8 unless the JVM arguments set it
 */
public record EnvironmentKey(String jdkFeature, String vm, Integer pointerBits, Boolean compressedOops,
                             Boolean compressedClassPointers, Boolean compactObjectHeaders, Integer objectAlignment) {

    /** The first JDK feature release with {@code UseCompactObjectHeaders} (experimental in 24, product in 25). */
    private static final int FIRST_COMPACT_HEADERS_RELEASE = 24;
    private static final int DEFAULT_OBJECT_ALIGNMENT = 8;
    private static final String ALIGNMENT_FLAG = "-XX:ObjectAlignmentInBytes=";

    /** What matters of {@code environment}. */
    public static EnvironmentKey of(Environment environment) {
        String feature = Environment.featureVersion(environment.jdkVersion());
        Boolean compact = environment.compactObjectHeaders();
        if (compact == null && feature != null && isNumber(feature) && Integer.parseInt(feature) < FIRST_COMPACT_HEADERS_RELEASE) {
            compact = Boolean.FALSE;
        }
        Integer bits = pointerBits(environment.arch());
        if (bits == null && environment.vmName() != null && environment.vmName().contains("64-Bit")) {
            bits = 64; // JMH's results carry no architecture, but HotSpot's VM name says "64-Bit"
        }
        return new EnvironmentKey(feature, vmFamily(environment.vmName()), bits,
                environment.compressedOops(), environment.compressedClassPointers(), compact,
                objectAlignment(environment.jvmArgs()));
    }

    /** Differences in the fields both sides know, baseline first. */
    public List<Environment.Difference> differencesFrom(EnvironmentKey baseline) {
        List<Environment.Difference> out = new ArrayList<>();
        compare(out, "jdkFeatureVersion", baseline.jdkFeature, jdkFeature);
        compare(out, "vm", baseline.vm, vm);
        compare(out, "pointerBits", baseline.pointerBits, pointerBits);
        compare(out, "compressedOops", baseline.compressedOops, compressedOops);
        compare(out, "compressedClassPointers", baseline.compressedClassPointers, compressedClassPointers);
        compare(out, "compactObjectHeaders", baseline.compactObjectHeaders, compactObjectHeaders);
        compare(out, "objectAlignmentInBytes", baseline.objectAlignment, objectAlignment);
        return out;
    }

    /** Whether no field known on both sides differs. */
    public boolean consistentWith(EnvironmentKey other) {
        return differencesFrom(other).isEmpty();
    }

    /** Whether every field is known, so that {@link #directoryName()} names exactly one environment. */
    public boolean complete() {
        return jdkFeature != null && vm != null && pointerBits != null && compressedOops != null
                && compressedClassPointers != null && compactObjectHeaders != null && objectAlignment != null;
    }

    /**
     * The name of this environment's baseline directory: {@code jdk17}, then one part for each way it differs from
     * the JDK's defaults on a 64-bit HotSpot: {@code -compact-headers}, {@code -no-compressed-oops},
     * {@code -no-compressed-class-pointers}, {@code -align16}, {@code -32bit}, {@code -openj9}. Only
     * {@code [a-z0-9-]}, so it is a safe directory name everywhere. Unknown fields are taken as the defaults; see
     * {@link #complete()}.
     */
    public String directoryName() {
        StringBuilder name = new StringBuilder("jdk").append(jdkFeature == null ? "unknown" : safe(jdkFeature));
        if (vm != null && !vm.equals("hotspot")) {
            name.append('-').append(safe(vm));
        }
        if (pointerBits != null && pointerBits != 64) {
            name.append('-').append(pointerBits).append("bit");
        }
        if (Boolean.TRUE.equals(compactObjectHeaders)) {
            name.append("-compact-headers");
        }
        if (Boolean.FALSE.equals(compressedOops) && (pointerBits == null || pointerBits == 64)) {
            name.append("-no-compressed-oops");
        }
        if (Boolean.FALSE.equals(compressedClassPointers) && (pointerBits == null || pointerBits == 64)
                && !Boolean.TRUE.equals(compactObjectHeaders)) {
            name.append("-no-compressed-class-pointers");
        }
        if (objectAlignment != null && objectAlignment != DEFAULT_OBJECT_ALIGNMENT) {
            name.append("-align").append(objectAlignment);
        }
        return name.toString();
    }

    /** Whether {@code name} could be a {@link #directoryName()}: {@code jdk} and a release number first. */
    public static boolean looksLikeDirectoryName(String name) {
        return name.matches("jdk[0-9]+(-[a-z0-9]+)*");
    }

    private static void compare(List<Environment.Difference> out, String field, Object baseline, Object current) {
        if (baseline != null && current != null && !Objects.equals(baseline, current)) {
            out.add(new Environment.Difference(field, baseline, current));
        }
    }

    /** HotSpot under every vendor's name (OpenJDK, Oracle's "Java HotSpot(TM)", GraalVM's), OpenJ9, or the name. */
    static String vmFamily(String vmName) {
        if (vmName == null || vmName.isBlank()) {
            return null;
        }
        String lower = vmName.toLowerCase(Locale.ROOT);
        if (lower.contains("openj9") || lower.contains("j9")) {
            return "openj9";
        }
        if (lower.contains("hotspot") || lower.contains("openjdk") || lower.matches(".*(server|client) vm.*")) {
            return "hotspot";
        }
        return lower.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** 64 for the 64-bit CPUs Java runs on, 32 for the others, {@code null} when unknown. */
    static Integer pointerBits(String arch) {
        if (arch == null || arch.isBlank()) {
            return null;
        }
        String a = arch.toLowerCase(Locale.ROOT);
        return a.contains("64") || a.equals("s390x") || a.equals("sparcv9") ? 64 : 32;
    }

    /** The last {@code -XX:ObjectAlignmentInBytes=} of the JVM arguments, 8 without one, {@code null} when unknown. */
    static Integer objectAlignment(List<String> jvmArgs) {
        if (jvmArgs == null) {
            return null;
        }
        Integer alignment = DEFAULT_OBJECT_ALIGNMENT;
        for (String arg : jvmArgs) {
            if (arg.startsWith(ALIGNMENT_FLAG)) {
                try {
                    alignment = Integer.parseInt(arg.substring(ALIGNMENT_FLAG.length()).trim());
                } catch (NumberFormatException e) {
                    return null; // the JVM would have refused it; nothing to compare
                }
            }
        }
        return alignment;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}
