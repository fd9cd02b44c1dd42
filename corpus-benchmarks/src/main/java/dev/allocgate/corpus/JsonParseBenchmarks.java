package dev.allocgate.corpus;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing an API response of {@code records} objects into maps and lists (a tree model). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class JsonParseBenchmarks {

    @Param({"1", "20"})
    public int records;

    private String document;

    @Setup
    public void setUp() {
        StringBuilder json = new StringBuilder("{\"page\": 3, \"items\": [");
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                json.append(", ");
            }
            int id = 20_000 + i * 7;
            json.append("{\"id\": ").append(id)
                    .append(", \"name\": \"customer ").append(id).append('"')
                    .append(", \"active\": ").append(i % 3 != 0)
                    .append(", \"balance\": ").append(i * 13).append('.').append(10 + i % 90)
                    .append(", \"tags\": [\"retail\", \"tier-").append(i % 4).append("\"]}");
        }
        document = json.append("]}").toString();
    }

    @Benchmark
    public Object parseTree() {
        Object tree = JsonParser.parse(document);
        Inject.object();
        return tree;
    }
}
