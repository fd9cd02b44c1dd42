package dev.allocgate.core.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The ways the fuzzers change a valid document, at two levels: the JSON tree (before it is
 * written; raw text such as duplicate keys and unescaped names goes in through placeholders) and the
 * bytes. Positions are fractions in {@code [0, 1]} of the
 * candidates (nodes, matches, bytes), so that any mutation applies to any document and shrinks well.
 */
public final class Mutations {

    private Mutations() {
    }

    /** Picks one of {@code n} candidates by a fraction in [0, 1]. */
    static int pick(double where, int n) {
        return Math.min(n - 1, Math.max(0, (int) (where * n)));
    }

    // ---------------------------------------------------------------- tree level

    /** Changes the JSON tree; raw JSON text (which a tree cannot hold) goes through {@link Placeholders}. */
    public interface TreeMutation {
        void apply(JsonNode root, Placeholders raw);
    }

    /** Raw JSON fragments substituted into the written text in place of marker strings. */
    public static final class Placeholders {
        private final List<String> fragments = new ArrayList<>();

        /** A node that {@link #substitute} replaces by {@code rawJson}. */
        public JsonNode node(String rawJson) {
            fragments.add(rawJson);
            return TextNode.valueOf(marker(fragments.size() - 1));
        }

        String substitute(String text) {
            for (int i = 0; i < fragments.size(); i++) {
                text = text.replace("\"" + marker(i) + "\"", fragments.get(i));
            }
            return text;
        }

        private static String marker(int i) {
            return "@@allocgate-raw-" + i + "@@";
        }
    }

    /** A place in the tree: an object member or an array element. */
    record Slot(JsonNode container, String field, int index) {
        JsonNode get() {
            return field != null ? container.get(field) : container.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) container).set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) container).remove(field);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }
    }

    /** Every slot of the tree in document order; only object members when {@code membersOnly}. */
    static List<Slot> slots(JsonNode root, boolean membersOnly) {
        List<Slot> out = new ArrayList<>();
        collect(root, membersOnly, out);
        return out;
    }

    private static void collect(JsonNode node, boolean membersOnly, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new Slot(node, e.getKey(), -1));
                collect(e.getValue(), membersOnly, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!membersOnly) {
                    out.add(new Slot(node, null, i));
                }
                collect(node.get(i), membersOnly, out);
            }
        }
    }

    /** Replaces one value with raw JSON text: another type, NaN, a huge number, deep nesting, a hostile string. */
    public record ReplaceValue(double where, boolean membersOnly, String rawJson) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> slots = slots(root, membersOnly);
            if (!slots.isEmpty()) {
                slots.get(pick(where, slots.size())).set(raw.node(rawJson));
            }
        }

        @Override
        public String toString() {
            return "ReplaceValue[" + where + ", " + membersOnly + ", " + FuzzCase.preview(rawJson) + "]";
        }
    }

    /** Removes one object member (a field) or array element. */
    public record RemoveElement(double where, boolean membersOnly) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> slots = slots(root, membersOnly);
            if (!slots.isEmpty()) {
                slots.get(pick(where, slots.size())).remove();
            }
        }
    }

    /** Multiplies every number of one array (exactly, in decimal), e.g. by -1, 0 or 5e306. */
    public record ScaleNumbers(double where, String factor) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> arrays = slots(root, false).stream()
                    .filter(s -> s.get().isArray())
                    .filter(s -> {
                        for (JsonNode e : s.get()) {
                            if (e.isNumber()) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .toList();
            if (arrays.isEmpty()) {
                return;
            }
            ArrayNode array = (ArrayNode) arrays.get(pick(where, arrays.size())).get();
            BigDecimal by = new BigDecimal(factor);
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNumber()) {
                    array.set(i, DecimalNode.valueOf(array.get(i).decimalValue().multiply(by)));
                }
            }
        }
    }

    /** Ways to make {@code rawData[fork][iteration]} ragged or empty. */
    public enum RowEdit {
        DROP_ROW, DUPLICATE_ROW, ADD_EMPTY_ROW, TRUNCATE_ROW, EXTEND_ROW, EMPTY_EVERY_ROW, ROW_TO_NUMBER, DROP_ALL_ROWS
    }

    /** Edits one array of arrays (a {@code rawData}): drops, adds, shortens or lengthens rows. */
    public record RaggedRows(double where, RowEdit edit, int amount) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> tables = slots(root, false).stream()
                    .filter(s -> s.get().isArray() && !s.get().isEmpty() && s.get().get(0).isArray())
                    .toList();
            if (tables.isEmpty()) {
                return;
            }
            ArrayNode table = (ArrayNode) tables.get(pick(where, tables.size())).get();
            int row = Math.floorMod(amount, table.size());
            switch (edit) {
                case DROP_ROW -> table.remove(row);
                case DUPLICATE_ROW -> table.add(table.get(row).deepCopy());
                case ADD_EMPTY_ROW -> table.addArray();
                case TRUNCATE_ROW -> {
                    if (table.get(row) instanceof ArrayNode r) {
                        while (r.size() > Math.floorMod(amount, r.size() + 1)) {
                            r.remove(r.size() - 1);
                        }
                    }
                }
                case EXTEND_ROW -> {
                    if (table.get(row) instanceof ArrayNode r) {
                        for (int i = 0; i <= Math.floorMod(amount, 4); i++) {
                            r.add(r.isEmpty() ? IntNode.valueOf(amount) : r.get(r.size() - 1).deepCopy());
                        }
                    }
                }
                case EMPTY_EVERY_ROW -> table.forEach(r -> {
                    if (r instanceof ArrayNode a) {
                        a.removeAll();
                    }
                });
                case ROW_TO_NUMBER -> table.set(row, IntNode.valueOf(amount));
                case DROP_ALL_ROWS -> table.removeAll();
            }
        }
    }

    /**
     * Writes one scalar member twice in a row, {@code "k" : v, "k" : v}: a duplicate key, which a tree
     * cannot hold, so the second copy goes in as raw text after the value.
     */
    public record DuplicateKey(double where) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> members = slots(root, true).stream().filter(s -> s.get().isValueNode()).toList();
            if (members.isEmpty()) {
                return;
            }
            Slot slot = members.get(pick(where, members.size()));
            String value = slot.get().toString();
            slot.set(raw.node(value + ", " + FuzzArbitraries.quote(slot.field()) + " : " + value));
        }
    }

    /**
     * Writes a benchmark name unescaped, as JMH does, into one {@code "benchmark"} member: usually the
     * class part followed by the hostile method name; names starting with {@code !} replace it whole.
     */
    public record RawBenchmarkName(double where, String name) implements TreeMutation {
        @Override
        public void apply(JsonNode root, Placeholders raw) {
            List<Slot> names = slots(root, true).stream()
                    .filter(s -> s.field().equals("benchmark") && s.get().isTextual())
                    .toList();
            if (names.isEmpty()) {
                return;
            }
            Slot slot = names.get(pick(where, names.size()));
            String old = slot.get().textValue();
            int dot = old.lastIndexOf('.');
            String written = dot > 0 && !name.startsWith("!") ? old.substring(0, dot + 1) + name : name;
            slot.set(raw.node("\"" + written + "\""));
        }

        @Override
        public String toString() {
            return "RawBenchmarkName[" + where + ", " + FuzzCase.preview(name) + "]";
        }
    }

    // ---------------------------------------------------------------- byte level

    /** Changes the bytes of the file. */
    public interface ByteMutation {
        byte[] apply(byte[] bytes);
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[from + insert.length + bytes.length - to];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    private static int offset(double where, int length) {
        return Math.min(length, Math.max(0, (int) Math.round(where * length)));
    }

    /** Cuts the file at an offset: an interrupted write. */
    public record Truncate(double at) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            return java.util.Arrays.copyOf(bytes, offset(at, bytes.length));
        }
    }

    /** Inserts bytes at an offset. */
    public record InsertBytes(double at, byte[] inserted) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            int o = offset(at, bytes.length);
            return splice(bytes, o, o, inserted);
        }

        @Override
        public String toString() {
            return "InsertBytes[" + at + ", " + HexFormat.of().formatHex(inserted) + "]";
        }
    }

    /** Deletes up to {@code length} bytes at an offset. */
    public record DeleteBytes(double at, int length) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            int o = offset(at, bytes.length);
            return splice(bytes, o, Math.min(bytes.length, o + length), new byte[0]);
        }
    }

    /** Overwrites one byte. */
    public record ReplaceByte(double at, byte value) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            if (bytes.length == 0) {
                return bytes;
            }
            byte[] out = bytes.clone();
            out[Math.min(bytes.length - 1, offset(at, bytes.length))] = value;
            return out;
        }
    }

    /** Copies a slice of the file to another offset (a botched merge or paste). */
    public record DuplicateSlice(double from, int length, double to) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            int start = offset(from, bytes.length);
            int end = Math.min(bytes.length, start + length);
            byte[] slice = java.util.Arrays.copyOfRange(bytes, start, end);
            int o = offset(to, bytes.length);
            return splice(bytes, o, o, slice);
        }
    }

    /** Puts bytes before the document: byte order marks, blanks, junk. */
    public record Prefix(byte[] prefix) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            return splice(bytes, 0, 0, prefix);
        }

        @Override
        public String toString() {
            return "Prefix[" + HexFormat.of().formatHex(prefix) + "]";
        }
    }

    /** Puts bytes after the document: trailing junk, a second value, blanks. */
    public record Suffix(byte[] suffix) implements ByteMutation {
        @Override
        public byte[] apply(byte[] bytes) {
            return splice(bytes, bytes.length, bytes.length, suffix);
        }

        @Override
        public String toString() {
            return "Suffix[" + new String(suffix, StandardCharsets.UTF_8) + " | " + HexFormat.of().formatHex(suffix) + "]";
        }
    }
}
