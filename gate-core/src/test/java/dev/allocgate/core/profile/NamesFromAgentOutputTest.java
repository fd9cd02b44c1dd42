package dev.allocgate.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names the reports give to what the agent really wrote, on JDK 17 and JDK 25: profiles of allocgate-profiler's
 * {@code NamingBenchmarks} (a profiling fork each, C2-compiled), kept in {@code src/test/resources/profiles/}.
 */
class NamesFromAgentOutputTest {

    private static final String BENCH = "dev.allocgate.profiler.bench.NamingBenchmarks.";

    /** The site of one object per operation allocated at {@code line} of the benchmark, as the reports write it. */
    private static String site(String jdk, String benchmark, String type) throws Exception {
        Path file = Path.of(NamesFromAgentOutputTest.class.getResource("/profiles/jdk" + jdk + "-" + benchmark + ".tsv").toURI());
        AllocationProfile profile = ProfileFile.read(file).getValue();
        List<ProfileEntry> matching = profile.entries().stream().filter(e -> e.site().type().equals(type)
                && e.objectsPerOp() >= 0.99 && e.site().frames().stream().anyMatch(f -> f.startsWith(BENCH + benchmark + "("))
                && (e.site().frames().size() < 2 || !e.site().frames().get(0).startsWith("java.util.Formatter"))).toList();
        ProfileEntry entry = matching.get(matching.size() - 1);
        return entry.site().typeLabel() + " at " + ExplanationText.frames(entry.site());
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void lambdasAreNamedByTheMethodThatCapturesThemAndTheOneTheirBodyIsIn(String jdk) throws Exception {
        assertEquals(BENCH.replace("NamingBenchmarks.", "NamingBenchmarks$$Lambda")
                        + " (lambda captured in NamingBenchmarks.lambda) at " + BENCH + "lambda(NamingBenchmarks.java:36)",
                site(jdk, "lambda", "dev.allocgate.profiler.bench.NamingBenchmarks$$Lambda"),
                "the hidden class loses its address and counter, java.lang.invoke's frames leave the text");
        String body = site(jdk, "lambdaBody", "int[]");
        assertEquals("int[] at lambda in " + BENCH + "lambdaBody(NamingBenchmarks.java:41) \u2190 java.util.ArrayList.forEach(",
                body.substring(0, body.indexOf("forEach(") + 8), "lambda$lambdaBody$1 and its bridge class's frame: " + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void boxingIteratorsArraysAndVarargs(String jdk) throws Exception {
        String box = site(jdk, "boxing", "java.lang.Long");
        assertEquals("java.lang.Long (boxing) at java.lang.Long.valueOf(", box.substring(0, box.indexOf("(Long.java") + 1));
        String iterator = site(jdk, "iterator", "java.util.ArrayList$Itr");
        assertEquals("java.util.ArrayList$Itr (ArrayList iterator) at java.util.ArrayList.iterator(",
                iterator.substring(0, iterator.indexOf("(ArrayList.java") + 1));
        assertEquals("byte[] at " + BENCH + "bytes(NamingBenchmarks.java:66)", site(jdk, "bytes", "byte[]"));
        assertEquals("java.lang.String[] at " + BENCH + "strings(NamingBenchmarks.java:71)",
                site(jdk, "strings", "java.lang.String[]"));
        assertEquals("java.lang.Object[] (varargs or array literal in NamingBenchmarks.varargs) at " + BENCH
                + "varargs(NamingBenchmarks.java:51)", site(jdk, "varargs", "java.lang.Object[]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void compiledStringConcatenationAllocatesAtTheLineOfThePlus(String jdk) throws Exception {
        // C2 fuses the concatenation: its byte[] and String are allocated in the benchmark's own frame, with no frame
        // of StringConcatHelper left to tell it from new String(...); the line names it.
        assertEquals("byte[] at " + BENCH + "concatenation(NamingBenchmarks.java:56)", site(jdk, "concatenation", "byte[]"));
        assertEquals("java.lang.String at " + BENCH + "concatenation(NamingBenchmarks.java:56)",
                site(jdk, "concatenation", "java.lang.String"));
    }

    /**
     * allocgate-profiler's {@code GroupBenchmarks.handoff}: a producer allocating one {@code long[2]} (32 B) per
     * operation, two consumers allocating nothing and running about a hundred times as many operations. The gate
     * reads one object and 32 B per group operation (one operation of each method); the profile must say the same,
     * not JMH's share of all threads' operations.
     */
    @org.junit.jupiter.api.Test
    void aGroupsSitesArePerOperationOfTheMethodThatAllocates() throws Exception {
        Path file = Path.of(getClass().getResource("/profiles/jdk17-group-handoff.tsv").toURI());
        AllocationProfile profile = ProfileFile.read(file).getValue();
        ProfileEntry event = profile.entries().get(0);
        assertEquals("long[]", event.site().type());
        assertEquals(List.of("dev.allocgate.profiler.bench.GroupBenchmarks.produce(GroupBenchmarks.java:38)"), event.site().frames());
        assertEquals(1.0, event.objectsPerOp(), 1e-9, "every producer allocation, warm-down included, over its own operations");
        assertEquals(32.0, event.bytesPerOp(), 1e-9);
        assertEquals(1.0, profile.totalObjectsPerOp(), 0.001, "the gate's objects/op of that fork: 1.015 and 1.003");
        List<String> lines = java.nio.file.Files.readAllLines(file);
        List<String> withoutMembers = lines.stream().filter(l -> !l.startsWith("member\t")).toList();
        double jmhShare = ProfileFile.parse(withoutMembers, file).getValue().totalObjectsPerOp();
        assertEquals(true, jmhShare < 0.01, "divided by every thread's operations it would read " + jmhShare);
    }

    @org.junit.jupiter.api.Test
    void arraysShowTheirSizePerAllocationOnEachSide() {
        AllocationSite buffer = new AllocationSite("byte[]", List.of("com.acme.Codec.buffer(Codec.java:60)"));
        AllocationProfile before = new AllocationProfile(List.of(new ProfileEntry(buffer, 1, 40)), 0, 0);
        AllocationProfile after = new AllocationProfile(List.of(new ProfileEntry(buffer, 1, 1040)), 0, 0);
        assertEquals("+0.00 byte[]/op (+1000 B/op, 40 B \u2192 1040 B each) at com.acme.Codec.buffer(Codec.java:60)"
                + " (1.00 \u2192 1.00 objects/op)", ExplanationText.line(ProfileDiff.between(before, after).get(0)));
    }

    @org.junit.jupiter.api.Test
    void interpretedStringConcatenationAndLambdaBodiesInStaticCode() {
        AllocationSite concat = new AllocationSite("byte[]", List.of(
                "java.lang.StringConcatHelper.newArray(StringConcatHelper.java:494)",
                "java.lang.invoke.DirectMethodHandle$Holder.invokeStatic(DirectMethodHandle$Holder)",
                "java.lang.invoke.LambdaForm$MH.invoke(LambdaForm$MH)", "com.acme.Log.line(Log.java:9)"));
        assertEquals("byte[] (string concatenation in Log.line)", concat.typeLabel());
        assertEquals("java.lang.StringConcatHelper.newArray(StringConcatHelper.java:494) \u2190 com.acme.Log.line(Log.java:9)",
                ExplanationText.frames(concat), "method handles' hidden frames leave the text");
        assertEquals("lambda in com.acme.Log.<clinit>(Log.java:3)", JvmNames.frameLabel("com.acme.Log.lambda$static$0(Log.java:3)"));
        assertEquals("com.acme.Log.lambdaOf(Log.java:3)", JvmNames.frameLabel("com.acme.Log.lambdaOf(Log.java:3)"));
    }
}
