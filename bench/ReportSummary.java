import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints one tab-separated line per benchmark of an allocgate report.json (schema 1):
 * key, verdict, fails, bytes/op verdict, objects/op verdict, forks (current samples of bytes/op),
 * baseline and current median of bytes/op and objects/op. First line: "#report" verdict summary.
 * Run as a single-file program: java -cp JACKSON_JARS bench/ReportSummary.java report.json [PACKAGE_PREFIX]
 * Without PACKAGE_PREFIX the key is "Class.method:p=v,p=v" (the sample suite's form, no mode); with it, the
 * prefix is stripped and the key is "Class.method [mode, p=v,p=v]" with sorted params, as allocgate's
 * progress lines write it, so suites with several modes of one method (bench/corpus.sh) keep them apart.
 */
public class ReportSummary {
    public static void main(String[] args) throws Exception {
        JsonNode r = new ObjectMapper().readTree(new File(args[0]));
        System.out.println("#report\t" + r.path("verdict").asText() + "\t" + r.path("summary").asText());
        for (JsonNode b : r.path("benchmarks")) {
            StringBuilder key;
            if (args.length > 1) {
                key = new StringBuilder(b.path("benchmark").asText().replace(args[1], "")).append(" [")
                        .append(b.path("mode").asText());
                Map<String, String> sorted = new TreeMap<>();
                b.path("params").properties().forEach(p -> sorted.put(p.getKey(), p.getValue().asText()));
                sorted.forEach((k, v) -> key.append(key.indexOf(", ") < 0 ? ", " : ",").append(k).append('=').append(v));
                key.append(']');
            } else {
                key = new StringBuilder(b.path("benchmark").asText().replace("dev.allocgate.samples.", ""));
                for (Map.Entry<String, JsonNode> p : b.path("params").properties()) {
                    key.append(key.indexOf(":") < 0 ? ":" : ",").append(p.getKey()).append('=').append(p.getValue().asText());
                }
            }
            JsonNode bytes = b.path("metrics").path("bytesPerOp");
            JsonNode objects = b.path("metrics").path("objectsPerOp");
            System.out.println(String.join("\t", key, b.path("verdict").asText(), b.path("fails").asText(),
                    bytes.path("verdict").asText("-"), objects.path("verdict").asText("-"),
                    Integer.toString(bytes.path("currentSamples").size()),
                    bytes.path("baseline").asText("-"), bytes.path("current").asText("-"),
                    objects.path("baseline").asText("-"), objects.path("current").asText("-")));
        }
    }
}
