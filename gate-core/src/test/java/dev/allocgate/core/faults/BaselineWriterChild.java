package dev.allocgate.core.faults;

import dev.allocgate.core.baseline.BaselineConflictException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A separate JVM that writes baselines, for the crash and concurrency tests ({@link TornWriteTest},
 * {@link ConcurrentRecordTest}). Modes:
 * <ul>
 * <li>{@code loop <dir> <classes> <samples> <scratch-dir>}: warms up on {@code scratch-dir}, prints {@code waiting}
 *     and waits for a line on stdin, then updates {@code classes} class files in {@code dir}, alternating between
 *     versions 1 and 0 of {@link #versioned}, forever; prints {@code ready} after the first update;</li>
 * <li>{@code record <dir> <go-file> <value> <benchmark>...}: loads the baselines, prints {@code loaded}, waits for
 *     {@code go-file} to exist, then stores one entry per benchmark with {@code value} B/op, passing what it loaded as
 *     the basis (as {@code record} does); prints {@code written} and exits 0, or prints the conflict and exits 2.</li>
 * </ul>
 */
public final class BaselineWriterChild {
    /** Exit code of a {@code record} that lost to a concurrent one. */
    static final int CONFLICT_EXIT = 2;

    private BaselineWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        BaselineStore store = new BaselineStore(Path.of(args[1]));
        switch (args[0]) {
            case "loop" -> {
                int classes = Integer.parseInt(args[2]);
                int samples = Integer.parseInt(args[3]);
                // Load every class on a scratch directory first, then wait for the go-ahead on stdin: the test
                // starts the next child while it kills the previous one.
                BaselineStore warmUp = new BaselineStore(Path.of(args[4]));
                warmUp.update(versioned(0, classes, samples), name -> false);
                warmUp.load();
                System.out.println("waiting");
                System.out.flush();
                if (System.in.read() < 0) {
                    return;
                }
                for (long i = 1; ; i++) {
                    store.update(versioned((int) (i % 2), classes, samples), name -> false);
                    if (i == 1) {
                        System.out.println("ready");
                        System.out.flush();
                    }
                }
            }
            case "record" -> {
                Path go = Path.of(args[2]);
                double value = Double.parseDouble(args[3]);
                List<String> benchmarks = Arrays.asList(args).subList(4, args.length);
                BaselineSet basis = store.load();
                System.out.println("loaded");
                System.out.flush();
                while (!Files.exists(go)) {
                    Thread.sleep(1);
                }
                List<Measurement> entries = benchmarks.stream().map(b -> entry(b, value)).toList();
                try {
                    store.update(basis, entries, benchmarks::contains);
                    System.out.println("written");
                } catch (BaselineConflictException e) {
                    System.out.println(e.getMessage());
                    System.exit(CONFLICT_EXIT);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /**
     * Version {@code version} (0 or 1) of {@code classes} baseline entries, one per class
     * {@code dev.allocgate.faults.torn.C<i>}, each with {@code samples} distinct values: large files, so that a kill
     * is likely to land while one is being written.
     */
    static List<Measurement> versioned(int version, int classes, int samples) {
        List<Measurement> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int cls = c;
            double[] values = IntStream.range(0, samples).mapToDouble(j -> 1000.0 * (version + 1) + cls + j / 8.0).toArray();
            out.add(new Measurement(BenchmarkKey.of("dev.allocgate.faults.torn.C" + c + ".run", "avgt", Map.of()),
                    Map.of(Metric.BYTES_PER_OP, new Sample(values)), Double.NaN, Environment.UNKNOWN));
        }
        return out;
    }

    /** An entry for {@code benchmark} with {@code value} bytes per op in two forks. */
    static Measurement entry(String benchmark, double value) {
        return new Measurement(BenchmarkKey.of(benchmark, "avgt", Map.of()),
                Map.of(Metric.BYTES_PER_OP, Sample.of(value, value)), Double.NaN, Environment.UNKNOWN);
    }
}
