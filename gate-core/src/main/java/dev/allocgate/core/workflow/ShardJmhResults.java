package dev.allocgate.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JMH's results of several shards as one JMH results file: their benchmark arrays, one after the other. */
final class ShardJmhResults {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ShardJmhResults() {
    }

    /** Joins each directory's {@link GateWorkflow#JMH_RESULT} (a shard that ran nothing has none) into {@code target}. */
    static void join(List<Path> shardDirectories, Path target) throws IOException, InvalidResultsException {
        ArrayNode all = MAPPER.createArrayNode();
        for (Path dir : shardDirectories) {
            Path file = dir.resolve(GateWorkflow.JMH_RESULT);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode results = MAPPER.readTree(file.toFile());
            if (results == null || !results.isArray()) {
                throw new InvalidResultsException(file, "is not a JMH results file (a JSON array)");
            }
            all.addAll((ArrayNode) results);
        }
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, MAPPER.writeValueAsBytes(all));
    }
}
