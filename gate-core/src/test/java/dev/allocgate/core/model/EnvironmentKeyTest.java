package dev.allocgate.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentKeyTest {

    private static Environment env(String jdk, String vendor, String vmName, String gc, Boolean oops, Boolean ccp,
                                   Boolean compact, String arch, List<String> args) {
        return new Environment(jdk, vendor, vmName, jdk + "+6", "1.37", gc, oops, ccp, compact, 1L << 30, arch, args);
    }

    private static final Environment JDK17 = env("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "G1GC", true, true,
            null, "amd64", List.of());

    @Test
    void gcVendorUpdateAndSameWidthArchitectureDoNotMatter() {
        Environment other = env("17.0.9", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "ParallelGC", true, true,
                null, "aarch64", List.of("-XX:+UseParallelGC"));
        assertEquals(List.of(), other.differencesFrom(JDK17));
        assertEquals(List.of("jdkVersion: 17.0.15 -> 17.0.9", "javaVendor: Debian -> Eclipse Adoptium",
                        "gc: G1GC -> ParallelGC", "arch: amd64 -> aarch64"),
                other.informationalDifferencesFrom(JDK17).stream().map(Object::toString).toList());
        assertEquals(EnvironmentKey.of(JDK17), EnvironmentKey.of(other));
    }

    @Test
    void oracleHotSpotIsHotSpotButOpenJ9IsNot() {
        Environment oracle = env("17.0.2", "Oracle Corporation", "Java HotSpot(TM) 64-Bit Server VM", "G1GC", true, true,
                null, "x86_64", List.of());
        Environment j9 = env("17.0.2", "IBM", "Eclipse OpenJ9 VM", null, null, null, null, "amd64", List.of());
        assertEquals(List.of(), oracle.differencesFrom(JDK17));
        assertEquals("vm: hotspot -> openj9", j9.differencesFrom(JDK17).get(0).toString());
        assertEquals("jdk17-openj9", EnvironmentKey.of(j9).directoryName());
    }

    @Test
    void featureReleaseAndLayoutFlagsMatter() {
        Environment jdk25 = env("25.0.3", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "G1GC", true, true, false,
                "amd64", List.of());
        Environment compact = env("25.0.3", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "G1GC", true, true, true,
                "amd64", List.of("-XX:+UseCompactObjectHeaders"));
        Environment noOops = env("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "ZGC", false, true, null, "amd64",
                List.of("-XX:+UseZGC"));
        Environment aligned = env("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "G1GC", true, true, null, "amd64",
                List.of("-XX:ObjectAlignmentInBytes=32", "-XX:ObjectAlignmentInBytes=16"));
        assertEquals("[jdkFeatureVersion: 17 -> 25]", jdk25.differencesFrom(JDK17).toString());
        assertEquals("[compactObjectHeaders: false -> true]", compact.differencesFrom(jdk25).toString());
        assertEquals("[compressedOops: true -> false]", noOops.differencesFrom(JDK17).toString());
        assertEquals("[objectAlignmentInBytes: 8 -> 16]", aligned.differencesFrom(JDK17).toString());
        assertEquals("jdk17", EnvironmentKey.of(JDK17).directoryName());
        assertEquals("jdk25", EnvironmentKey.of(jdk25).directoryName());
        assertEquals("jdk25-compact-headers", EnvironmentKey.of(compact).directoryName());
        assertEquals("jdk17-no-compressed-oops", EnvironmentKey.of(noOops).directoryName());
        assertEquals("jdk17-align16", EnvironmentKey.of(aligned).directoryName());
    }

    @Test
    void thirtyTwoBitMattersAndUnknownFieldsAreNotCompared() {
        Environment x86 = env("17.0.15", "Debian", "OpenJDK Server VM", "SerialGC", false, false, null, "i386", List.of());
        assertEquals("[pointerBits: 64 -> 32, compressedOops: true -> false, compressedClassPointers: true -> false]",
                x86.differencesFrom(JDK17).toString());
        assertEquals("jdk17-32bit", EnvironmentKey.of(x86).directoryName());
        Environment fromJmhFile = new Environment("17.0.15", null, "OpenJDK 64-Bit Server VM", null, "1.37", null, null,
                null, null, null, null, null);
        EnvironmentKey partial = EnvironmentKey.of(fromJmhFile);
        assertFalse(partial.complete());
        assertNull(partial.objectAlignment());
        assertTrue(partial.consistentWith(EnvironmentKey.of(JDK17)));
        assertFalse(partial.consistentWith(EnvironmentKey.of(env("25.0.3", null, "OpenJDK 64-Bit Server VM", null,
                true, true, false, "amd64", List.of()))));
        assertTrue(EnvironmentKey.of(JDK17).complete());
    }

    @Test
    void directoryNamesAreRecognised() {
        assertTrue(EnvironmentKey.looksLikeDirectoryName("jdk17"));
        assertTrue(EnvironmentKey.looksLikeDirectoryName("jdk25-compact-headers"));
        assertFalse(EnvironmentKey.looksLikeDirectoryName("jmh-benchmarks"));
        assertFalse(EnvironmentKey.looksLikeDirectoryName("jdk"));
    }
}
