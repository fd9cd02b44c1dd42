package dev.allocgate.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.ProfileEntry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The flame graph file: root first, the type last, bytes per 1,000 operations; nothing that splits a line. */
class CollapsedStacksTest {

    @Test
    void oneLinePerSiteFromTheBenchmarkDownToTheType() {
        AllocationSite boxed = new AllocationSite("java.lang.Long",
                List.of("java.lang.Long.valueOf(Long.java:1211)", "com.acme.Bench.box(Bench.java:22)"));
        AllocationSite odd = new AllocationSite("byte[]", List.of("com.acme.Bench.box;odd(Bench.java:23)"));
        Map<BenchmarkKey, AllocationProfile> profiles = new TreeMap<>(Map.of(
                BenchmarkKey.of("com.acme.Bench.box", "avgt", Map.of("n", "1 2")),
                new AllocationProfile(List.of(new ProfileEntry(boxed, 1, 24), new ProfileEntry(odd, 0.5, 12.5),
                        new ProfileEntry(new AllocationSite("int[]", List.of()), 0.00001, 0.0001)),
                        0, 0)));
        assertEquals(List.of(
                "com.acme.Bench.box (n=1 2) [avgt];com.acme.Bench.box(Bench.java:22);java.lang.Long.valueOf(Long.java:1211);"
                        + "java.lang.Long (boxing) 24000",
                "com.acme.Bench.box (n=1 2) [avgt];com.acme.Bench.box,odd(Bench.java:23);byte[] 12500"),
                CollapsedStacks.lines(profiles), "a site below one byte per 1,000 operations is left out");
    }
}
