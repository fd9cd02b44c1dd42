package dev.allocgate.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.model.BenchmarkKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static final Path FILE = Path.of("profiles/p.tsv");

    /** A profiling fork's file as the agent writes it: a boxed long, a lambda, and JMH's own object per iteration. */
    private static List<String> file(long operations, String lambdaSignature) {
        return List.of(ProfileFile.HEADER,
                "benchmark\tcom.acme.Bench.box",
                "mode\tavgt",
                "param\tsize\t1\\t6",
                "operations\t" + operations,
                "entry\t" + operations + "\t" + 16 * operations + "\tLjava/lang/Long;",
                "frame\tLjava/lang/Long;\tvalueOf\tLong.java\t1211",
                "frame\tLcom/acme/Codec;\tencode\tCodec.java\t42",
                "frame\tLcom/acme/Bench;\tbox\tBench.java\t17",
                "frame\tLcom/acme/jmh_generated/Bench_box_jmhTest;\tbox_avgt_jmhStub\tBench_box_jmhTest.java\t190",
                "frame\tLjdk/internal/reflect/NativeMethodAccessorImpl;\tinvoke0\tNativeMethodAccessorImpl.java\t-1",
                "entry\t" + operations + "\t" + 16 * operations + "\t" + lambdaSignature,
                "frame\tLcom/acme/Bench;\tbox\tBench.java\t18",
                "entry\t3\t72\tLorg/openjdk/jmh/results/AverageTimeResult;",
                "frame\tLorg/openjdk/jmh/results/AverageTimeResult;\t<init>\tAverageTimeResult.java\t42",
                "frame\tLcom/acme/jmh_generated/Bench_box_jmhTest;\tbox_AverageTime\tBench_box_jmhTest.java\t178",
                "unattributed\t0\t0");
    }

    @Test
    void aFileBecomesPerOperationSitesWithJavaNamesCutAtJmhsCode() throws Exception {
        Map.Entry<BenchmarkKey, AllocationProfile> read = ProfileFile.parse(file(1000, "Lcom/acme/Bench$$Lambda$14.0x0000000800c0b000;"), FILE);
        assertEquals(BenchmarkKey.of("com.acme.Bench.box", "avgt", Map.of("size", "1\t6")), read.getKey());
        AllocationProfile profile = read.getValue();
        ProfileEntry box = profile.entries().stream().filter(e -> e.site().type().equals("java.lang.Long")).findFirst().orElseThrow();
        assertEquals(List.of("java.lang.Long.valueOf(Long.java:1211)", "com.acme.Codec.encode(Codec.java:42)",
                "com.acme.Bench.box(Bench.java:17)"), box.site().frames());
        assertEquals(1.0, box.objectsPerOp(), 1e-12);
        assertEquals(16.0, box.bytesPerOp(), 1e-12);
        assertEquals("boxing", box.site().kind());
        ProfileEntry lambda = profile.entries().stream().filter(e -> e.site().kind().equals("captured lambda")).findFirst().orElseThrow();
        assertEquals("com.acme.Bench$$Lambda", lambda.site().type());
        assertTrue(profile.entries().stream().noneMatch(e -> e.site().type().startsWith("org.openjdk.jmh.")),
                "JMH's own objects are no site of the benchmark's");
        assertEquals(0.003, profile.otherObjectsPerOp(), 1e-12);
        assertEquals(2.003, profile.totalObjectsPerOp(), 1e-12);
    }

    @Test
    void hiddenClassNamesMatchAcrossJvmRunsAndReleases() {
        assertEquals("com.acme.Bench$$Lambda", JvmNames.typeName("Lcom/acme/Bench$$Lambda$14.0x0000000800c0b000;"));
        assertEquals("com.acme.Bench$$Lambda", JvmNames.typeName("Lcom/acme/Bench$$Lambda$731.0x00000008010a2c40;"));
        assertEquals("com.acme.Bench$$Lambda", JvmNames.typeName("Lcom/acme/Bench$$Lambda+0x00007f1c3c00a000;"));
        assertEquals("java.lang.invoke.LambdaForm$MH", JvmNames.typeName("Ljava/lang/invoke/LambdaForm$MH.0x0000000800c0c000;"));
        assertEquals("byte[]", JvmNames.typeName("[B"));
        assertEquals("int[][]", JvmNames.typeName("[[I"));
        assertEquals("java.lang.Object[]", JvmNames.typeName("[Ljava/lang/Object;"));
    }

    @Test
    void theDiffMarksNewAndRemovedSitesLargestFirst() throws Exception {
        AllocationProfile base = ProfileFile.parse(file(1000, "Lcom/acme/Bench$$Lambda$14.0x0000000800c0b000;"), FILE).getValue();
        AllocationSite extra = new AllocationSite("byte[]", List.of("com.acme.Codec.buffer(Codec.java:60)", "com.acme.Bench.box(Bench.java:17)"));
        AllocationProfile current = AllocationProfile.merged(List.of(new ProfileEntry(extra, 2, 96),
                new ProfileEntry(base.entries().stream().filter(x -> x.site().type().equals("java.lang.Long"))
                        .findFirst().orElseThrow().site(), 1, 16)), 0, 0);
        Explanation e = Explanation.of(BenchmarkKey.of("com.acme.Bench.box", "avgt", Map.of()), Optional.of(base), current);
        assertEquals(2, e.changes().size(), "the boxing site did not change; JMH's 0.003 objects/op are noise");
        assertEquals(SiteChange.Status.NEW, e.changes().get(0).status());
        assertEquals("+2.00 byte[]/op (+96 B/op, 48 B each) new at com.acme.Codec.buffer(Codec.java:60) \u2190 com.acme.Bench.box(Bench.java:17)",
                ExplanationText.line(e.changes().get(0)));
        assertEquals(SiteChange.Status.REMOVED, e.changes().get(1).status());
        assertTrue(ExplanationText.line(e.changes().get(1)).startsWith("-1.00 com.acme.Bench$$Lambda (lambda captured in Bench.box)/op (-16 B/op) removed at"));
    }

    @Test
    void withoutABaselineProfileTheReportSaysSoAndListsTheCurrentSites() throws Exception {
        AllocationProfile current = ProfileFile.parse(file(1000, "[I"), FILE).getValue();
        Explanation e = Explanation.of(BenchmarkKey.of("com.acme.Bench.box", "avgt", Map.of()), Optional.empty(), current);
        assertTrue(ExplanationText.heading(e).contains("baseline was recorded without a profile"));
        assertTrue(ExplanationText.siteLines(e).contains("1.00 java.lang.Long (boxing)/op (16 B/op) at "
                + "java.lang.Long.valueOf(Long.java:1211) \u2190 com.acme.Codec.encode(Codec.java:42) \u2190 com.acme.Bench.box(Bench.java:17)"));
    }

    @Test
    void aLambdasSiteReadsFromTheLineThatCapturesIt() {
        AllocationSite lambda = new AllocationSite("com.acme.Bench$$Lambda", List.of(
                "java.lang.invoke.DirectMethodHandle.allocateInstance(DirectMethodHandle.java:520)",
                "java.lang.invoke.Invokers$Holder.linkToTargetMethod(Invokers$Holder)",
                "com.acme.Bench.capture(Bench.java:33)"));
        assertEquals("captured lambda", lambda.kind());
        assertEquals("com.acme.Bench.capture(Bench.java:33)", ExplanationText.frames(lambda));
        assertEquals("a <- b ...", ExplanationText.ascii("a \u2190 b \u2026"));
    }

    @Test
    void aDeepJdkStackShowsTheAllocatingFrameAndTheCodeUnderTest() {
        AllocationSite grow = new AllocationSite("java.lang.Object[]", List.of(
                "java.util.Arrays.copyOf(Arrays.java:3481)", "java.util.ArrayList.grow(ArrayList.java:237)",
                "java.util.ArrayList.grow(ArrayList.java:244)", "java.util.ArrayList.add(ArrayList.java:454)",
                "java.util.ArrayList.add(ArrayList.java:467)", "com.acme.Bench.grow(Bench.java:31)"));
        assertEquals("java.util.Arrays.copyOf(Arrays.java:3481) \u2190 \u2026 \u2190 com.acme.Bench.grow(Bench.java:31)",
                ExplanationText.frames(grow));
    }

    @Test
    void kindsADeveloperRecognises() {
        assertEquals("string concatenation", new AllocationSite("byte[]", List.of(
                "java.lang.StringConcatHelper.newArray(StringConcatHelper.java:494)",
                "java.lang.invoke.DirectMethodHandle$Holder.invokeStatic(DirectMethodHandle$Holder)",
                "java.lang.invoke.LambdaForm$MH.invoke(LambdaForm$MH)", "com.acme.Log.line(Log.java:9)")).kind());
        assertEquals("iterator", new AllocationSite("java.util.ArrayList$Itr", List.of(
                "java.util.ArrayList.iterator(ArrayList.java:943)", "com.acme.Sum.all(Sum.java:5)")).kind());
        assertEquals("boxing", new AllocationSite("java.lang.Integer", List.of(
                "java.lang.Integer.valueOf(Integer.java:1081)", "com.acme.Sum.all(Sum.java:6)")).kind());
        assertEquals("", new AllocationSite("java.lang.Integer", List.of("com.acme.Sum.all(Sum.java:6)")).kind(),
                "new Integer(...) is no boxing");
        assertEquals("array copy", new AllocationSite("int[]", List.of("java.util.Arrays.copyOf(Arrays.java:3585)")).kind());
    }

    @Test
    void anIncompleteOrCorruptFileIsAnErrorNamingIt() {
        List<String> whole = file(1000, "[I");
        InvalidResultsException cut = assertThrows(InvalidResultsException.class,
                () -> ProfileFile.parse(whole.subList(0, whole.size() - 1), FILE));
        assertTrue(cut.getMessage().contains(FILE.toString()) && cut.getMessage().contains("incomplete"), cut.getMessage());
        List<String> bad = new java.util.ArrayList<>(whole);
        bad.set(5, "entry\tmany\t16\tLjava/lang/Long;");
        InvalidResultsException number = assertThrows(InvalidResultsException.class, () -> ProfileFile.parse(bad, FILE));
        assertTrue(number.getMessage().contains("line 6"), number.getMessage());
        assertThrows(InvalidResultsException.class, () -> ProfileFile.parse(List.of("something else"), FILE));
    }
}
