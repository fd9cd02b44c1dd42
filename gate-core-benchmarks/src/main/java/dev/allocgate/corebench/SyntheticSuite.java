package dev.allocgate.corebench;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.jmh.JmhResultReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A large, realistic benchmark suite written the way JMH 1.37 and allocgate write it: a JMH JSON
 * results file (with {@code -prof gc} and allocgate's objects profiler) for the current run, and a
 * baseline directory recorded with {@link BaselineStore} from an earlier run of the same suite.
 *
 * <p>The suite has {@value #CLASSES} benchmark classes of {@value #METHODS_PER_CLASS} methods, each
 * run with two {@code @Param}s ({@value #SIZES_COUNT} sizes x 2 implementations), in avgt mode with
 * 3 forks x 3 measurement iterations: {@value #BENCHMARKS} benchmarks in all. Most benchmarks
 * allocate an exactly constant amount (plus JMH's own per-iteration allocation spread over the
 * operations, as real results show); one in five is noisy. The current run differs from the
 * baseline as a real pull request might: about 1% regressed (+8 B/op and one more object), about
 * 1% improved, a few benchmarks new and a few removed.
 *
 * <p>Everything is derived from fixed seeds, so the files are the same on every run and in every
 * fork: the benchmarks of gate-core measure the same work each time.
 */
public final class SyntheticSuite {

    /** Benchmark classes (one baseline file each). */
    public static final int CLASSES = 50;
    /** Benchmark methods per class. */
    public static final int METHODS_PER_CLASS = 20;
    private static final String[] SIZES = {"16", "256", "4096", "65536", "1048576"};
    private static final int SIZES_COUNT = 5;
    private static final String[] IMPLEMENTATIONS = {"array", "linked"};
    /** Benchmarks per run: classes x methods x sizes x implementations. */
    public static final int BENCHMARKS = CLASSES * METHODS_PER_CLASS * SIZES_COUNT * 2;

    static final int FORKS = 3;
    static final int ITERATIONS = 3;
    /** JMH's own allocation per iteration on JDK 17 (see DESIGN.md section 4), spread over the ops. */
    private static final double JMH_INFRA_BYTES_PER_ITERATION = 5_700;
    private static final double ITERATION_NANOS = 200e6;

    /** Changes whenever the generated content changes, so that a cached copy is never stale. */
    static final String FORMAT_VERSION = "v1";

    private static final long CURRENT_SEED = 0x5EEDC0DEL;
    private static final long BASELINE_SEED = 0xBA5E1111L;

    /** Which run a file describes. */
    enum Run { BASELINE, CURRENT }

    private SyntheticSuite() {
    }

    /** The generated inputs: the current run's JMH results and the committed baseline directory. */
    public record Inputs(Path results, Path baselines) {
    }

    /**
     * Writes {@code jmh-result.json} and a {@code baselines/} directory into {@code directory}
     * (created when missing). The baselines are recorded from a baseline run's JMH file, read with
     * {@link JmhResultReader} and stored with {@link BaselineStore#update}, as {@code allocgate:record} does.
     */
    public static Inputs write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path results = directory.resolve("jmh-result.json");
        Path baselineRun = directory.resolve("jmh-result-baseline.json");
        Path baselines = directory.resolve("baselines");
        writeJmhResults(results, Run.CURRENT);
        writeJmhResults(baselineRun, Run.BASELINE);
        try {
            new BaselineStore(baselines).update(new JmhResultReader().read(baselineRun), name -> true);
        } catch (InvalidResultsException | InvalidBaselineException e) {
            throw new IllegalStateException("the generated suite is invalid: " + e.getMessage(), e);
        }
        Files.delete(baselineRun);
        return new Inputs(results, baselines);
    }

    /**
     * The inputs in {@code root/allocgate-corebench-<version>}, generated there on first use. The
     * content is the same on every run, so the forks of one benchmark run share one copy instead of
     * each spending seconds on generating it; a copy is generated in a private directory and moved
     * into place atomically, so concurrent forks never see a half-written one.
     */
    public static Inputs cached(Path root) throws IOException {
        Path directory = root.resolve("allocgate-corebench-" + FORMAT_VERSION);
        Inputs inputs = new Inputs(directory.resolve("jmh-result.json"), directory.resolve("baselines"));
        if (Files.isDirectory(directory)) {
            return inputs;
        }
        Files.createDirectories(root);
        Path scratch = Files.createTempDirectory(root, "allocgate-corebench-partial");
        write(scratch);
        try {
            Files.move(scratch, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // Another fork finished first (FileAlreadyExistsException, DirectoryNotEmptyException, or on Linux
            // rename(2)'s ENOTEMPTY as a plain FileSystemException): use its copy.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            deleteRecursively(scratch);
        }
        return inputs;
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes one run of the whole suite as JMH 1.37 formats {@code -rf json}. */
    static void writeJmhResults(Path file, Run run) throws IOException {
        SplittableRandom noise = new SplittableRandom(run == Run.CURRENT ? CURRENT_SEED : BASELINE_SEED);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("[\n");
            boolean first = true;
            for (int index = 0; index < BENCHMARKS; index++) {
                Truth truth = truth(index);
                if (!truth.presentIn(run)) {
                    continue;
                }
                if (!first) {
                    out.write(",\n");
                }
                first = false;
                writeEntry(out, index, truth, run, noise);
            }
            out.write("\n]\n");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What one benchmark really allocates and how fast it is, in both runs. */
    record Truth(double nanosPerOp, double bytesPerOp, double objectsPerOp, boolean noisy,
                 double extraBytesNow, double extraObjectsNow, boolean onlyInBaseline, boolean onlyInCurrent) {

        boolean presentIn(Run run) {
            return run == Run.CURRENT ? !onlyInBaseline : !onlyInCurrent;
        }
    }

    /** The fixed properties of benchmark {@code index}, derived from the index alone. */
    static Truth truth(int index) {
        SplittableRandom r = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 17);
        int size = Integer.parseInt(SIZES[sizeIndex(index)]);
        int shape = r.nextInt(10);
        double objects;
        double bytes;
        if (shape == 0) { // allocation-free
            objects = 0;
            bytes = 0;
        } else if (shape <= 4) { // a few small objects
            objects = 1 + r.nextInt(4);
            bytes = objects * (16 + 8 * r.nextInt(4));
        } else { // an array proportional to the size parameter, plus a wrapper
            objects = 2 + r.nextInt(3);
            bytes = 16 + align8(16 + size * (1 + r.nextInt(8))) + 24 * (objects - 2);
        }
        double nanos = 2 + bytes / 4 + r.nextDouble() * 40;
        boolean noisy = r.nextInt(5) == 0 && bytes > 0;
        int change = r.nextInt(1000);
        double extraBytes = change < 10 ? 8 : change < 20 && bytes >= 16 ? -16 : 0;
        double extraObjects = change < 10 ? 1 : change < 20 && bytes >= 16 ? -1 : 0;
        return new Truth(nanos, bytes, objects, noisy, extraBytes, extraObjects,
                change >= 990 && change < 993, change >= 993 && change < 996);
    }

    private static double align8(double bytes) {
        return Math.ceil(bytes / 8) * 8;
    }

    private static int sizeIndex(int index) {
        return (index / 2) % SIZES_COUNT;
    }

    static String benchmarkName(int index) {
        int method = (index / (2 * SIZES_COUNT)) % METHODS_PER_CLASS;
        int cls = index / (2 * SIZES_COUNT * METHODS_PER_CLASS);
        return String.format("com.example.suite.module%02d.Module%02dBenchmarks.operation%02d", cls, cls, method);
    }

    private static void writeEntry(Writer out, int index, Truth truth, Run run, SplittableRandom noise) throws IOException {
        boolean current = run == Run.CURRENT;
        double trueBytes = truth.bytesPerOp() + (current ? truth.extraBytesNow() : 0);
        double trueObjects = truth.objectsPerOp() + (current ? truth.extraObjectsNow() : 0);

        double[][] nanos = new double[FORKS][ITERATIONS];
        double[][] norm = new double[FORKS][ITERATIONS];
        double[][] rate = new double[FORKS][ITERATIONS];
        double[][] gcCount = new double[FORKS][ITERATIONS];
        double[][] objects = new double[FORKS][ITERATIONS];
        for (int f = 0; f < FORKS; f++) {
            double forkSpeed = 1 + 0.05 * noise.nextGaussian();
            for (int i = 0; i < ITERATIONS; i++) {
                double ns = Math.max(0.5, truth.nanosPerOp() * forkSpeed * (1 + 0.02 * noise.nextGaussian()));
                double ops = ITERATION_NANOS / ns;
                double jitter = truth.noisy() ? trueBytes * 0.004 * noise.nextGaussian() : 0;
                double b = Math.max(0, trueBytes + jitter) + JMH_INFRA_BYTES_PER_ITERATION * (0.9 + 0.2 * noise.nextDouble()) / ops;
                nanos[f][i] = ns;
                norm[f][i] = b;
                rate[f][i] = b / ns * 1e9 / (1024 * 1024);
                gcCount[f][i] = Math.floor(rate[f][i] * 0.2 / 50); // 200 ms iterations, ~50 MB young generation
                objects[f][i] = trueObjects + (truth.noisy() && noise.nextInt(10) == 0 ? 1.0 / ops : 0);
            }
        }

        String in = "        ";
        out.write("    {\n");
        out.write(in + "\"jmhVersion\" : \"1.37\",\n");
        out.write(in + "\"benchmark\" : \"" + benchmarkName(index) + "\",\n");
        out.write(in + "\"mode\" : \"avgt\",\n");
        out.write(in + "\"threads\" : 1,\n");
        out.write(in + "\"forks\" : " + FORKS + ",\n");
        out.write(in + "\"jvm\" : \"/usr/lib/jvm/java-17-openjdk-amd64/bin/java\",\n");
        out.write(in + "\"jvmArgs\" : [\n");
        out.write(in + "    \"-Djava.io.tmpdir=/home/ci/project/target/allocgate/tmp\"\n");
        out.write(in + "],\n");
        out.write(in + "\"jdkVersion\" : \"17.0.15\",\n");
        out.write(in + "\"vmName\" : \"OpenJDK 64-Bit Server VM\",\n");
        out.write(in + "\"vmVersion\" : \"17.0.15+6-Debian-1deb12u1\",\n");
        out.write(in + "\"warmupIterations\" : 2,\n");
        out.write(in + "\"warmupTime\" : \"200 ms\",\n");
        out.write(in + "\"warmupBatchSize\" : 1,\n");
        out.write(in + "\"measurementIterations\" : " + ITERATIONS + ",\n");
        out.write(in + "\"measurementTime\" : \"200 ms\",\n");
        out.write(in + "\"measurementBatchSize\" : 1,\n");
        out.write(in + "\"params\" : {\n");
        out.write(in + "    \"impl\" : \"" + IMPLEMENTATIONS[index % 2] + "\",\n");
        out.write(in + "    \"size\" : \"" + SIZES[sizeIndex(index)] + "\"\n");
        out.write(in + "},\n");
        out.write(in + "\"primaryMetric\" : ");
        writeMetric(out, in, nanos, "ns/op");
        out.write(",\n");
        out.write(in + "\"secondaryMetrics\" : {\n");
        String in2 = in + "    ";
        out.write(in2 + "\"allocgate.objects.norm\" : ");
        writeMetric(out, in2, objects, "objects/op");
        out.write(",\n" + in2 + "\"gc.alloc.rate\" : ");
        writeMetric(out, in2, rate, "MB/sec");
        out.write(",\n" + in2 + "\"gc.alloc.rate.norm\" : ");
        writeMetric(out, in2, norm, "B/op");
        out.write(",\n" + in2 + "\"gc.count\" : ");
        writeMetric(out, in2, gcCount, "counts");
        out.write("\n" + in + "}\n");
        out.write("    }");
    }

    private static final String[] PERCENTILES =
            {"0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999", "100.0"};

    /** One metric object with JMH's summary fields and {@code rawData[fork][iteration]}. */
    private static void writeMetric(Writer out, String indent, double[][] raw, String unit) throws IOException {
        double[] all = Arrays.stream(raw).flatMapToDouble(Arrays::stream).sorted().toArray();
        double mean = Arrays.stream(all).average().orElse(0);
        double variance = Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, all.length - 1);
        double error = 3.355 * Math.sqrt(variance / all.length); // t(0.9995, 8) as JMH's 99.9% interval
        String in = indent + "    ";
        out.write("{\n");
        out.write(in + "\"score\" : " + mean + ",\n");
        out.write(in + "\"scoreError\" : " + (variance == 0 ? "\"NaN\"" : Double.toString(error)) + ",\n");
        out.write(in + "\"scoreConfidence\" : [\n");
        out.write(in + "    " + (mean - error) + ",\n");
        out.write(in + "    " + (mean + error) + "\n");
        out.write(in + "],\n");
        out.write(in + "\"scorePercentiles\" : {\n");
        for (int p = 0; p < PERCENTILES.length; p++) {
            double q = Double.parseDouble(PERCENTILES[p]) / 100;
            double v = all[(int) Math.min(all.length - 1, Math.round(q * (all.length - 1)))];
            out.write(in + "    \"" + PERCENTILES[p] + "\" : " + v + (p + 1 < PERCENTILES.length ? ",\n" : "\n"));
        }
        out.write(in + "},\n");
        out.write(in + "\"scoreUnit\" : \"" + unit + "\",\n");
        out.write(in + "\"rawData\" : [\n");
        for (int f = 0; f < raw.length; f++) {
            out.write(in + "    [\n");
            for (int i = 0; i < raw[f].length; i++) {
                out.write(in + "        " + raw[f][i] + (i + 1 < raw[f].length ? ",\n" : "\n"));
            }
            out.write(in + "    ]" + (f + 1 < raw.length ? ",\n" : "\n"));
        }
        out.write(in + "]\n");
        out.write(indent + "}");
    }
}
