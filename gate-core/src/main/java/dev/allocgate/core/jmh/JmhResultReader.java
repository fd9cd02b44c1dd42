package dev.allocgate.core.jmh;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.JsonErrorText;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Measurement.BytesCounted;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.parallel.Workers;
import dev.allocgate.profiler.ForkProtocol;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the JSON results file that JMH writes with {@code -rf json} (JMH 1.21 to 1.37, from Maven
 * or Gradle runs) into one {@link Measurement} per benchmark, mode and {@code @Param} combination.
 *
 * <p>The fork is the sample unit: each {@link Sample} value is the mean of a metric over one fork's
 * measurement iterations. Bytes per operation come from allocgate's worker-thread profiler
 * ({@code allocgate.bytes.norm}) when the run had it, otherwise from JMH's GC profiler
 * ({@code gc.alloc.rate.norm}, which also counts JMH's own per-iteration allocation); the GC profiler
 * is required either way. JMH's GC profiler leaves out {@code gc.alloc.rate.norm} for iterations
 * that allocated nothing, so missing iterations and forks count as zero bytes. The reader fails
 * closed: anything that would let a broken run look like "no regression" (no results, no GC
 * profiler data, unavailable allocation profiling, impossible values) is an
 * {@link InvalidResultsException} naming the file and, where it applies, the benchmark.
 */
public final class JmhResultReader {

    /** Bytes per operation, as JMH 1.37 names it. */
    static final String NORM = Metric.BYTES_PER_OP.gcProfilerName();
    /** Allocation rate in MB/s, as JMH 1.37 names it. */
    static final String RATE = Metric.ALLOC_RATE.gcProfilerName();
    /**
     * Bytes per operation of the benchmark's JMH worker threads only, from allocgate's
     * {@code WorkerBytesProfiler} (allocgate-profiler); preferred to {@link #NORM}, which also counts
     * JMH's own per-iteration allocation on other threads.
     */
    static final String WORKER_BYTES_NORM = Metric.BYTES_PER_OP.allocgateProfilerName();
    /** Upper bound of what JMH itself allocates per measurement iteration across its threads. */
    public static final double JMH_OWN_BYTES_PER_ITERATION = Metric.BYTES_PER_OP.jmhOwnPerIteration();
    /**
     * Upper bound of what JMH allocates per measurement iteration on the benchmark's own (worker) threads, where
     * allocgate's worker-bytes profiler counts: its result objects, 456 B and 14 objects per iteration on one worker
     * thread (one 16-byte object more in a run's first measured iteration), the same in AverageTime, Throughput and
     * SingleShotTime mode on JDK 17 and Temurin 25, counted around the worker's tasks by allocgate's executor
     * ({@code MemberExecutor}; 512 to 544 B and 16 to 17 objects on JMH's own executor, whose queue node comes and goes
     * with timing); about twice that. Workers that wait for each other at JMH's iteration barriers allocate more,
     * 1,000 to 1,048 B per iteration with 2 threads, 2,416 to 3,072 B with 4, but at most 768 B per worker: the bound
     * is per worker thread, and the gate spreads it over each thread's operations
     * ({@link dev.allocgate.core.model.Measurement#opsPerIteration()}). SampleTime allocates far more there (it builds
     * its latency histogram's statistics on the worker: 234 to 348 KB and 8,300 to 12,400 objects per 200 ms iteration), which is
     * why allocgate's forks measure a SampleTime benchmark's allocation in AverageTime mode.
     */
    public static final double JMH_WORKER_BYTES_PER_ITERATION = 1024;
    /**
     * Upper bound of what bytes/op net of JMH's per-iteration share ({@link Measurement.BytesCounted#BENCHMARK_THREADS_NET})
     * may still hold of it per iteration and thread: the tolerance of the forks' line fit.
     */
    public static final double NET_RESIDUAL_BYTES_PER_ITERATION = ForkProtocol.NET_RESIDUAL_BYTES;
    /**
     * What JMH and the profilers allocate per iteration outside the benchmark threads when both the GC
     * profiler and allocgate's run: about 11 KB measured on JDK 17; twice that is allowed before the
     * benchmark is taken to allocate on other threads.
     */
    static final double OTHER_THREADS_ALLOWANCE_PER_ITERATION = 2 * 11 * 1024;
    /** Objects per operation, from allocgate's own profiler (allocgate-profiler). */
    static final String OBJECTS_NORM = Metric.OBJECTS_PER_OP.allocgateProfilerName();
    /** JMH before 1.37 prefixes profiler metrics with a middle dot. */
    static final String OLD_PREFIX = Metric.JMH_OLD_PREFIX;

    private static final String WRITTEN_AT_END = "(JMH writes its results file only when the whole run completes)";

    private static final String BENCHMARK = "benchmark";
    /** What {@link EntryReader} reads of an entry; everything else is skipped unparsed. */
    private static final KeptFields ENTRY = KeptFields.only(BENCHMARK, "mode", "params", "jvmArgs", "jdkVersion",
                    "vmName", "vmVersion", "jmhVersion", "threads", "measurementBatchSize", "measurementTime")
            .with("primaryMetric", KeptFields.only("rawData", "rawDataHistogram", "score", "scoreUnit"))
            .with("secondaryMetrics", secondaryMetricsRead());

    /** Whether bytes/op is read net of JMH's per-iteration share where every fork gives it ({@link #grossBytes}). */
    private final boolean netBytes;

    /** A reader that takes bytes/op net of JMH's per-iteration share where every fork of an entry gives it. */
    public JmhResultReader() {
        this(true);
    }

    private JmhResultReader(boolean netBytes) {
        this.netBytes = netBytes;
    }

    /**
     * A reader that takes bytes/op as measured, JMH's per-iteration share included: for a fork whose figures are
     * merged with those of forks that could not tell the share apart.
     */
    public static JmhResultReader grossBytes() {
        return new JmhResultReader(false);
    }

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER) // same values as Double.parseDouble, faster
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller closes; a syntax error reads on
            .build();

    private static KeptFields secondaryMetricsRead() {
        KeptFields rawData = KeptFields.only("rawData");
        KeptFields metrics = KeptFields.only();
        for (String name : new String[] {NORM, RATE, WORKER_BYTES_NORM}) {
            metrics = metrics.with(name, rawData).with(OLD_PREFIX + name, rawData);
        }
        return metrics.with(OBJECTS_NORM, rawData).with(ForkProtocol.OPS_PER_ITERATION, rawData)
                .with(ForkProtocol.WORKER_BYTES_NET_NORM, rawData);
    }

    /**
     * Reads a JMH JSON results file.
     *
     * @param file the file written by {@code -rf json -rff file}
     * @return one measurement per benchmark key, in file order
     * @throws InvalidResultsException if the file is missing, unreadable, empty, not a JMH results
     *                                 array, or lacks usable GC profiler data for any benchmark
     */
    public List<Measurement> read(Path file) throws InvalidResultsException {
        if (Files.isDirectory(file)) {
            throw new InvalidResultsException(file, "is a directory, not a JMH results file");
        }
        try {
            List<Measurement> strict;
            try (InputStream in = Files.newInputStream(file)) {
                strict = readStrict(in, file);
            }
            if (strict != null) {
                return strict;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return readRepaired(in, file);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidResultsException(file, "does not exist " + WRITTEN_AT_END);
        } catch (IOException e) {
            throw new InvalidResultsException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * As {@link #read(Path)}, with a large file parsed in parts at the same time: on the calling thread and
     * on {@code workers} (see {@link ResultFileParts}). The result and every error are {@link #read(Path)}'s: a
     * file whose parts do not all read cleanly is read again as a whole. Called by the thread that owns
     * {@code workers}, not by one of its tasks.
     */
    public List<Measurement> read(Path file, Workers workers) throws InvalidResultsException {
        return read(file, workers, workers.parallelism(), ResultFileParts.MINIMUM_PART_BYTES);
    }

    /** As {@link #read(Path, Workers)}, in at most {@code maximumParts} parts of at least {@code minimumPartBytes}. */
    List<Measurement> read(Path file, Workers workers, int maximumParts, long minimumPartBytes) throws InvalidResultsException {
        List<Measurement> inParts = null;
        if (maximumParts > 1 && Files.isRegularFile(file)) {
            try {
                inParts = readInParts(ResultFileParts.of(file, maximumParts, minimumPartBytes), workers);
            } catch (IOException e) {
                // the whole read says what is wrong with the file
            }
        }
        return inParts != null ? inParts : read(file);
    }

    /** The measurements of every part, in file order; null when there is one part or a part did not read cleanly. */
    List<Measurement> readInParts(ResultFileParts parts, Workers workers) {
        if (parts.count() < 2) {
            return null;
        }
        List<Workers.Stage<List<Measurement>, RuntimeException>> others = new ArrayList<>();
        for (int i = 1; i < parts.count(); i++) {
            int part = i;
            others.add(workers.start("read part " + (part + 1) + " of " + parts.file(), () -> readPart(parts, part)));
        }
        List<List<Measurement>> read = new ArrayList<>();
        read.add(readPart(parts, 0));
        read.addAll(Workers.joinAll(others));
        List<Measurement> all = new ArrayList<>();
        Set<BenchmarkKey> seen = new HashSet<>();
        for (List<Measurement> part : read) {
            if (part == null || part.isEmpty()) {
                return null;
            }
            for (Measurement m : part) {
                if (!seen.add(m.key())) {
                    return null; // a benchmark in two parts: the whole read names it
                }
                all.add(m);
            }
        }
        return List.copyOf(all);
    }

    /** One part's measurements; null for anything but a clean read, which the whole read then explains. */
    private List<Measurement> readPart(ResultFileParts parts, int part) {
        try (InputStream in = parts.open(part); JsonParser p = mapper.createParser(new Utf8CheckingInputStream(in))) {
            return readEntries(p, parts.file(), true);
        } catch (IOException | InvalidResultsException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads JMH JSON results from a stream, which is not closed.
     *
     * @param in     the JSON text, UTF-8 encoded as JMH writes it
     * @param source the name used in error messages, normally the file the stream came from
     * @return one measurement per benchmark key, in input order
     * @throws InvalidResultsException as for {@link #read(Path)}
     */
    public List<Measurement> read(InputStream in, Path source) throws InvalidResultsException {
        try {
            byte[] bytes = in.readAllBytes(); // read twice when the names need the repair
            List<Measurement> strict = readStrict(new ByteArrayInputStream(bytes), source);
            return strict != null ? strict : readRepaired(new ByteArrayInputStream(bytes), source);
        } catch (IOException e) {
            throw new InvalidResultsException(source, "cannot be read: " + e, e);
        }
    }

    /**
     * The common case: the text is strict JSON, streamed entry by entry. Null when it needs the
     * repair of unescaped benchmark names (or is broken: {@link #readRepaired} then says how).
     */
    private List<Measurement> readStrict(InputStream in, Path file) throws IOException, InvalidResultsException {
        try (JsonParser p = mapper.createParser(new Utf8CheckingInputStream(in))) {
            return readEntries(p, file, true);
        } catch (JsonProcessingException | CharacterCodingException e) {
            return null;
        }
    }

    /** The text with unescaped benchmark names repaired line by line (see {@link BenchmarkNameRepairingReader}). */
    private List<Measurement> readRepaired(InputStream in, Path file) throws IOException, InvalidResultsException {
        Reader decoded = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        BenchmarkNameRepairingReader text = new BenchmarkNameRepairingReader(decoded);
        try {
            decoded.mark(1);
            if (decoded.read() != '\uFEFF') {
                decoded.reset(); // no byte order mark
            }
            try (JsonParser p = mapper.createParser(text)) {
                return readEntries(p, file, false);
            } catch (JsonProcessingException e) {
                throw syntaxError(file, text, e);
            }
        } catch (CharacterCodingException e) {
            throw new InvalidResultsException(file, "is not UTF-8 text (JMH writes its JSON results in UTF-8)", e);
        }
    }

    /** Complains in the order a whole-file check would: encoding anywhere, then blank text, then the syntax. */
    private static InvalidResultsException syntaxError(Path file, BenchmarkNameRepairingReader text,
                                                       JsonProcessingException e) throws IOException {
        text.drain();
        if (text.blankSoFar()) {
            return new InvalidResultsException(file, "is empty " + WRITTEN_AT_END);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidResultsException(file,
                "is not valid JSON (truncated or corrupt?)" + where + ": " + JsonErrorText.of(e.getOriginalMessage()), e);
    }

    /**
     * Reads the top-level array one entry at a time. An entry's problem is thrown only once the
     * whole text has parsed, so that a syntax error (which may call for the repair) comes first.
     *
     * @param rawNames check that no benchmark name holds an escape sequence: JMH never escapes the
     *                 name, so one means the text is JMH's raw name and must be read repaired
     * @return the measurements, or null when {@code rawNames} found an escaped name
     */
    private List<Measurement> readEntries(JsonParser p, Path file, boolean rawNames)
            throws IOException, InvalidResultsException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidResultsException(file, "is empty " + WRITTEN_AT_END);
        }
        if (first != JsonToken.START_ARRAY) {
            JsonNode root = KeptFields.whole(p);
            expectEnd(p);
            throw new InvalidResultsException(file, "is not a JMH results file: the top level is " + describe(root)
                    + ", expected an array of benchmark results");
        }
        List<Measurement> measurements = new ArrayList<>();
        Set<BenchmarkKey> seen = new HashSet<>();
        InvalidResultsException firstProblem = null;
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of input in the results array");
            }
            JsonNode entry = readEntry(p, rawNames);
            if (entry == null) {
                return null;
            }
            if (firstProblem == null) {
                try {
                    Measurement m = new EntryReader(file, index, entry, netBytes).read();
                    if (!seen.add(m.key())) {
                        throw new InvalidResultsException(file, "benchmark " + m.key() + " appears more than once");
                    }
                    measurements.add(m);
                } catch (InvalidResultsException e) {
                    firstProblem = e;
                }
            }
            index++;
        }
        expectEnd(p);
        if (firstProblem != null) {
            throw firstProblem;
        }
        if (index == 0) {
            throw new InvalidResultsException(file, "contains no benchmark results");
        }
        return List.copyOf(measurements);
    }

    /** One element of the results array, its unused parts left out; null when its name is escaped (see {@link #readEntries}). */
    private static JsonNode readEntry(JsonParser p, boolean rawNames) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return KeptFields.whole(p); // EntryReader says what it is instead
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            KeptFields part = ENTRY.fields().get(name);
            if (part == null) {
                p.skipChildren();
                continue;
            }
            entry.set(name, part.read(p));
            if (rawNames && name.equals(BENCHMARK) && p.currentToken() == JsonToken.VALUE_STRING && hasEscapes(p)) {
                return null;
            }
        }
        return entry;
    }

    /** Whether the string token just read was written with escape sequences: its bytes outnumber its text's. */
    private static boolean hasEscapes(JsonParser p) throws IOException {
        String text = p.getText();
        long start = p.currentTokenLocation().getByteOffset();
        long end = p.currentLocation().getByteOffset();
        return start >= 0 && end >= 0 && end - start - 2 != utf8Length(text);
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Nothing may follow the top-level value. */
    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new JsonParseException(p, "Trailing token (of type " + after + ") found after the top-level value",
                    p.currentTokenLocation());
        }
    }

    /**
     * JMH writes the benchmark name into the JSON without escaping it; see
     * {@link BenchmarkNameRepairingReader}. The text with such names escaped.
     */
    static String repairBenchmarkNames(String text) {
        return BenchmarkNameRepairingReader.repair(text);
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    /** Reads one element of the top-level array. */
    /**
     * The operations of one fork's iterations over which a bound per iteration (JMH's share) is spread for that fork's
     * figures. A figure that is the fork's median iteration (objects/op, the benchmark threads' bytes/op) holds at most
     * {@code s} over the lower median of the operations, whatever the other iterations hold; one that is the mean of
     * its iterations (bytes/op over every thread) at most {@code s} over their harmonic mean. One slow iteration (object
     * counting can slow an operation twenty times for a while) then does not widen the bound of a fork whose median
     * iteration held three times the operations.
     *
     * @param counts        each iteration's operations, all positive (reordered here)
     * @param medianFigures whether every figure bounded is a median iteration; otherwise the lower of both
     */
    static double shareSpreadOver(double[] counts, boolean medianFigures) {
        Arrays.sort(counts);
        double lowerMedian = counts[(counts.length - 1) / 2];
        if (medianFigures) {
            return lowerMedian;
        }
        double inverses = 0;
        for (double count : counts) {
            inverses += 1 / count;
        }
        return Math.min(counts.length / inverses, lowerMedian);
    }

    private static final class EntryReader {
        private final Path file;
        private final JsonNode entry;
        private final int index;
        /** What the entry is known as so far, for error messages: its name, then its key. */
        private String benchmark;
        private BenchmarkKey key;

        private final boolean netBytes;

        EntryReader(Path file, int index, JsonNode entry, boolean netBytes) {
            this.file = file;
            this.entry = entry;
            this.index = index;
            this.netBytes = netBytes;
        }

        Measurement read() throws InvalidResultsException {
            if (!entry.isObject()) {
                throw fail("is " + describe(entry) + ", expected an object");
            }
            benchmark = requiredText("benchmark");
            String mode = requiredText("mode");
            key = BenchmarkKey.of(benchmark, mode, params());

            JsonNode primary = entry.get("primaryMetric");
            if (primary == null || !primary.isObject()) {
                throw fail("has no primaryMetric");
            }
            JsonNode secondary = entry.path("secondaryMetrics");
            JsonNode norm = metric(secondary, NORM);
            JsonNode rate = metric(secondary, RATE);
            if (norm == null && rate == null) {
                throw fail("has no GC profiler data (was JMH run with -prof gc?)");
            }

            List<double[]> rateRows = rate == null ? null : rows(rate, RATE);
            if (rateRows != null) {
                checkRate(rateRows);
            }
            int[] iterations = iterationsPerFork(primary, rateRows);

            Map<Metric, Sample> metrics = new EnumMap<>(Metric.class);
            double allOps = countedOps(secondary, false).orElseGet(() -> OpsEstimate.perIteration(entry, primary));
            Sample allThreads = perForkMeanZeroFilled(NORM, Metric.BYTES_PER_OP.unit(), norm == null ? null : rows(norm, NORM), iterations,
                    rateRows);
            JsonNode workerBytes = metric(secondary, WORKER_BYTES_NORM);
            // allocgate's own metric reports every iteration: the median, as for objects, ignores an iteration that
            // carried one-time set-up (slow benchmarks, few operations per iteration).
            Sample benchmarkThreads = workerBytes == null ? null
                    : perForkMedian(WORKER_BYTES_NORM, Metric.BYTES_PER_OP.unit(), rows(workerBytes, WORKER_BYTES_NORM), iterations);
            boolean benchmarkThreadBytes = workerOnlyIsComplete(allThreads, benchmarkThreads, allOps);
            Sample net = benchmarkThreadBytes && netBytes ? netBytes(secondary, iterations) : null;
            metrics.put(Metric.BYTES_PER_OP, net != null ? net : benchmarkThreadBytes ? benchmarkThreads : allThreads);
            // JMH's share on the benchmark threads comes per thread (each worker's result objects, barrier waits), so the
            // share per operation is bounded over each thread's operations; every figure is a median iteration unless
            // bytes/op counts every thread.
            double opsPerIteration = (benchmarkThreadBytes ? countedOps(secondary, true).orElse(allOps) : allOps)
                    / OpsEstimate.threads(entry);
            JsonNode objects = secondary.get(OBJECTS_NORM);
            if (objects != null) {
                metrics.put(Metric.OBJECTS_PER_OP, perForkMedian(OBJECTS_NORM, Metric.OBJECTS_PER_OP.unit(), rows(objects, OBJECTS_NORM), null));
            }
            if (rateRows != null) {
                Sample rateSample = perForkMeanOfPresent(rateRows);
                if (rateSample != null) {
                    metrics.put(Metric.ALLOC_RATE, rateSample);
                }
            }
            return new Measurement(key, metrics, opsPerIteration, environment(), net != null ? BytesCounted.BENCHMARK_THREADS_NET
                    : benchmarkThreadBytes ? BytesCounted.BENCHMARK_THREADS : BytesCounted.ALL_THREADS);
        }

        /**
         * The benchmark threads' bytes/op net of JMH's per-iteration share ({@link ForkProtocol#WORKER_BYTES_NET_NORM}),
         * each fork's median iteration; null unless every fork gives it (allocgate's forks write it only where the share
         * is known, and merging drops the metric's data when a fork lacks it), so that no sample mixes net and gross
         * figures.
         */
        private Sample netBytes(JsonNode secondary, int[] iterations) throws InvalidResultsException {
            JsonNode net = secondary.get(ForkProtocol.WORKER_BYTES_NET_NORM);
            if (net == null || !net.isObject() || !net.path("rawData").isArray()
                    || net.path("rawData").size() != iterations.length) {
                return null;
            }
            List<double[]> rows = rows(net, ForkProtocol.WORKER_BYTES_NET_NORM);
            for (double[] row : rows) {
                if (row.length == 0) {
                    return null;
                }
            }
            return perForkMedian(ForkProtocol.WORKER_BYTES_NET_NORM, Metric.BYTES_PER_OP.unit(), rows, iterations);
        }

        /**
         * The operations over which JMH's per-iteration share spreads in the forks' figures, as allocgate's forks count
         * them ({@link ForkProtocol#OPS_PER_ITERATION}): per fork {@link #shareSpreadOver}, the fewest over the forks.
         * Empty for other results, whose operations are estimated from the score. The merged result of a run and each of its
         * forks read alike, so the engine's decisions after each fork use the allowance the final comparison uses.
         */
        private static OptionalDouble countedOps(JsonNode secondary, boolean medianFigures) {
            JsonNode ops = secondary.path(ForkProtocol.OPS_PER_ITERATION).path("rawData");
            double fewest = Double.POSITIVE_INFINITY;
            for (JsonNode fork : ops) {
                double[] counts = new double[fork.size()];
                int n = 0;
                for (JsonNode iteration : fork) {
                    Double value = JmhNumbers.parse(iteration);
                    if (value == null || !(value > 0) || value.isInfinite()) {
                        return OptionalDouble.empty();
                    }
                    counts[n++] = value;
                }
                if (n > 0) {
                    fewest = Math.min(fewest, shareSpreadOver(counts, medianFigures));
                }
            }
            return Double.isInfinite(fewest) ? OptionalDouble.empty() : OptionalDouble.of(fewest);
        }

        /**
         * The benchmark threads' bytes leave out JMH's own allocation, but also anything the benchmark
         * allocates on threads it starts or hands work to. Use them only when all threads together
         * allocated no more than JMH's and the profilers' own share explains (plus 1 B/op); otherwise count every thread,
         * so an allocation on another thread is never lost. Unknown operations per iteration: every thread.
         */
        private static boolean workerOnlyIsComplete(Sample allThreads, Sample benchmarkThreads, double allOps) {
            if (benchmarkThreads == null || !(allOps > 0) || Double.isInfinite(allOps)) {
                return false;
            }
            double jmhShare = OTHER_THREADS_ALLOWANCE_PER_ITERATION / allOps;
            return allThreads.median() - benchmarkThreads.median() <= jmhShare + 1.0;
        }

        private String requiredText(String field) throws InvalidResultsException {
            JsonNode node = entry.get(field);
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                throw fail("has no \"" + field + "\" string");
            }
            return node.asText();
        }

        private String optionalText(String field) throws InvalidResultsException {
            JsonNode node = entry.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isValueNode()) {
                throw fail("has a \"" + field + "\" that is " + describe(node) + ", expected a string");
            }
            return node.asText();
        }

        private Map<String, String> params() throws InvalidResultsException {
            JsonNode node = entry.get("params");
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw fail("has \"params\" that is " + describe(node) + ", expected an object of strings");
            }
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!p.getValue().isValueNode() || p.getValue().isNull()) {
                    throw fail("has @Param \"" + p.getKey() + "\" whose value is " + describe(p.getValue())
                            + ", expected a string");
                }
                params.put(p.getKey(), p.getValue().asText());
            }
            return params;
        }

        private Environment environment() throws InvalidResultsException {
            List<String> jvmArgs = null;
            JsonNode args = entry.get("jvmArgs");
            if (args != null && !args.isNull()) {
                if (!args.isArray()) {
                    throw fail("has \"jvmArgs\" that is " + describe(args) + ", expected an array of strings");
                }
                jvmArgs = new ArrayList<>();
                for (JsonNode a : args) {
                    if (!a.isValueNode() || a.isNull()) {
                        throw fail("has a \"jvmArgs\" element that is " + describe(a) + ", expected a string");
                    }
                    jvmArgs.add(a.asText());
                }
            }
            return new Environment(optionalText("jdkVersion"), null, optionalText("vmName"), optionalText("vmVersion"),
                    optionalText("jmhVersion"), null, null, null, null, null, null, jvmArgs);
        }

        /** The metric under its JMH 1.37 name or its older middle-dot name; null when absent. */
        private JsonNode metric(JsonNode secondary, String name) throws InvalidResultsException {
            if (secondary.isMissingNode() || secondary.isNull()) {
                return null;
            }
            if (!secondary.isObject()) {
                throw fail("has \"secondaryMetrics\" that is " + describe(secondary) + ", expected an object");
            }
            JsonNode current = secondary.get(name);
            JsonNode old = secondary.get(OLD_PREFIX + name);
            if (current != null && old != null) {
                throw fail("has both \"" + name + "\" and \"" + OLD_PREFIX + name + "\"");
            }
            JsonNode node = current != null ? current : old;
            if (node != null && !node.isObject()) {
                throw fail("has secondary metric " + name + " that is " + describe(node) + ", expected an object");
            }
            return node;
        }

        /** {@code rawData[fork][iteration]} of a metric; rows may differ in length. */
        private List<double[]> rows(JsonNode metric, String name) throws InvalidResultsException {
            JsonNode raw = metric.get("rawData");
            if (raw == null || !raw.isArray()) {
                throw fail("has no rawData array for " + name);
            }
            List<double[]> rows = new ArrayList<>(raw.size());
            for (int fork = 0; fork < raw.size(); fork++) {
                JsonNode row = raw.get(fork);
                if (!row.isArray()) {
                    throw fail("has " + name + " rawData[" + fork + "] that is " + describe(row)
                            + ", expected an array of iterations");
                }
                double[] values = new double[row.size()];
                for (int it = 0; it < row.size(); it++) {
                    Double v = JmhNumbers.parse(row.get(it));
                    if (v == null) {
                        throw fail("has a non-numeric " + name + " value " + row.get(it)
                                + " at rawData[" + fork + "][" + it + "]");
                    }
                    values[it] = v;
                }
                rows.add(values);
            }
            return rows;
        }

        private void checkRate(List<double[]> rateRows) throws InvalidResultsException {
            for (int fork = 0; fork < rateRows.size(); fork++) {
                for (double v : rateRows.get(fork)) {
                    if (Double.isNaN(v)) {
                        throw fail("has " + RATE + " = NaN in fork " + (fork + 1)
                                + ": allocation profiling was unavailable on this JVM, so bytes per op are unknown");
                    }
                    if (Double.isInfinite(v) || v < 0) {
                        throw fail("has an impossible " + RATE + " value " + v + " in fork " + (fork + 1));
                    }
                }
            }
        }

        /**
         * Measurement iterations of each fork: the primary metric's rows, or the allocation rate's
         * rows (written for every iteration) when JMH ran with {@code -Djmh.json.rawData=false}.
         */
        private int[] iterationsPerFork(JsonNode primary, List<double[]> rateRows) throws InvalidResultsException {
            JsonNode raw = primary.get("rawData");
            if (raw == null || raw.isNull()) {
                raw = primary.get("rawDataHistogram"); // sample mode: one histogram per iteration
            }
            if (raw != null && raw.isArray() && !raw.isEmpty()) {
                int[] counts = new int[raw.size()];
                for (int fork = 0; fork < raw.size(); fork++) {
                    JsonNode row = raw.get(fork);
                    if (!row.isArray()) {
                        throw fail("has primaryMetric rawData[" + fork + "] that is " + describe(row)
                                + ", expected an array of iterations");
                    }
                    counts[fork] = row.size();
                }
                return counts;
            }
            if (rateRows != null && !rateRows.isEmpty()) {
                return rateRows.stream().mapToInt(r -> r.length).toArray();
            }
            throw fail("has no per-fork raw data to count its measurement iterations");
        }

        /**
         * Per-fork mean of a per-operation metric over each fork's measurement iterations; iterations
         * (and forks) the metric omitted count as 0, as JMH omits iterations that allocated nothing. JMH
         * leaves the norm out only when an iteration allocated nothing, and then writes an allocation rate
         * of exactly 0: an omitted iteration counts as 0 only when as many of the fork's rate values are 0;
         * otherwise its bytes are unknown and the entry is an error.
         */
        private Sample perForkMeanZeroFilled(String name, String unit, List<double[]> rows, int[] iterations,
                                             List<double[]> rateRows) throws InvalidResultsException {
            if (rows != null && rows.size() > iterations.length) {
                throw fail("has " + rows.size() + " forks of " + name + " but only " + iterations.length
                        + " forks of the primary metric");
            }
            List<Double> perFork = new ArrayList<>();
            for (int fork = 0; fork < iterations.length; fork++) {
                double[] values = rows != null && fork < rows.size() ? rows.get(fork) : new double[0];
                if (values.length > iterations[fork]) {
                    throw fail("has " + values.length + " " + name + " values in fork " + (fork + 1) + " but only "
                            + iterations[fork] + " measurement iterations");
                }
                double sum = 0;
                for (double v : values) {
                    if (!Double.isFinite(v) || v < 0) {
                        throw fail("has an impossible " + name + " value " + v + " " + unit + " in fork " + (fork + 1));
                    }
                    sum += v;
                }
                if (!Double.isFinite(sum)) {
                    throw fail("has " + name + " values in fork " + (fork + 1) + " too large to add up (" + unit + ")");
                }
                int omitted = iterations[fork] - values.length;
                if (omitted > 0 && omitted > zeroRates(rateRows, fork)) {
                    throw fail(omissionMessage(name, fork, omitted, values.length, rateRows));
                }
                if (iterations[fork] > 0) {
                    perFork.add(sum / iterations[fork]);
                }
            }
            if (perFork.isEmpty()) {
                throw fail("has no measurement iterations");
            }
            return new Sample(perFork.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** How many of fork {@code fork}'s allocation rate values are exactly 0 (none without rate data). */
        private static int zeroRates(List<double[]> rateRows, int fork) {
            if (rateRows == null || fork >= rateRows.size()) {
                return 0;
            }
            int zeros = 0;
            for (double v : rateRows.get(fork)) {
                if (v == 0) {
                    zeros++;
                }
            }
            return zeros;
        }

        private static String omissionMessage(String name, int fork, int omitted, int present, List<double[]> rateRows) {
            String rate = rateRows == null || fork >= rateRows.size() || rateRows.get(fork).length == 0
                    ? "the fork has no " + RATE + " values to show that they allocated nothing"
                    : "the fork's " + RATE + " is " + Arrays.toString(rateRows.get(fork)) + " MB/sec, not 0";
            return "has no " + name + " for " + omitted + " of the " + (omitted + present) + " measurement iterations of fork "
                    + (fork + 1) + ", and " + rate + ": its bytes per op are unknown, not 0. JMH leaves " + name
                    + " out only for an iteration that allocated nothing (" + RATE + " = 0), so the file was cut or"
                    + " edited; run the benchmarks again with -prof gc and compare the new file";
        }

        /**
         * Per-fork median of the iterations, at most {@code iterations} per fork when given (objects/op, and allocgate's worker bytes/op): counts are exact once C2 has compiled the
         * benchmark, so the median ignores an iteration that started before it had (the counting
         * agent slows allocation, which can delay compilation past the warmup).
         */
        private Sample perForkMedian(String name, String unit, List<double[]> rows, int[] iterations)
                throws InvalidResultsException {
            List<Double> perFork = new ArrayList<>();
            for (int fork = 0; fork < rows.size(); fork++) {
                double[] values = rows.get(fork);
                if (iterations != null && (fork >= iterations.length || values.length > iterations[fork])) {
                    throw fail("has " + values.length + " " + name + " values in fork " + (fork + 1) + " but only "
                            + (fork < iterations.length ? iterations[fork] : 0) + " measurement iterations");
                }
                for (double v : values) {
                    if (!Double.isFinite(v) || v < 0) {
                        throw fail("has an impossible " + name + " value " + v + " " + unit + " in fork " + (fork + 1));
                    }
                }
                if (values.length > 0) {
                    perFork.add(new Sample(values).median());
                }
            }
            if (perFork.isEmpty()) {
                throw fail("has no " + name + " values");
            }
            return new Sample(perFork.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private Sample perForkMeanOfPresent(List<double[]> rows) throws InvalidResultsException {
            double[] means = rows.stream()
                    .filter(r -> r.length > 0)
                    .mapToDouble(r -> Arrays.stream(r).average().orElseThrow())
                    .toArray();
            for (double mean : means) {
                if (!Double.isFinite(mean)) {
                    throw fail("has " + RATE + " values too large to average");
                }
            }
            return means.length == 0 ? null : new Sample(means);
        }

        private InvalidResultsException fail(String detail) {
            String label = key != null ? "benchmark " + key : benchmark != null ? "benchmark " + benchmark : "result #" + (index + 1);
            return new InvalidResultsException(file, label + " " + detail);
        }
    }
}
