package dev.allocgate.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.BenchmarkRunException;
import dev.allocgate.core.Commands;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.baseline.UpdateSummary;
import dev.allocgate.core.gate.BenchmarkComparison;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.MetricComparison;
import dev.allocgate.core.gate.Verdict;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.run.RunSettings;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GateWorkflow} end to end with real JMH (1.37) runs of the fixtures in {@code dev.allocgate.core.run}
 * ({@code AllocatingBenchmark}, {@code ParamBenchmark}, {@code ThrowingBenchmark}), one fork and 50 ms
 * iterations each. The emphasis is on failing closed: baselines are never written by a failed run or by
 * {@code check}, a corrupt baseline stops the workflow before JMH starts, and nothing machine-specific is
 * recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateWorkflowTest {
    private static final String PACKAGE = "dev.allocgate.core.run.";
    private static final String ALLOCATING_CLASS = PACKAGE + "AllocatingBenchmark";
    private static final String PARAM_CLASS = PACKAGE + "ParamBenchmark";
    private static final String ALLOCATING = ALLOCATING_CLASS + ".newArray";
    private static final String PARAMETERISED = PARAM_CLASS + ".build";
    private static final String THROWING = PACKAGE + "ThrowingBenchmark.fail";

    private static final String ALLOCATING_ONLY = "^dev\\.allocgate\\.core\\.run\\.AllocatingBenchmark\\.newArray$";
    private static final String ALLOCATING_AND_PARAM = "^dev\\.allocgate\\.core\\.run\\.(Allocating|Param)Benchmark\\.";
    private static final String ALLOCATING_AND_THROWING = "^dev\\.allocgate\\.core\\.run\\.(Allocating|Throwing)Benchmark\\.";

    /** Extra fork argument: lets the test derive the heap size the probe must report. */
    private static final String HEAP_ARG = "-Xmx256m";
    private static final long HEAP_BYTES = 256L * 1024 * 1024;

    private static final BenchmarkKey ALLOCATING_KEY = BenchmarkKey.of(ALLOCATING, "avgt", Map.of());
    private static final BenchmarkKey PARAM_1_KEY = BenchmarkKey.of(PARAMETERISED, "avgt", Map.of("length", "1"));
    private static final BenchmarkKey PARAM_8_KEY = BenchmarkKey.of(PARAMETERISED, "avgt", Map.of("length", "8"));

    /** An allocation rate no run of AllocatingBenchmark comes near; marks a baseline entry as "not from this run". */
    private static final double MARKER_ALLOC_RATE = 1.0;

    private final List<String> jmhOutput = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path temp;

    // The shared record-then-check of AllocatingBenchmark and ParamBenchmark, made once (each JMH fork costs ~1 s).
    private Path sharedWork;
    private Path sharedBaselines;
    private Path recordOutput;
    private Path checkOutput;
    private GateWorkflow.Recorded firstRecord;
    private Map<String, String> snapshotAfterRecord;
    private GateWorkflow.Result firstCheck;
    private Map<String, String> snapshotAfterCheck;

    @BeforeAll
    void recordIntoEmptyDirectoryThenCheck(@TempDir Path work) throws Exception {
        sharedWork = work;
        sharedBaselines = Files.createDirectories(work.resolve("baselines"));
        recordOutput = work.resolve("record-out");
        checkOutput = work.resolve("check-out");
        Instant start = Instant.now();
        firstRecord = workflow().record(settings(ALLOCATING_AND_PARAM, work.resolve("record-work")),
                new BaselineStore(sharedBaselines), GateSettings.defaults(), recordOutput, false);
        snapshotAfterRecord = snapshot(sharedBaselines);
        firstCheck = workflow().check(settings(ALLOCATING_AND_PARAM, work.resolve("check-work")),
                new BaselineStore(sharedBaselines), GateSettings.defaults(), checkOutput);
        snapshotAfterCheck = snapshot(sharedBaselines);
        System.out.println("GateWorkflowTest: record + check of 3 benchmark runs took "
                + Duration.between(start, Instant.now()).toMillis() + " ms");
    }

    @BeforeEach
    void clearSinks() {
        jmhOutput.clear();
        progress.clear();
    }

    @Test
    void recordIntoEmptyDirectoryWritesOneFilePerBenchmarkClass() throws Exception {
        Path allocatingFile = sharedBaselines.resolve(BaselineStore.fileNameFor(ALLOCATING_CLASS));
        Path paramFile = sharedBaselines.resolve(BaselineStore.fileNameFor(PARAM_CLASS));
        UpdateSummary update = firstRecord.update();

        assertEquals(Set.of(allocatingFile.getFileName().toString(), paramFile.getFileName().toString()),
                snapshotAfterRecord.keySet(), "exactly one file per benchmark class");
        assertEquals(List.of(allocatingFile, paramFile).stream().sorted().toList(), update.written());
        assertEquals(List.of(), update.deleted());
        assertEquals(3, update.added());
        assertEquals(0, update.updated());
        assertEquals(0, update.removed());

        Map<BenchmarkKey, Verdict> verdicts = verdicts(firstRecord.result().report().benchmarks());
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.NEW, PARAM_1_KEY, Verdict.NEW, PARAM_8_KEY, Verdict.NEW), verdicts);

        // What was stored is this run's measurement at the file's documented precision (4 decimals, half-even).
        Map<BenchmarkKey, Measurement> stored = new BaselineStore(sharedBaselines).load().entries();
        assertEquals(verdicts.keySet(), stored.keySet());
        for (Measurement measured : firstRecord.result().measurements()) {
            Measurement entry = stored.get(measured.key());
            assertEquals(rounded(measured.metrics()), entry.metrics(), "stored samples of " + measured.key());
            assertEquals(measured.environment(), entry.environment(), "stored environment of " + measured.key());
        }
        // 16 longs are 128 bytes of payload before any header: a lower bound derived from the fixture alone.
        double allocatingBytes = stored.get(ALLOCATING_KEY).sample(Metric.BYTES_PER_OP).orElseThrow().median();
        assertTrue(allocatingBytes > 128, "AllocatingBenchmark allocates a long[16] per op: " + allocatingBytes);
    }

    @Test
    void checkWithUnchangedCodeIsAllUnchangedPassesAndWritesItsReports() {
        assertTrue(firstCheck.report().passed(), "check of the code just recorded passes");
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.UNCHANGED, PARAM_1_KEY, Verdict.UNCHANGED, PARAM_8_KEY, Verdict.UNCHANGED),
                verdicts(firstCheck.report().benchmarks()));
        assertEquals(List.of(), firstCheck.report().failing());

        Path json = checkOutput.resolve(ReportFiles.JSON);
        Path markdown = checkOutput.resolve(ReportFiles.MARKDOWN);
        Path jmhResult = checkOutput.resolve(GateWorkflow.JMH_RESULT);
        assertEquals(ReportFiles.NAMES.stream().map(checkOutput::resolve).toList(), firstCheck.reportFiles());
        for (Path file : List.of(json, markdown, jmhResult)) {
            assertTrue(Files.isRegularFile(file), file + " exists");
            assertTrue(size(file) > 0, file + " is not empty");
        }
        assertEquals(snapshotAfterRecord, snapshotAfterCheck, "check never writes the baselines");
    }

    @Test
    void checkAgainstAnEntryEditedToAllocateLessReportsRegressionAndLeavesTheBaselineAlone() throws Exception {
        Path baselines = copyOf(sharedBaselines);
        BaselineStore store = new BaselineStore(baselines);
        Measurement recorded = store.load().get(ALLOCATING_KEY).orElseThrow();
        double[] recordedBytes = recorded.sample(Metric.BYTES_PER_OP).orElseThrow().values();
        Measurement lower = withMetric(recorded, Metric.BYTES_PER_OP,
                new Sample(Arrays.stream(recordedBytes).map(v -> v - 16).toArray()));
        UpdateSummary edit = store.update(List.of(lower), ALLOCATING::equals);
        assertEquals(List.of(baselines.resolve(BaselineStore.fileNameFor(ALLOCATING_CLASS))), edit.written());
        Map<String, String> before = snapshot(baselines);

        Path output = temp.resolve("out");
        GateWorkflow.Result result = workflow().check(settings(ALLOCATING_ONLY, temp.resolve("work")), store,
                GateSettings.defaults(), output);

        assertFalse(result.report().passed(), "a 16 B/op regression fails the gate");
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.REGRESSED), verdicts(result.report().benchmarks()),
                "only the filtered benchmark is judged; ParamBenchmark's entries are outside the filter");
        assertEquals(List.of(ALLOCATING_KEY), result.report().failing().stream().map(BenchmarkComparison::key).toList());
        MetricComparison bytes = result.report().benchmarks().get(0).metric(Metric.BYTES_PER_OP);
        assertEquals(new Sample(recordedBytes).median() - 16, bytes.baseline().center(), 1e-9,
                "compared against the edited entry");
        assertEquals(snapshot(baselines), before, "check leaves the baseline files byte for byte as they were");
        assertTrue(Files.isRegularFile(output.resolve(ReportFiles.JSON)));
        // JMH's own forks, no agent: the regression is not profiled, and the report says why instead of nothing.
        assertEquals(1, result.report().explanations().size());
        assertEquals(GateWorkflow.NOT_PROFILED_WITHOUT_AGENT, result.report().explanations().get(0).missing());

        // compare runs nothing: its report says so and names what gives an explanation.
        GateWorkflow.Result compared = workflow().compare(output.resolve(GateWorkflow.JMH_RESULT), null, store,
                new BenchmarkFilter(List.of(ALLOCATING_ONLY), List.of()), GateSettings.defaults(), temp.resolve("cmp"));
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.REGRESSED), verdicts(compared.report().benchmarks()));
        assertEquals(GateWorkflow.notProfiledInCompare(Commands.MAVEN), compared.report().explanations().get(0).missing());
        String md = Files.readString(temp.resolve("cmp").resolve(ReportFiles.MARKDOWN));
        assertTrue(md.contains("allocation sites unknown: not profiled, as compare reads JMH results files")
                && md.contains("\\`mvn allocgate:check\\` runs the benchmarks"), md);
    }

    @Test
    void failedBenchmarkDuringRecordWritesNothingIntoAnEmptyDirectory() throws Exception {
        Path baselines = Files.createDirectories(temp.resolve("baselines"));
        Path output = temp.resolve("out");

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> workflow().record(
                settings(ALLOCATING_AND_THROWING, temp.resolve("work")), new BaselineStore(baselines),
                GateSettings.defaults(), output, true));

        assertTrue(e.getMessage().contains(THROWING), e.getMessage());
        assertEquals(List.of(THROWING), e.benchmarks());
        assertEquals(Map.of(), snapshot(baselines), "no baseline file from a run with a failed benchmark");
        // The run itself measured AllocatingBenchmark: only the workflow's guard kept it out of the baselines.
        assertTrue(Files.readString(output.resolve(GateWorkflow.JMH_RESULT)).contains(ALLOCATING),
                "JMH wrote a result for the benchmark that did not fail");
    }

    @Test
    void failedBenchmarkDuringRecordLeavesExistingBaselinesByteForByte() throws Exception {
        Path baselines = copyOf(sharedBaselines);
        BaselineStore store = new BaselineStore(baselines);
        // Make the entry differ from anything this run measures, so that any write would change the file.
        Measurement recorded = store.load().get(ALLOCATING_KEY).orElseThrow();
        store.update(List.of(withMetric(recorded, Metric.ALLOC_RATE, Sample.of(MARKER_ALLOC_RATE))), ALLOCATING::equals);
        Map<String, String> before = snapshot(baselines);

        BenchmarkRunException e = assertThrows(BenchmarkRunException.class, () -> workflow().record(
                settings(ALLOCATING_AND_THROWING, temp.resolve("work")), store, GateSettings.defaults(),
                temp.resolve("out"), true));

        assertTrue(e.getMessage().contains(THROWING), e.getMessage());
        assertEquals(before, snapshot(baselines), "a failed record leaves every baseline file as it was");
    }

    @Test
    void recordWithFilterKeepsOtherEntriesAndDoesNotRewriteAnUnchangedEntry() throws Exception {
        Path baselines = copyOf(sharedBaselines);
        BaselineStore store = new BaselineStore(baselines);
        Measurement marked = markAllocRate(store);
        Map<String, String> before = snapshot(baselines);
        Map<String, FileTime> oldTimes = backdate(baselines);

        GateWorkflow.Recorded recorded = workflow().record(settings(ALLOCATING_ONLY, temp.resolve("work")), store,
                GateSettings.defaults(), temp.resolve("out"), false);

        assertEquals(Map.of(ALLOCATING_KEY, Verdict.UNCHANGED), verdicts(recorded.result().report().benchmarks()));
        assertNotEquals(MARKER_ALLOC_RATE, allocRateOf(recorded.result().measurements()),
                "this run measured its own allocation rate");
        assertEquals(new UpdateSummary(List.of(), List.of(), 0, 0, 0), recorded.update());
        assertEquals(before, snapshot(baselines), "files identical: the UNCHANGED entry kept its recorded values");
        assertEquals(oldTimes, modificationTimes(baselines), "no file was rewritten");
        Map<BenchmarkKey, Measurement> entries = store.load().entries();
        assertEquals(marked, entries.get(ALLOCATING_KEY));
        assertEquals(Set.of(ALLOCATING_KEY, PARAM_1_KEY, PARAM_8_KEY), entries.keySet(),
                "entries of benchmarks outside the filter are kept");
    }

    @Test
    void recordWithRefreshUnchangedStoresThisRunsValuesAndLeavesOtherClassesAlone() throws Exception {
        Path baselines = copyOf(sharedBaselines);
        BaselineStore store = new BaselineStore(baselines);
        markAllocRate(store);
        Path allocatingFile = baselines.resolve(BaselineStore.fileNameFor(ALLOCATING_CLASS));
        String paramFile = BaselineStore.fileNameFor(PARAM_CLASS);
        Map<String, String> before = snapshot(baselines);
        Map<String, FileTime> oldTimes = backdate(baselines);

        GateWorkflow.Recorded recorded = workflow().record(settings(ALLOCATING_ONLY, temp.resolve("work")), store,
                GateSettings.defaults(), temp.resolve("out"), true);

        assertEquals(Map.of(ALLOCATING_KEY, Verdict.UNCHANGED), verdicts(recorded.result().report().benchmarks()));
        assertEquals(new UpdateSummary(List.of(allocatingFile), List.of(), 0, 1, 0), recorded.update());
        Measurement measured = recorded.result().measurements().stream()
                .filter(m -> m.key().equals(ALLOCATING_KEY)).findFirst().orElseThrow();
        Measurement entry = store.load().get(ALLOCATING_KEY).orElseThrow();
        assertEquals(rounded(measured.metrics()), entry.metrics(), "the entry now holds this run's samples");
        assertEquals(measured.environment(), entry.environment());

        Map<String, String> after = snapshot(baselines);
        assertNotEquals(before.get(allocatingFile.getFileName().toString()), after.get(allocatingFile.getFileName().toString()));
        assertNotEquals(oldTimes.get(allocatingFile.getFileName().toString()),
                modificationTimes(baselines).get(allocatingFile.getFileName().toString()));
        assertEquals(before.get(paramFile), after.get(paramFile), "ParamBenchmark is outside the filter");
        assertEquals(oldTimes.get(paramFile), modificationTimes(baselines).get(paramFile));
    }

    @Test
    void compareRunResultsWithThemselvesPasses() throws Exception {
        Path results = checkOutput.resolve(GateWorkflow.JMH_RESULT);
        Path output = temp.resolve("out");

        GateWorkflow.Result result = workflow().compare(results, results, new BaselineStore(temp.resolve("unused")),
                BenchmarkFilter.ALL, GateSettings.defaults(), output);

        assertTrue(result.report().passed());
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.UNCHANGED, PARAM_1_KEY, Verdict.UNCHANGED, PARAM_8_KEY, Verdict.UNCHANGED),
                verdicts(result.report().benchmarks()));
        assertEquals(ReportFiles.NAMES.stream().map(output::resolve).toList(), result.reportFiles());
        assertTrue(result.reportFiles().stream().allMatch(Files::isRegularFile));
        assertEquals(List.of(), progress, "compare runs no benchmark");
    }

    @Test
    void compareRunResultsWithTheRecordedBaselinesPasses() throws Exception {
        GateWorkflow.Result result = workflow().compare(checkOutput.resolve(GateWorkflow.JMH_RESULT), null,
                new BaselineStore(sharedBaselines), new BenchmarkFilter(List.of(ALLOCATING_ONLY), List.of()),
                GateSettings.defaults(), temp.resolve("out"));

        assertTrue(result.report().passed());
        assertEquals(Map.of(ALLOCATING_KEY, Verdict.UNCHANGED), verdicts(result.report().benchmarks()));
    }

    /**
     * {@code compare} with an {@code against} file that holds no benchmark the filter selects must not judge
     * every benchmark NEW and pass: comparing with the wrong file (another module's, a run with a different
     * filter) would look like "no regressions". It fails like an unmatched results file.
     */
    @Test
    void compareAgainstAResultsFileWithNoMatchingBenchmarkIsNotASilentPass() throws Exception {
        Path results = checkOutput.resolve(GateWorkflow.JMH_RESULT);
        // A real JMH results file holding only ParamBenchmark: nothing to compare AllocatingBenchmark with.
        ObjectMapper mapper = new ObjectMapper();
        JsonNode all = mapper.readTree(results.toFile());
        List<JsonNode> paramOnly = new ArrayList<>();
        all.forEach(entry -> {
            if (entry.get("benchmark").asText().equals(PARAMETERISED)) {
                paramOnly.add(entry);
            }
        });
        assertEquals(2, paramOnly.size());
        Path against = temp.resolve("param-only.json");
        mapper.writeValue(against.toFile(), paramOnly);
        BenchmarkFilter allocatingOnly = new BenchmarkFilter(List.of(ALLOCATING_ONLY), List.of());

        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> workflow().compare(results, against,
                new BaselineStore(sharedBaselines), allocatingOnly, GateSettings.defaults(), temp.resolve("out")));
        assertEquals(against, e.file(), e.getMessage());
        assertTrue(e.getMessage().contains("no benchmark in it matches"), e.getMessage());
    }

    @Test
    void compareResultsWithNoBenchmarkMatchingTheFilterFails() {
        Path results = checkOutput.resolve(GateWorkflow.JMH_RESULT);
        // The only benchmark the filter selects is the one that never produces a result.
        BenchmarkFilter filter = new BenchmarkFilter(List.of(THROWING), List.of());

        InvalidResultsException e = assertThrows(InvalidResultsException.class, () -> workflow().compare(results,
                results, new BaselineStore(sharedBaselines), filter, GateSettings.defaults(), temp.resolve("out")));

        assertEquals(results, e.file());
        assertTrue(e.getMessage().contains(THROWING), e.getMessage());
        assertFalse(Files.exists(temp.resolve("out")), "no report for a comparison that did not happen");
    }

    @Test
    void corruptBaselineStopsCheckAndRecordBeforeAnyBenchmarkRuns() throws Exception {
        Path baselines = copyOf(sharedBaselines);
        Path corrupt = baselines.resolve(BaselineStore.fileNameFor(ALLOCATING_CLASS));
        Files.writeString(corrupt, "}", StandardOpenOption.APPEND); // trailing junk after the JSON object
        Map<String, String> before = snapshot(baselines);
        Path output = temp.resolve("out");

        InvalidBaselineException checkFailure = assertThrows(InvalidBaselineException.class, () -> workflow().check(
                settings(ALLOCATING_ONLY, temp.resolve("work")), new BaselineStore(baselines),
                GateSettings.defaults(), output));
        InvalidBaselineException recordFailure = assertThrows(InvalidBaselineException.class, () -> workflow().record(
                settings(ALLOCATING_ONLY, temp.resolve("work")), new BaselineStore(baselines),
                GateSettings.defaults(), output, true));

        for (InvalidBaselineException e : List.of(checkFailure, recordFailure)) {
            assertEquals(corrupt, e.file());
            assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
        }
        assertFalse(Files.exists(output.resolve(GateWorkflow.JMH_RESULT)), "no benchmark ran");
        assertEquals(List.of(), jmhOutput, "JMH was never started");
        assertEquals(before, snapshot(baselines), "the corrupt file is left for the user to fix");
    }

    @Test
    void recordedEnvironmentIsProbedAndHoldsNoMachinePath() throws Exception {
        // JMH itself reports the host's private tmpdir among the forks' arguments...
        JsonNode jmhResults = new ObjectMapper().readTree(recordOutput.resolve(GateWorkflow.JMH_RESULT).toFile());
        List<String> jmhArgs = new ArrayList<>();
        jmhResults.get(0).get("jvmArgs").forEach(a -> jmhArgs.add(a.asText()));
        assertTrue(jmhArgs.stream().anyMatch(a -> a.startsWith("-Djava.io.tmpdir=")), jmhArgs.toString());

        // ...but what is recorded has it removed, and the probe filled in what JMH's JSON lacks.
        Map<BenchmarkKey, Measurement> entries = new BaselineStore(sharedBaselines).load().entries();
        assertEquals(3, entries.size());
        for (Measurement m : entries.values()) {
            Environment env = m.environment();
            String where = m.key().toString();
            assertEquals(List.of(HEAP_ARG), env.jvmArgs(), where);
            assertNotNull(env.gc(), where);
            assertTrue(Set.of("SerialGC", "ParallelGC", "G1GC", "ZGC", "ShenandoahGC", "EpsilonGC").contains(env.gc()),
                    where + " gc " + env.gc());
            assertEquals(Boolean.TRUE, env.compressedOops(), where + ": compressed oops are on below a 32 GB heap");
            assertNotNull(env.compressedClassPointers(), where);
            assertEquals(HEAP_BYTES, env.maxHeapBytes(), where + ": the heap the forks were given with " + HEAP_ARG);
            assertEquals(System.getProperty("os.arch"), env.arch(), where);
            assertEquals(System.getProperty("java.vendor"), env.javaVendor(), where);
            assertEquals(System.getProperty("java.version"), env.jdkVersion(), where + ": forks use this JVM's java");
            assertNotNull(env.jmhVersion(), where);
        }
        for (Map.Entry<String, String> file : snapshotAfterRecord.entrySet()) {
            assertFalse(file.getValue().contains("java.io.tmpdir"), file.getKey());
            assertFalse(file.getValue().contains(sharedWork.toString()), file.getKey() + " holds a path of this machine");
        }
    }

    // ---- helpers ----

    private GateWorkflow workflow() {
        return new GateWorkflow(jmhOutput::add, progress::add);
    }

    /** Short settings: one fork, one 50 ms warmup iteration, two 50 ms measured iterations. */
    private static RunSettings settings(String include, Path work) {
        return new RunSettings(Path.of(System.getProperty("java.home"), "bin", "java"), testClassPath(), List.of(include),
                List.of(), 1, 1, Duration.ofMillis(50), 2, Duration.ofMillis(50), List.of(HEAP_ARG), Optional.empty(),
                work, Duration.ofSeconds(60));
    }

    /** The test JVM's class path (Surefire puts the real one in {@code surefire.test.class.path}). */
    private static List<Path> testClassPath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    private static Map<BenchmarkKey, Verdict> verdicts(List<BenchmarkComparison> benchmarks) {
        return benchmarks.stream().collect(Collectors.toMap(BenchmarkComparison::key, BenchmarkComparison::verdict));
    }

    /** Replaces the Allocating entry's allocation rate (informational, not gated) with the marker value. */
    private static Measurement markAllocRate(BaselineStore store) throws Exception {
        Measurement recorded = store.load().get(ALLOCATING_KEY).orElseThrow();
        assertTrue(recorded.sample(Metric.ALLOC_RATE).isPresent(), "the recorded entry has an allocation rate");
        Measurement marked = withMetric(recorded, Metric.ALLOC_RATE, Sample.of(MARKER_ALLOC_RATE));
        store.update(List.of(marked), ALLOCATING::equals);
        return marked;
    }

    private static double allocRateOf(List<Measurement> measurements) {
        return measurements.stream().filter(m -> m.key().equals(ALLOCATING_KEY)).findFirst().orElseThrow()
                .sample(Metric.ALLOC_RATE).orElseThrow().median();
    }

    private static Measurement withMetric(Measurement m, Metric metric, Sample sample) {
        Map<Metric, Sample> metrics = new EnumMap<>(m.metrics());
        metrics.put(metric, sample);
        return new Measurement(m.key(), metrics, m.opsPerIteration(), m.environment());
    }

    /** Samples as a baseline file stores them: rounded half-even to 4 decimals (BaselineStore's format). */
    private static Map<Metric, Sample> rounded(Map<Metric, Sample> metrics) {
        Map<Metric, Sample> out = new EnumMap<>(Metric.class);
        metrics.forEach((metric, sample) -> out.put(metric, new Sample(Arrays.stream(sample.values())
                .map(v -> BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN).doubleValue()).toArray())));
        return out;
    }

    /**
     * Every file under {@code directory} by relative path, its bytes as ISO-8859-1 text (one char per byte, so
     * equal maps mean byte-identical files, and a difference still prints readably). Empty for a missing directory.
     */
    private static Map<String, String> snapshot(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            Map<String, String> out = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(directory.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            return out;
        }
    }

    /** Sets every file's modification time to a fixed past instant, which any rewrite would replace. */
    private static Map<String, FileTime> backdate(Path directory) throws IOException {
        FileTime old = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        for (String name : snapshot(directory).keySet()) {
            Files.setLastModifiedTime(directory.resolve(name), old);
        }
        return modificationTimes(directory);
    }

    private static Map<String, FileTime> modificationTimes(Path directory) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        for (String name : snapshot(directory).keySet()) {
            out.put(name, Files.getLastModifiedTime(directory.resolve(name)));
        }
        return out;
    }

    private Path copyOf(Path source) throws IOException {
        Path target = Files.createDirectories(temp.resolve("baselines"));
        for (String name : snapshot(source).keySet()) {
            Files.copy(source.resolve(name), target.resolve(name));
        }
        return target;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
