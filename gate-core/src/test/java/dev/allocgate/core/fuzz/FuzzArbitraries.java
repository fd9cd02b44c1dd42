package dev.allocgate.core.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** jqwik generators for the fuzzers: hostile values, mutations, and JSON grown from a vocabulary. */
public final class FuzzArbitraries {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FuzzArbitraries() {
    }

    /** Names that break tables, HTML, file names and workflow commands, or confuse readers. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "", " ", "NaN", "+INF", "-INF", "Infinity", "-Infinity", "1e999", "-1", "0x10", "1,5",
            "a|b|c", "`code`", "<!-- hidden -->", "</td><script>x</script>", "../../../etc/passwd", "..\\..\\x",
            "CON", "con.Foo", "NUL.txt", "a".repeat(300), "\u202Eevil\u202C", "\u200F\u200E", "\uD83D\uDE00 emoji",
            "\u540D\u524D", "\u0000", "\"", "\\", "a\nb", "a\rb", "%0A::error::x", "::set-output name=x::y", "\uFEFF",
            "\uD800", "x".repeat(5000));

    /** Raw JSON values that readers must not take for a valid value, plus a few valid ones. */
    static final List<String> FIXED_RAW_VALUES = List.of(
            "-1", "-0.0", "-0", "0", "0.0", "1", "16", "1e308", "1.7976931348623157e308", "1e309", "-1e309",
            "4.9e-324", "1e-400", "NaN", "-NaN", "Infinity", "-Infinity", "+INF", "+1", "01", ".5", "1.", "1e", "--1",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648",
            "\"NaN\"", "\"+INF\"", "\"-INF\"", "\"Infinity\"", "\"16\"", "\"\"", "\" 16 \"",
            "true", "false", "null", "{}", "[]", "[[]]", "[[], []]", "{\"a\":1}", "[1, \"x\", null]", "[null]",
            "[\"NaN\"]", "[[\"NaN\", 1]]", "[[-1]]", "[[1e308, 1e308, 1e308]]", "[[1.5e308, 1.5e308]]");

    /** A position in [0, 1]. */
    static Arbitrary<Double> where() {
        return Arbitraries.doubles().between(0, 1);
    }

    static Arbitrary<String> hostileStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(HOSTILE_STRINGS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(24)));
    }

    /** Raw JSON for a value: wrong types, non-finite and huge numbers, deep nesting, hostile strings. */
    public static Arbitrary<String> rawValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(FIXED_RAW_VALUES)),
                Tuple.of(3, Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0")),
                Tuple.of(1, Arbitraries.integers().between(15, 1_500).map(n -> "9".repeat(n))),
                Tuple.of(1, Arbitraries.integers().between(15, 1_500).map(n -> "0." + "1".repeat(n) + "e-5")),
                Tuple.of(1, Arbitraries.of(64, 999, 1_000, 1_001, 5_000, 100_000).map(FuzzArbitraries::deepArray)),
                Tuple.of(1, Arbitraries.of(64, 999, 1_001, 5_000).map(FuzzArbitraries::deepObject)),
                Tuple.of(3, hostileStrings().map(FuzzArbitraries::quote)));
    }

    static String deepArray(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String deepObject(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Single bytes that matter to a JSON or UTF-8 decoder. */
    static Arbitrary<Byte> interestingBytes() {
        byte[] bytes = "{}[]\",:0123456789-+.eE \n\t\\/NaInfinitytruelx".getBytes(StandardCharsets.US_ASCII);
        Byte[] boxed = new Byte[bytes.length + 10];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        byte[] extra = {0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x80,
                (byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (int i = 0; i < extra.length; i++) {
            boxed[bytes.length + i] = extra[i];
        }
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(boxed)), Tuple.of(1, Arbitraries.bytes()));
    }

    static Arbitrary<byte[]> byteStrings(int maxLength) {
        return interestingBytes().list().ofMinSize(1).ofMaxSize(maxLength).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What may precede a document: byte order marks (UTF-8, UTF-16, UTF-32), blanks, junk. */
    static Arbitrary<byte[]> prefixes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        new byte[] {(byte) 0xFE, (byte) 0xFF},
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(" \n\t"), utf8("x"), utf8("//c\n"), utf8("["))),
                Tuple.of(1, byteStrings(6)));
    }

    /** What may follow a document: junk, a second value, comments, a BOM, blanks. */
    static Arbitrary<byte[]> suffixes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(utf8("\n"), utf8(" \r\n "), utf8("x"), utf8("]"), utf8("}"), utf8(","),
                        utf8("{}"), utf8("[]"), utf8("null"), utf8("\u0000"), utf8("// comment"), utf8("/* c */"),
                        utf8("garbage after the end"), utf8("\uFEFF"), new byte[] {(byte) 0xFF})),
                Tuple.of(1, byteStrings(8)));
    }

    /** Tree mutations common to every JSON document. */
    public static Arbitrary<Mutations.TreeMutation> treeMutations() {
        Arbitrary<Boolean> membersOnly = Arbitraries.of(true, false);
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(where(), membersOnly, rawValues()).as(Mutations.ReplaceValue::new)),
                Tuple.of(2, Combinators.combine(where(), membersOnly).as(Mutations.RemoveElement::new)),
                Tuple.of(2, Combinators.combine(where(), Arbitraries.of("-1", "0", "1e-330", "3", "1e100", "1e300",
                        "4e306", "5e306", "1e307", "1e308", "1e400")).as(Mutations.ScaleNumbers::new)),
                Tuple.of(3, Combinators.combine(where(), Arbitraries.of(Mutations.RowEdit.class),
                        Arbitraries.integers().between(0, 7)).as(Mutations.RaggedRows::new)),
                Tuple.of(2, where().map(Mutations.DuplicateKey::new)));
    }

    /** Byte mutations: truncation, inserted, deleted, replaced and duplicated bytes, BOMs and trailing junk. */
    public static Arbitrary<Mutations.ByteMutation> byteMutations() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, where().map(Mutations.Truncate::new)),
                Tuple.of(2, Combinators.combine(where(), byteStrings(6)).as(Mutations.InsertBytes::new)),
                Tuple.of(2, Combinators.combine(where(), Arbitraries.integers().between(1, 64)).as(Mutations.DeleteBytes::new)),
                Tuple.of(2, Combinators.combine(where(), interestingBytes()).as(Mutations.ReplaceByte::new)),
                Tuple.of(1, Combinators.combine(where(), Arbitraries.integers().between(1, 400), where())
                        .as(Mutations.DuplicateSlice::new)),
                Tuple.of(2, prefixes().map(Mutations.Prefix::new)),
                Tuple.of(2, suffixes().map(Mutations.Suffix::new)));
    }

    /**
     * JSON text grown from a vocabulary of field names: mostly shapes a reader has to reject, with the
     * right names in the wrong places and the wrong values in the right ones.
     *
     * @param vocabulary field names the reader knows
     * @param depth      maximum nesting of objects and arrays
     */
    public static Arbitrary<String> jsonFromVocabulary(List<String> vocabulary, int depth) {
        Arbitrary<String> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(FIXED_RAW_VALUES)),
                Tuple.of(1, hostileStrings().map(FuzzArbitraries::quote)),
                Tuple.of(2, Arbitraries.doubles().between(0, 1e4).map(d -> Double.toString(d))),
                Tuple.of(2, Arbitraries.of(vocabulary).map(FuzzArbitraries::quote)));
        Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(vocabulary)), Tuple.of(1, hostileStrings()));
        // Built bottom-up, one level at a time: no recursion at generation time.
        Arbitrary<String> level = leaf;
        for (int d = 1; d <= depth; d++) {
            Arbitrary<String> inner = level;
            Arbitrary<String> array = inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
            Arbitrary<String> object = Combinators.combine(keys, inner).as((k, v) -> quote(k) + ":" + v)
                    .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}");
            level = Arbitraries.frequencyOf(Tuple.of(1, leaf), Tuple.of(2, array), Tuple.of(3, object));
        }
        return level;
    }
}
