package dev.allocgate.core.baseline;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.BenchmarkKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a baseline file can be broken fails the load with the file, the place and the problem.
 * Each case changes one thing in {@code valid-corrupt-template.json}, which itself loads fine.
 */
class BaselineReaderTest {

    private static final String CLASS = "dev.allocgate.samples.corrupt";
    private static final String TEMPLATE = new String(BaselineFixtures.resource("valid-corrupt-template.json"),
            StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** One corrupt input: how to make it, where the error must point, and a phrase the message must have. */
    record Case(String name, UnaryOperator<byte[]> corrupt, Pattern location, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void theTemplateItselfIsValid() throws Exception {
        Files.writeString(file(), TEMPLATE);
        BaselineSet set = new BaselineStore(dir).load();
        assertEquals(2, set.size());
        assertTrue(set.get(BenchmarkKey.of(CLASS + ".beta", "avgt", Map.of("size", "16"))).isPresent());
        assertEquals(BaselineStore.fileNameFor(CLASS), file().getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsCorruptFileNamingFileAndLocation(Case c) throws Exception {
        byte[] original = c.corrupt().apply(TEMPLATE.getBytes(StandardCharsets.UTF_8));
        Files.write(file(), original);

        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, () -> new BaselineStore(dir).load());

        assertEquals(file(), e.file());
        assertTrue(c.location().matcher(e.location()).matches(),
                "location '" + e.location() + "' should match " + c.location() + "; message: " + e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        if (!e.location().isEmpty()) {
            assertTrue(e.getMessage().contains(" at " + e.location() + ": "), e.getMessage());
        }
        assertTrue(e.getMessage().toLowerCase().contains(c.detail().toLowerCase()),
                "message should mention '" + c.detail() + "': " + e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(file()), "reading never changes the file");
    }

    @Test
    void aSecondFileForTheSameClassIsRejected() throws Exception {
        // One file per class and the name is derived from the class, so the same key in two files needs
        // two files claiming the same class: the second file's name then does not match and is rejected.
        Files.writeString(file(), TEMPLATE);
        Path copy = dir.resolve("copy-of-corrupt.json");
        Files.writeString(copy, TEMPLATE);
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, () -> new BaselineStore(dir).load());
        assertEquals(copy, e.file());
        assertEquals("/benchmarkClass", e.location());
    }

    @Test
    void rejectsABaselinePathThatIsAFile() throws Exception {
        Path notADirectory = dir.resolve("baselines");
        Files.writeString(notADirectory, "x");
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class,
                () -> new BaselineStore(notADirectory).load());
        assertEquals(notADirectory, e.file());
    }

    private Path file() {
        return dir.resolve(CLASS + ".json");
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // Whole-file problems.
        cases.add(new Case("empty file", b -> new byte[0], exactly(""), "empty"));
        cases.add(new Case("only whitespace", b -> " \n\n".getBytes(StandardCharsets.UTF_8), exactly(""), "whitespace"));
        cases.add(new Case("truncated", b -> java.util.Arrays.copyOf(b, b.length / 2),
                line(lineCount(TEMPLATE.substring(0, TEMPLATE.getBytes(StandardCharsets.UTF_8).length / 2)) + 1),
                "end-of-input"));
        cases.add(new Case("not JSON", b -> "schemaVersion: 1\n".getBytes(StandardCharsets.UTF_8), line(1), "invalid JSON"));
        cases.add(new Case("top level is an array", b -> "[ ]\n".getBytes(StandardCharsets.UTF_8), exactly(""), "top level"));
        cases.add(new Case("trailing JSON after the object", b -> concat(b, "{ }\n"), line(lineCount(TEMPLATE) + 1),
                "after the end"));
        cases.add(new Case("trailing junk after the object", b -> concat(b, "garbage"), line(lineCount(TEMPLATE) + 1),
                "after the end"));
        cases.add(new Case("UTF-8 BOM", b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b),
                exactly("byte 0"), "byte order mark"));
        cases.add(new Case("UTF-16 BOM", b -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, b),
                exactly("byte 0"), "byte order mark"));
        int badByteAt = TEMPLATE.indexOf("corrupt.alpha") + "corrupt.".length();
        cases.add(new Case("not UTF-8", b -> {
            byte[] copy = b.clone();
            copy[badByteAt] = (byte) 0xC3;
            copy[badByteAt + 1] = (byte) 0x28;
            return copy;
        }, exactly("byte " + badByteAt), "not valid UTF-8"));

        // Syntax-level value problems.
        cases.add(edit("duplicate key", "\"mode\" : \"avgt\",\n    \"params\" : { },",
                "\"mode\" : \"avgt\",\n    \"mode\" : \"thrpt\",\n    \"params\" : { },",
                line(lineOf("\"params\" : { },")), "Duplicate field 'mode'"));
        cases.add(edit("NaN token", "[ 24.0, 32.0, 40.0 ]", "[ 24.0, NaN, 40.0 ]",
                line(lineOf("[ 24.0, 32.0, 40.0 ]")), "NaN"));
        cases.add(edit("-Infinity token", "\"opsPerIteration\" : 5000.0", "\"opsPerIteration\" : -Infinity",
                line(lineOf("\"opsPerIteration\" : 5000.0")), "Infinity"));

        // Schema problems, located by JSON pointer.
        cases.add(edit("missing schemaVersion", "\"schemaVersion\" : 1,\n", "", exactly("/schemaVersion"), "missing required"));
        cases.add(edit("schemaVersion as string", "\"schemaVersion\" : 1", "\"schemaVersion\" : \"1\"",
                exactly("/schemaVersion"), "expected an integer"));
        cases.add(edit("unknown schemaVersion", "\"schemaVersion\" : 1", "\"schemaVersion\" : 5",
                exactly("/schemaVersion"), "reads schemaVersion 1, 2, 3, 4"));
        cases.add(edit("net bytes in a schema 1 file", "\"opsPerIteration\" : 5000.0,",
                "\"opsPerIteration\" : 5000.0,\n    \"bytesFrom\" : \"benchmarkThreadsNet\",", exactly("/benchmarks/1/bytesFrom"),
                "needs schemaVersion 4 (this file says 1)"));
        cases.add(edit("unknown bytesFrom", "\"opsPerIteration\" : 5000.0,",
                "\"opsPerIteration\" : 5000.0,\n    \"bytesFrom\" : \"someThreads\",", exactly("/benchmarks/1/bytesFrom"),
                "expected \"benchmarkThreads\" or \"benchmarkThreadsNet\" but found"));
        cases.add(edit("forkSeconds in a schema 1 file", "\"opsPerIteration\" : 5000.0,",
                "\"opsPerIteration\" : 5000.0,\n    \"forkSeconds\" : 2.4,", exactly("/benchmarks/1/forkSeconds"),
                "needs schemaVersion 3 (this file says 1)"));
        for (String bad : List.of("0.0", "-1.5", "\"2.4\"", "null", "[ 2.4 ]")) {
            cases.add(new Case("forkSeconds " + bad, b -> TEMPLATE.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 3")
                    .replace("\"opsPerIteration\" : 5000.0,", "\"opsPerIteration\" : 5000.0,\n    \"forkSeconds\" : " + bad + ",")
                    .getBytes(StandardCharsets.UTF_8), exactly("/benchmarks/1/forkSeconds"),
                    "expected the wall seconds one fork of " + CLASS + ".beta"));
        }
        cases.add(edit("huge schemaVersion", "\"schemaVersion\" : 1", "\"schemaVersion\" : 99999999999",
                exactly("/schemaVersion"), "unsupported schemaVersion 99999999999"));
        cases.add(edit("unknown root field", "\"schemaVersion\" : 1,", "\"schemaVersion\" : 1,\n  \"comment\" : \"hi\",",
                exactly("/comment"), "unknown field"));
        cases.add(edit("file name does not match the class", "\"benchmarkClass\" : \"dev.allocgate.samples.corrupt\"",
                "\"benchmarkClass\" : \"dev.allocgate.samples.Corrupt\"", exactly("/benchmarkClass"), "belong in a file named"));
        cases.add(new Case("benchmarks is an object", b -> (TEMPLATE.substring(0, TEMPLATE.indexOf("[ {")) + "{ }\n}\n")
                .getBytes(StandardCharsets.UTF_8), exactly("/benchmarks"), "expected an array"));
        cases.add(new Case("no benchmarks", b -> (TEMPLATE.substring(0, TEMPLATE.indexOf("[ {")) + "[ ]\n}\n")
                .getBytes(StandardCharsets.UTF_8), exactly("/benchmarks"), "empty"));
        cases.add(edit("mode is a number", "corrupt.alpha\",\n    \"mode\" : \"avgt\"", "corrupt.alpha\",\n    \"mode\" : 5",
                exactly("/benchmarks/0/mode"), "expected a string but found the number 5"));
        cases.add(edit("mode is null", "corrupt.alpha\",\n    \"mode\" : \"avgt\"", "corrupt.alpha\",\n    \"mode\" : null",
                exactly("/benchmarks/0/mode"), "must not be null"));
        cases.add(edit("mode is empty", "corrupt.alpha\",\n    \"mode\" : \"avgt\"", "corrupt.alpha\",\n    \"mode\" : \"\"",
                exactly("/benchmarks/0/mode"), "must not be empty"));
        cases.add(edit("unknown entry field", "\"params\" : { },", "\"params\" : { },\n    \"note\" : \"x\",",
                exactly("/benchmarks/0/note"), "unknown field"));
        cases.add(edit("param value not a string", "\"size\" : \"16\"", "\"size\" : 16",
                exactly("/benchmarks/1/params/size"), "expected a string"));
        cases.add(edit("missing metrics", "\"params\" : { },\n    \"metrics\" : {\n      \"bytesPerOp\" : {\n"
                        + "        \"samples\" : [ 16.0, 16.0, 16.0 ],\n        \"median\" : 16.0\n      }\n    }",
                "\"params\" : { }", exactly("/benchmarks/0/metrics"), "missing required"));
        cases.add(edit("no metrics", "\"metrics\" : {\n      \"bytesPerOp\" : {\n"
                        + "        \"samples\" : [ 16.0, 16.0, 16.0 ],\n        \"median\" : 16.0\n      }\n    }",
                "\"metrics\" : { }", exactly("/benchmarks/0/metrics"), "no metrics"));
        cases.add(edit("unknown metric", "\"allocRateMBps\" : {", "\"cyclesPerOp\" : {",
                exactly("/benchmarks/1/metrics/cyclesPerOp"), "unknown metric"));
        cases.add(edit("unknown metric field", "\"median\" : 16.0", "\"median\" : 16.0,\n        \"mean\" : 16.0",
                exactly("/benchmarks/0/metrics/bytesPerOp/mean"), "unknown field"));
        cases.add(edit("missing median", ",\n        \"median\" : 16.0", "",
                exactly("/benchmarks/0/metrics/bytesPerOp/median"), "missing required"));
        cases.add(edit("median does not match samples", "\"median\" : 32.0", "\"median\" : 33.0",
                exactly("/benchmarks/1/metrics/bytesPerOp/median"), "does not match the samples"));
        cases.add(edit("samples not an array", "[ 16.0, 16.0, 16.0 ]", "16.0",
                exactly("/benchmarks/0/metrics/bytesPerOp/samples"), "expected an array"));
        cases.add(edit("empty samples", "[ 16.0, 16.0, 16.0 ]", "[ ]",
                exactly("/benchmarks/0/metrics/bytesPerOp/samples"), "no samples"));
        cases.add(edit("sample is a string", "[ 24.0, 32.0, 40.0 ]", "[ 24.0, \"32.0\", 40.0 ]",
                exactly("/benchmarks/1/metrics/bytesPerOp/samples/1"), "expected a number"));
        cases.add(edit("sample is the string NaN", "[ 24.0, 32.0, 40.0 ]", "[ 24.0, \"NaN\", 40.0 ]",
                exactly("/benchmarks/1/metrics/bytesPerOp/samples/1"), "NaN and Infinity are not valid"));
        cases.add(edit("sample is the string Infinity", "[ 100.0, 110.0, 120.0 ]", "[ 100.0, 110.0, \"Infinity\" ]",
                exactly("/benchmarks/1/metrics/allocRateMBps/samples/2"), "NaN and Infinity are not valid"));
        cases.add(edit("sample overflows a double", "[ 24.0, 32.0, 40.0 ]", "[ 24.0, 1e400, 40.0 ]",
                exactly("/benchmarks/1/metrics/bytesPerOp/samples/1"), "too large"));
        cases.add(edit("negative sample", "[ 24.0, 32.0, 40.0 ]", "[ 24.0, -32.0, 40.0 ]",
                exactly("/benchmarks/1/metrics/bytesPerOp/samples/1"), "must not be negative"));
        cases.add(edit("negative opsPerIteration", "\"opsPerIteration\" : 5000.0", "\"opsPerIteration\" : -1.0",
                exactly("/benchmarks/1/opsPerIteration"), "must not be negative"));
        cases.add(edit("opsPerIteration is the string NaN", "\"opsPerIteration\" : 5000.0", "\"opsPerIteration\" : \"NaN\"",
                exactly("/benchmarks/1/opsPerIteration"), "NaN and Infinity are not valid"));
        cases.add(edit("environment flag is a string", "\"compressedOops\" : true", "\"compressedOops\" : \"yes\"",
                exactly("/benchmarks/1/environment/compressedOops"), "expected true or false"));
        cases.add(edit("maxHeapBytes is fractional", "\"maxHeapBytes\" : 1073741824", "\"maxHeapBytes\" : 1.5",
                exactly("/benchmarks/1/environment/maxHeapBytes"), "expected an integer"));
        cases.add(edit("negative maxHeapBytes", "\"maxHeapBytes\" : 1073741824", "\"maxHeapBytes\" : -1",
                exactly("/benchmarks/1/environment/maxHeapBytes"), "must not be negative"));
        cases.add(edit("jvmArgs holds a number", "[ \"-Xmx1g\" ]", "[ \"-Xmx1g\", 5 ]",
                exactly("/benchmarks/1/environment/jvmArgs/1"), "expected a string"));
        cases.add(edit("unknown environment field", "\"gc\" : \"G1GC\",", "\"gc\" : \"G1GC\",\n      \"os\" : \"linux\",",
                exactly("/benchmarks/1/environment/os"), "unknown field"));
        cases.add(edit("benchmark of another class", "\"dev.allocgate.samples.corrupt.alpha\"",
                "\"dev.allocgate.samples.other.alpha\"", exactly("/benchmarks/0/benchmark"), "not to this file's benchmarkClass"));
        cases.add(edit("same key twice in one file",
                "\"dev.allocgate.samples.corrupt.beta\",\n    \"mode\" : \"avgt\",\n    \"params\" : {\n      \"size\" : \"16\"\n    },",
                "\"dev.allocgate.samples.corrupt.alpha\",\n    \"mode\" : \"avgt\",",
                exactly("/benchmarks/1"), "duplicate baseline entry"));
        return cases;
    }

    /** A case that replaces {@code from}, which must occur exactly once in the template, with {@code to}. */
    private static Case edit(String name, String from, String to, Pattern location, String detail) {
        int at = TEMPLATE.indexOf(from);
        if (at < 0 || TEMPLATE.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(name + ": the template must contain exactly once: " + from);
        }
        String edited = TEMPLATE.replace(from, to);
        return new Case(name, b -> edited.getBytes(StandardCharsets.UTF_8), location, detail);
    }

    private static Pattern exactly(String location) {
        return Pattern.compile(Pattern.quote(location));
    }

    private static Pattern line(int line) {
        return Pattern.compile("line " + line + ", column \\d+");
    }

    /** 1-based line of the first occurrence of {@code snippet} in the template. */
    private static int lineOf(String snippet) {
        return lineCount(TEMPLATE.substring(0, TEMPLATE.indexOf(snippet))) + 1;
    }

    /** Number of line feeds in {@code text} (the 1-based line of its end is one more). */
    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    private static byte[] concat(byte[] a, String b) {
        return concat(a, b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
