package dev.allocgate.cli;

import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.shard.Shard;
import dev.allocgate.core.shard.ShardResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeCommandTest {

    private static final Environment JDK17 = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1GC", true, true, null, 1L << 30, "amd64", List.of());

    @TempDir
    Path temp;

    private static Measurement m(String name, double bytes) {
        return new Measurement(BenchmarkKey.of(name, "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(bytes, bytes, bytes)), 1_000_000, JDK17);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AllocgateCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    @Test
    void mergesShardsIntoOneVerdictAndReports() throws Exception {
        Path baselines = temp.resolve("baselines");
        new BaselineStore(baselines.resolve("jdk17")).update(List.of(m("a.B.x", 16), m("a.B.y", 32)), n -> true);
        SortedSet<String> suite = new TreeSet<>(List.of("a.B.x", "a.B.y"));
        new ShardResults(new Shard(1, 2), suite, new TreeSet<>(List.of("a.B.x")), 3, List.of(m("a.B.x", 16)), List.of(),
                List.of()).write(temp.resolve("s1"));
        new ShardResults(new Shard(2, 2), suite, new TreeSet<>(List.of("a.B.y")), 3, List.of(m("a.B.y", 64)), List.of(),
                List.of()).write(temp.resolve("s2"));

        int status = run("merge", "--shards", temp.resolve("s1") + "," + temp.resolve("s2"), "--baselines",
                baselines.toString(), "--output", temp.resolve("out").toString());

        assertEquals(GateCommands.GATE_FAILED, status, err.toString());
        assertTrue(out.toString().contains("FAIL: 1 of 2 benchmarks regressed"), out.toString());
        assertTrue(Files.isRegularFile(temp.resolve("out/report.md")));

        assertEquals(GateCommands.ERROR, run("merge", "--shards", temp.resolve("s1").toString(), "--baselines",
                baselines.toString(), "--output", temp.resolve("out2").toString()));
        assertTrue(err.toString().contains("shard 2/2 is missing"), err.toString());

        // The settings and rules of the other judging commands apply: a wider threshold, an informational rule.
        assertEquals(GateCommands.PASS, run("merge", "--shards", temp.resolve("s1") + "," + temp.resolve("s2"),
                "--baselines", baselines.toString(), "--output", temp.resolve("out3").toString(),
                "-Dallocgate.thresholdBytes=40"), err.toString());
        Path rules = Files.writeString(temp.resolve("rules.json"), "{\"rules\": [{\"pattern\": \"a.B.y\", \"informational\": true}]}");
        assertEquals(GateCommands.PASS, run("merge", "--shards", temp.resolve("s1") + "," + temp.resolve("s2"),
                "--baselines", baselines.toString(), "--output", temp.resolve("out4").toString(), "--rules",
                rules.toString()), err.toString());
        Path bad = Files.writeString(temp.resolve("bad.json"), "{\"rules\": [{\"pattern\": \"a.C.*\"}]}");
        assertEquals(AllocgateCli.USAGE, run("merge", "--shards", temp.resolve("s1") + "," + temp.resolve("s2"),
                "--baselines", baselines.toString(), "--output", temp.resolve("out5").toString(), "--rules",
                bad.toString()));
        assertTrue(err.toString().contains("rules file " + bad + ": rule 1 (a.C.*) matches no benchmark of the 2 in the"
                + " shards"), err.toString());
    }
}
