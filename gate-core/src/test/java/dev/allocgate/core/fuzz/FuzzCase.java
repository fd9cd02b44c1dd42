package dev.allocgate.core.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One fuzz input: a valid document (a tree taken from a real fixture), how it is written (pretty
 * like JMH and allocgate, or compact) and the mutations applied to the tree and then to the bytes. {@link #toString()} is what jqwik shows for a falsified (and shrunk) input.
 */
public record FuzzCase(String origin, JsonNode document, boolean pretty,
                       List<Mutations.TreeMutation> treeMutations,
                       List<Mutations.ByteMutation> byteMutations) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The bytes of the mutated document. Each call starts again from an untouched copy of the tree. */
    public byte[] render() {
        return rendered().bytes();
    }

    /**
     * The document after its tree mutations (raw fragments still as marker strings) and its bytes after
     * all mutations.
     */
    public record Rendered(JsonNode tree, byte[] bytes) {
    }

    /** Renders the document; see {@link #render()}. */
    public Rendered rendered() {
        JsonNode tree = document.deepCopy();
        Mutations.Placeholders raw = new Mutations.Placeholders();
        for (Mutations.TreeMutation m : treeMutations) {
            m.apply(tree, raw);
        }
        String text;
        try {
            text = pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) : MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the fuzz document " + origin, e);
        }
        text = raw.substitute(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Mutations.ByteMutation m : byteMutations) {
            bytes = m.apply(bytes);
        }
        return new Rendered(tree, bytes);
    }

    /** Shortens long texts (deep nesting, 1,500-digit numbers) for failure reports. */
    static String preview(String text) {
        String escaped = text.replace("\n", "\\n");
        return escaped.length() <= 80 ? escaped : escaped.substring(0, 60) + "...(" + text.length() + " chars)";
    }

    /** The origin names the document, so equality needs no walk over the tree (jqwik hashes inputs). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FuzzCase c && origin.equals(c.origin) && pretty == c.pretty
                && treeMutations.equals(c.treeMutations) && byteMutations.equals(c.byteMutations);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(origin, pretty, treeMutations, byteMutations);
    }

    @Override
    public String toString() {
        return "FuzzCase[" + origin + (pretty ? ", pretty" : ", compact") + ", tree=" + treeMutations
                + ", bytes=" + byteMutations + "]";
    }
}
