package dev.allocgate.core.jmh;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of a JSON value the reader uses: the whole value, or some fields of an object (each
 * with its own kept part). Reading builds a tree of the kept part only; the parser skips the rest
 * (percentiles, confidence bounds, other profilers' metrics) without converting its numbers, which
 * is most of a JMH results file. A value that is not an object is always kept whole, so the reader
 * can say what is wrong with it.
 */
record KeptFields(Map<String, KeptFields> fields) {

    /** Keeps the whole value. */
    static final KeptFields WHOLE = new KeptFields(null);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Keeps only the named fields of an object, each whole. */
    static KeptFields only(String... names) {
        Map<String, KeptFields> fields = new HashMap<>();
        for (String name : names) {
            fields.put(name, WHOLE);
        }
        return new KeptFields(fields);
    }

    /** These fields kept as well, with their own kept part. */
    KeptFields with(String name, KeptFields part) {
        Map<String, KeptFields> more = new HashMap<>(fields);
        more.put(name, part);
        return new KeptFields(more);
    }

    /** The kept part of the value at the parser's current token; the parser ends on its last token. */
    JsonNode read(JsonParser p) throws IOException {
        if (fields == null || p.currentToken() != JsonToken.START_OBJECT) {
            return whole(p);
        }
        ObjectNode node = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            KeptFields part = fields.get(name);
            if (part == null) {
                p.skipChildren();
            } else {
                node.set(name, part.read(p));
            }
        }
        return node;
    }

    /**
     * The value at the parser's current token as a tree, as Jackson's tree model reads it (integers
     * as int, long or big-integer nodes by size, other numbers as doubles). Nesting is bounded by the
     * parser's own depth limit.
     */
    static JsonNode whole(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new JsonParseException(p, "unexpected end of input");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode node = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    node.set(name, whole(p));
                }
                return node;
            }
            case START_ARRAY: {
                ArrayNode node = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    node.add(whole(p));
                }
                return node;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "no JSON value starts with " + token);
        }
    }
}
