package dev.allocgate.corebench;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.parallel.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gate-core's own cost for a suite of {@value SyntheticSuite#BENCHMARKS} benchmarks: reading the
 * JMH results, loading the baselines, comparing, rendering all report formats, and all of it.
 *
 * <p>Each operation takes from milliseconds to about a second, so every invocation is timed on its
 * own ({@link Mode#SingleShotTime}); allocgate's GC profiler reports the bytes each one allocates,
 * which this module's build gates against {@code baselines/gate-core-benchmarks}. The iteration
 * counts below apply to manual runs; the build passes its own ({@code -f -wi -i}) from the pom.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@org.openjdk.jmh.annotations.Measurement(iterations = 5)
@Fork(2)
public class GateCoreBenchmarks {

    /**
     * The generated JMH results file and baseline directory, shared by all forks through a copy in
     * {@code java.io.tmpdir} (allocgate points it at {@code target/allocgate/tmp}).
     */
    @State(Scope.Benchmark)
    public static class Inputs {
        SyntheticSuite.Inputs files;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            files = SyntheticSuite.cached(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /**
     * The worker pool, one thread per processor, as a run of the plugin opens it. It lives for the
     * whole trial rather than one operation (the plugin opens one per run; starting its threads
     * costs well under a millisecond) so that its threads are alive when JMH's GC profiler reads
     * their allocation counters at the end of an iteration: before JDK 21 it reads only live threads.
     */
    @State(Scope.Benchmark)
    public static class Pool {
        Workers workers;

        @Setup(Level.Trial)
        public void open() {
            workers = Workers.forProcessors();
        }

        @TearDown(Level.Trial)
        public void close() {
            workers.close();
        }
    }

    /** The parsed results and the loaded baselines, ready to compare. */
    @State(Scope.Benchmark)
    public static class Loaded {
        List<Measurement> current;
        BaselineSet baselines;

        @Setup(Level.Trial)
        public void load(Inputs inputs) throws InvalidResultsException, InvalidBaselineException {
            current = GatePipeline.parse(inputs.files.results());
            baselines = GatePipeline.loadBaselines(inputs.files.baselines());
        }
    }

    /** The gate's report over the whole suite, ready to render. */
    @State(Scope.Benchmark)
    public static class Compared {
        GateReport report;

        @Setup(Level.Trial)
        public void compare(Loaded loaded, Pool pool) {
            report = GatePipeline.compare(loaded.current, loaded.baselines, pool.workers);
        }
    }

    @Benchmark
    public List<Measurement> parse(Inputs inputs) throws InvalidResultsException {
        return GatePipeline.parse(inputs.files.results());
    }

    @Benchmark
    public BaselineSet loadBaselines(Inputs inputs) throws InvalidBaselineException {
        return GatePipeline.loadBaselines(inputs.files.baselines());
    }

    @Benchmark
    public GateReport compare(Loaded loaded, Pool pool) {
        return GatePipeline.compare(loaded.current, loaded.baselines, pool.workers);
    }

    /**
     * All five report formats (JSON, Markdown, HTML and JUnit XML concurrently, then the console
     * table) in one operation, as a check writes them: one benchmark instead of five keeps the gated
     * run to five forked pairs.
     */
    @Benchmark
    public GatePipeline.Rendered render(Compared compared, Pool pool) {
        return GatePipeline.renderAll(compared.report, pool.workers);
    }

    @Benchmark
    public GatePipeline.Rendered endToEnd(Inputs inputs, Pool pool) throws InvalidResultsException, InvalidBaselineException {
        return GatePipeline.endToEnd(inputs.files, pool.workers);
    }
}
