package dev.allocgate.core.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.allocgate.core.JsonErrorText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Rules from a JSON file, for build tools without a pom ({@code java -jar allocgate-cli.jar ... --rules FILE}): the
 * pom's {@code <rules>} in JSON, the same fields ({@link RuleDefinition#FIELDS}) with the same meaning:
 * <pre>{@code
 * {"rules": [
 *   {"pattern": "*.WarmupBenchmarks.*", "informational": true},
 *   {"pattern": "com.acme.parser.*", "thresholdPercent": 2}
 * ]}
 * }</pre>
 * Unknown fields, duplicate keys, a value of the wrong type and trailing text are errors naming the file and the rule.
 */
public final class RulesFile {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    /** The file's shape: one field, the list of rules in order. */
    private static final class Content {
        public List<RuleDefinition> rules;
    }

    private RulesFile() {
    }

    /**
     * The rules of {@code file}, in order, each validated as the pom's are.
     *
     * @throws PolicyException naming the file (and the rule) when it cannot be read, is not such JSON, or holds an
     *                         invalid rule
     */
    public static List<PolicyRule> read(Path file) throws PolicyException {
        String where = "rules file " + file;
        Content content;
        try {
            content = MAPPER.readValue(Files.readAllBytes(file), Content.class);
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(where + " does not exist"));
        } catch (JsonProcessingException e) {
            throw new PolicyException(List.of(where + ": " + problem(e)));
        } catch (IOException e) {
            throw new PolicyException(List.of(where + " cannot be read: " + e));
        }
        if (content == null || content.rules == null) {
            throw new PolicyException(List.of(where + " has no \"rules\" list: write {\"rules\": [{\"pattern\": ...}, ...]}"));
        }
        return RuleDefinition.toPolicyRules(content.rules, where);
    }

    /** What is wrong, with the rule's number and the field where the parser can tell them. */
    private static String problem(JsonProcessingException e) {
        StringBuilder at = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            List<JsonMappingException.Reference> path = m.getPath();
            if (e instanceof UnrecognizedPropertyException && !path.isEmpty()) {
                path = path.subList(0, path.size() - 1); // the unknown field itself: named in the message
            }
            for (JsonMappingException.Reference r : path) {
                if (r.getIndex() >= 0) {
                    at.append("rule ").append(r.getIndex() + 1);
                } else if (r.getFieldName() != null && !r.getFieldName().equals("rules")) {
                    at.append(at.isEmpty() ? "" : ", ").append("field '").append(r.getFieldName()).append('\'');
                }
            }
        }
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "' (a rule has " + String.join(", ", RuleDefinition.FIELDS)
                    + (at.toString().startsWith("rule") ? "" : "; the file has one field, \"rules\"") + ")";
        } else {
            String original = JsonErrorText.of(e.getOriginalMessage());
            message = original == null ? e.getClass().getSimpleName() : original.lines().findFirst().orElse("");
        }
        String location = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return (at.isEmpty() ? "" : at + ": ") + message + location;
    }
}
