package dev.allocgate.corpus;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Word frequencies of a paragraph: String.split and a HashMap growing from its default capacity. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WordCountBenchmarks {

    private String paragraph;

    @Setup
    public void setUp() {
        String words = "the quick brown fox jumps over the lazy dog while the cat sleeps on a warm mat near "
                + "the door and a bird sings in the old tree by the river where the fox drinks at dusk";
        // the last word occurs once: the bytes8 injection lengthens only it
        paragraph = words + " " + words + " finally" + Inject.CHARS;
    }

    @Benchmark
    public Map<String, Integer> countWords() {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : paragraph.split(" ")) {
            counts.merge(word, 1, Integer::sum);
        }
        Inject.object();
        return counts;
    }
}
