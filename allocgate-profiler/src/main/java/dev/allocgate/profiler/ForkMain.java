package dev.allocgate.profiler;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkException;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Main class of the benchmark JVMs that allocgate starts itself (its adaptive engine): each such JVM is one fork
 * of one benchmark, parameter combination and mode, and runs JMH in-process ({@code -f 0}). allocgate starts the
 * JVM with the options JMH would give a fork (compiler hints, blackholes), so nothing of JMH's isolation is lost,
 * and gains what JMH's own forks cannot do: a warmup that ends as soon as the allocation has settled.
 *
 * <p>Commands (their lines for allocgate as {@link ForkProtocol} defines them):
 * <ul>
 *   <li>{@code list [-e exclude]... [include]...}: the VM's name, then one JSON line per selected benchmark entry (JMH lists a
 *       benchmark once per declared mode) with its modes, {@code @Param} values and {@code @Fork} JVM arguments;</li>
 *   <li>{@code run <options>}: warms up in rounds of one {@code --round-ms} iteration until C2 has compiled the
 *       benchmark's code before the last round (for each of its methods, a {@code @Group} has several: JMH's loop
 *       around it or the method itself, also by on-stack replacement; see {@link CompiledCode}) with none of the
 *       benchmark's or its libraries' code under way or queued for C2, and the last {@code --settle-rounds} rounds
 *       agree on
 *       bytes/op (and objects/op when counted), or C2's code has run for several rounds whose allocation varies
 *       without a trend ({@link #fluctuating}), at least {@code --min-rounds} and at most {@code --max-warmup-ms}
 *       (up to three times that where the machine left the fork too little processor time: {@link #warmupCapped});
 *       then measures {@code --iterations} iterations of
 *       {@code --iteration-ms} and writes the result in JMH's JSON format ({@link ForkResultWriter}) to
 *       {@code --result}, with each iteration's bytes/op net of JMH's per-iteration share where the warmup rounds and
 *       the measured iterations tell it apart ({@link JmhShare}). Exit code 0 only with a result.</li>
 * </ul>
 * Warmup rounds are separate JMH runs in this JVM, so compiled code carries over from round to round while
 * {@code Level.Trial} state is set up anew each round.
 *
 * <p><b>Keeping out of the benchmark's profile.</b> What the harness does between rounds runs while the JIT
 * profiles the benchmark's code, and any JDK method both call records the harness's receiver types too. One such
 * type at a call site inside the benchmark's path is enough for C2 to compile that call as a real call where it would
 * have inlined it, and an object passed to it is no longer removed by escape analysis; whether the harness's call
 * came before or after C2's compilation is a matter of timing, so forks differed by whole objects in shares that
 * followed the machine's load. Seen on the corpus (JDK 17 and 25): this class's lines printed through the stream's
 * {@code CharsetEncoder} (LogEncoding US-ASCII: 7,680 or 5,888 B/op), {@code String.split} and regular
 * expressions on the compiler's lists, and on JDK 21 and later streams inside {@code ManagementFactory} and the
 * thread bean, and the message of the exception JMH's profiler lookup provoked (Stream, 11 to 13 objects/op). So
 * the harness prints bytes ({@link #print}), cuts the compiler's text by hand ({@link CompiledCode#lines}), looks
 * JDK services up once before the first round ({@link #lookUpJdkServices}), lists threads from their groups
 * ({@link WorkerBytesProfiler#liveThreads}), and its profilers take JMH's option string ({@link ProfilerOptions}).
 * What remains is JMH's own: each run reads and matches its benchmark list and formats its progress line, and the
 * measurement's GC profiler runs JDK code of its own (JDK 17 Format: 2,824 B/op with it, 2,728 without, in plain JMH).
 */
public final class ForkMain {

    /**
     * Length of the unmeasured iteration that takes each JMH run's trial set-up. JMH runs the set-up before it times the
     * iteration, but 1 ms instead of 10 put JDK 17's Format at its rarer escape-analysis level (75 objects) in the first
     * fork of 3 of 4 checks (0 of 8 at 10 ms), each then confirmed in 8 forks: the length of the work around the rounds
     * is part of what the JIT sees.
     */
    static final long SETUP_ITERATION_MILLIS = 10;
    /** Operations a measurement iteration should hold at least (see {@link #iterationMillis}). */
    static final long MIN_OPS_PER_ITERATION = 4096;
    /** Longest measurement iteration that {@link #iterationMillis} chooses. */
    static final long MAX_ITERATION_MILLIS = 2000;
    /**
     * Fewest operations a slow counted benchmark's measured iterations may hold without being measured again
     * ({@link #countedIterationMillis}): JMH's 1,024 B per iteration allowed are at most 2.7 B/op over them, so 8 B/op
     * more shows against a 4 B/op threshold.
     */
    static final long FEWEST_COUNTED_OPS_PER_ITERATION = 384;
    /** Operations the iterations of such a measurement taken again aim at. */
    static final long COUNTED_OPS_PER_ITERATION = 1024;

    /**
     * How many times {@code --max-warmup-ms} a warmup may last at most when the fork did not get the processor time
     * for it ({@link #warmupCapped}).
     */
    static final int STARVED_WARMUP_FACTOR = 3;

    /** Absolute agreement of bytes/op between settled rounds. */
    static final double SETTLED_BYTES = 0.5;
    /** Absolute agreement of objects/op between settled rounds. */
    static final double SETTLED_OBJECTS = 0.02;
    /** Relative agreement between settled rounds. */
    static final double SETTLED_RELATIVE = 0.002;
    /** Absolute agreement of each metric of a round ({@link #settled}): bytes/op, objects/op. */
    private static final double[] AGREEMENT = {SETTLED_BYTES, SETTLED_OBJECTS};
    /** Compiled rounds a warmup whose rounds do not agree needs before it may end as {@link #fluctuating}. */
    static final int FLUCTUATING_ROUNDS = 8;
    /** Largest |Kendall's tau| of a metric against the round's number that {@link #fluctuating} takes for no trend. */
    static final double NO_TREND_TAU = 0.5;
    /**
     * Bytes by which two warmup rounds may differ for JMH's own allocation per iteration on the worker threads (456 to
     * 472 B on one worker on JDK 17 and Temurin 25, more with several), spread over a round's operations in the
     * agreement test.
     */
    static final double ROUND_WORKER_BYTES = 1024;
    /** As {@link #ROUND_WORKER_BYTES} when the rounds read JMH's all-thread figure (about 5.7 KB per iteration). */
    static final double ROUND_ALL_THREAD_BYTES = 8192;
    /** Objects by which two warmup rounds may differ for JMH's own objects per iteration, spread likewise. */
    static final double ROUND_OBJECTS = 16;

    private ForkMain() {
    }

    public static void main(String[] args) {
        ParentWatch.start(); // the fork ends when allocgate does: its standard input is allocgate's pipe
        PrintStream out = System.out;
        if (args.length == 0) {
            usage("no command");
        }
        try {
            switch (args[0]) {
                case "list" -> list(Arrays.asList(args).subList(1, args.length), out);
                case "run" -> run(RunArgs.parse(Arrays.asList(args).subList(1, args.length)), out);
                default -> usage("unknown command " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        } catch (RunnerException | IOException | RuntimeException e) {
            System.err.println(ForkProtocol.Kind.ERROR.line(firstLine(e)));
            e.printStackTrace();
            System.exit(ForkProtocol.EXIT_FAILED);
        }
        System.exit(0); // a benchmark's non-daemon threads must not keep the fork alive
    }

    private static void usage(String problem) {
        System.err.println(ForkProtocol.Kind.ERROR.line("usage: " + problem));
        System.exit(ForkProtocol.EXIT_USAGE);
    }

    /**
     * Prints a line for allocgate as bytes in {@link ForkProtocol#lineCharset}, not through the stream's character
     * encoder: that is the JDK's {@code CharsetEncoder.encode}, which benchmarks that encode text call too (see the
     * class comment).
     */
    static void print(PrintStream out, String line) {
        byte[] bytes = (line + System.lineSeparator()).getBytes(LINE_CHARSET);
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    private static final Charset LINE_CHARSET = ForkProtocol.lineCharset();

    // ---- list --------------------------------------------------------------------------------------------

    private static void list(List<String> args, PrintStream out) {
        for (String line : listing(args)) {
            print(out, line);
        }
    }

    /**
     * The {@code list} command's output lines, for {@code list [-e exclude]... [include]...}. Public for allocgate,
     * which calls it in its own JVM, through a class loader of the benchmarks' class path, when the forks would run
     * on that same Java: the listing then needs no JVM of its own.
     */
    public static List<String> listing(List<String> args) {
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-e") && i + 1 < args.size()) {
                excludes.add(args.get(++i));
            } else {
                includes.add(args.get(i));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(ForkProtocol.Kind.VM.line(System.getProperty("java.vm.name", "")));
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(quiet, includes, excludes)) {
            StringBuilder line = new StringBuilder("{");
            field(line, "benchmark").append(Json.string(entry.getUsername()));
            field(line.append(','), "mode").append(Json.string(entry.getMode().shortLabel()));
            field(line.append(','), "params").append('{');
            Map<String, String[]> params = new TreeMap<>(entry.getParams().orElse(Map.of()));
            boolean first = true;
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                line.append(first ? "" : ",").append(Json.string(p.getKey())).append(':')
                        .append(Json.array(Arrays.asList(p.getValue())));
                first = false;
            }
            line.append('}');
            args(line, "jvmArgs", entry.getJvmArgs());
            args(line, "jvmArgsPrepend", entry.getJvmArgsPrepend());
            args(line, "jvmArgsAppend", entry.getJvmArgsAppend());
            lines.add(ForkProtocol.Kind.ENTRY.line(line.append('}').toString()));
        }
        lines.add(ForkProtocol.Kind.LISTED.line());
        return lines;
    }

    private static StringBuilder field(StringBuilder line, String name) {
        return line.append(Json.string(name)).append(':');
    }

    private static void args(StringBuilder line, String name, org.openjdk.jmh.util.Optional<Collection<String>> values) {
        if (values.hasValue()) {
            field(line.append(','), name).append(Json.array(values.get()));
        }
    }

    // ---- run ---------------------------------------------------------------------------------------------

    private static void run(RunArgs a, PrintStream out) throws RunnerException, IOException {
        long start = System.nanoTime();
        useMemberExecutor();
        CompiledCode code = compiledCode(a.benchmark, a.mode);
        lookUpJdkServices();
        long startCpuMillis = cpuMillis();
        List<double[]> rounds = new ArrayList<>();
        List<double[]> roundBytes = new ArrayList<>(); // {operations, worker bytes} of each round, for JmhShare
        long lastRoundOps = 0;
        boolean compiledBeforeRound = false;
        int compiledRounds = 0; // the last rounds, which ran whole after C2 had compiled the benchmark's code
        ForkProtocol.WarmupEnd warmupEnd = ForkProtocol.WarmupEnd.CAPPED;
        while (true) {
            RunResult round = runOne(options(a, false).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(a.roundMillis)).build(), a);
            lastRoundOps = operations(round);
            double[] values = agreementRow(round.getSecondaryResults(), lastRoundOps);
            awaitWorkersGone(a.benchmark);
            rounds.add(values);
            roundBytes.add(bytesPoint(round.getSecondaryResults(), lastRoundOps));
            boolean ranCompiled = compiledBeforeRound;
            int backlog = c2Backlog();
            // Compiled once C2 has compiled the benchmark's code and has no more of it or its libraries' under way or
            // queued: on a loaded machine C2 lags, and a method the benchmark calls without inlining it may still wait.
            compiledBeforeRound = compiledBeforeRound || (backlog == 0 && (compiledByC2(code)
                    || coldMember(lastRoundOps, a) && calleeCompiledByC2(code)));
            print(out, ForkProtocol.Kind.WARMUP.line(rounds.size() + " bytes/op " + values[0] + " objects/op " + values[1]
                    + " c2 " + (ranCompiled ? "whole-round" : compiledBeforeRound ? "during-round" : "not-yet")
                    + " at-ms " + (System.nanoTime() - start) / 1_000_000 + " c2-backlog " + backlog
                    + " ops " + lastRoundOps));
            compiledRounds += ranCompiled ? 1 : 0;
            if (rounds.size() >= a.minRounds && ranCompiled && settled(rounds, a.settleRounds)) {
                warmupEnd = ForkProtocol.WarmupEnd.SETTLED;
                break;
            }
            List<double[]> compiled = rounds.subList(rounds.size() - compiledRounds, rounds.size());
            if (rounds.size() >= a.minRounds && fluctuating(compiled)) {
                warmupEnd = ForkProtocol.WarmupEnd.FLUCTUATING;
                break;
            }
            if (warmupCapped((System.nanoTime() - start) / 1_000_000, cpuMillisSince(startCpuMillis), a.maxWarmupMillis)) {
                break;
            }
        }
        long warmupMillis = (System.nanoTime() - start) / 1_000_000;
        long iterationMillis = iterationMillis(a, lastRoundOps);
        boolean counting = a.profilers.contains(ObjectCountProfiler.class.getName());
        if (counting) {
            AgentCounters.requireLoaded();
            if (!AgentCounters.counting()) { // an agent loaded with "deferred": the warmup ran at full speed
                AgentCounters.startCountingForNewThreads(); // the measurement's JMH workers are new threads
            }
        }
        // The JIT may change the benchmark's code after the warmup has settled (a late recompilation that escape
        // analysis fares differently in); a measurement whose iterations disagree then straddles two states of the
        // code, and is run again (as warmup) up to ForkProtocol.MAX_REMEASUREMENTS times.
        boolean settled = warmupEnd == ForkProtocol.WarmupEnd.SETTLED;
        int remeasured = 0;
        // A profiling fork writes one profile per measurement, its figures are not gated, and stack traces make them
        // vary: it measures once, and its iterations are not judged.
        boolean profiling = a.profilers.contains(AllocationSiteProfiler.class.getName());
        // Object counting slows an operation by its allocations, so a slow benchmark's iterations, sized by the
        // warmup's rate, may hold few operations: measured once more at the rate they ran at. Even when JMH's share
        // comes out of this fork's bytes: the gate spreads its allowance for the share over the fewest operations of
        // any fork, net or not, so where another fork keeps its share (Temurin 25's JsonParse records=20 has both
        // kinds) this fork's few operations widen it: with forks whose median iteration held 235 and 312 operations
        // (4.4 and 3.3 B/op for the share), 8 B/op more read +8.08 against 8.36 allowed and +8.00 against 7.28.
        boolean mayLengthen = counting && !profiling && iterationMillis > a.iterationMillis;
        List<double[]> settledRounds =
                roundBytes.subList(Math.max(0, roundBytes.size() - a.settleRounds), roundBytes.size());
        RunResult measured;
        boolean steady;
        while (true) {
            measured = runOne(options(a, true).measurementIterations(a.iterations)
                    .measurementTime(TimeValue.milliseconds(iterationMillis)).build(), a);
            awaitWorkersGone(a.benchmark);
            List<double[]> iterations = iterationValues(measured);
            steady = profiling || settled(iterations, iterations.size());
            if (mayLengthen) {
                mayLengthen = false;
                long heldFew = iterationMillis;
                iterationMillis = countedIterationMillis(heldFew, medianOps(measured));
                if (iterationMillis != heldFew) {
                    print(out, ForkProtocol.Kind.REMEASURE.line("iterations of " + heldFew + " ms held"
                            + points(bytesPoints(measured)) + " operations:bytes with objects counted; "
                            + iterationMillis + " ms"));
                    continue;
                }
            }
            if (steady || !settled || remeasured == ForkProtocol.MAX_REMEASUREMENTS) {
                break;
            }
            remeasured++;
            print(out, ForkProtocol.Kind.REMEASURE.line(remeasured + " iterations disagree:"
                    + range("bytes/op", iterations, 0) + range("objects/op", iterations, 1)));
        }
        double[] net = settled && steady && !profiling ? netBytesPerOperation(measured, settledRounds) : null;
        if (net == null && !profiling && shareSeparable(measured)) { // for the team: why this fork stayed gross
            print(out, ForkProtocol.Kind.GROSS.line((settled ? steady ? "no exact line" : "unsteady" : warmupEnd.word())
                    + ": rounds" + points(settledRounds) + " measured" + points(bytesPoints(measured))));
        }
        ForkResultWriter.write(measured, Mode.deepValueOf(a.mode), Path.of(a.result), net);
        for (Map.Entry<String, String> also : a.alsoResults.entrySet()) { // the same fork for a mode run alike
            ForkResultWriter.write(measured, Mode.deepValueOf(also.getKey()), Path.of(also.getValue()), net);
        }
        print(out, ForkProtocol.Kind.DONE.line(new ForkProtocol.Done(rounds.size(), warmupMillis, warmupEnd, iterationMillis,
                (System.nanoTime() - start) / 1_000_000, c2Unchecked, remeasured, steady).text()));
    }

    /** {operations, worker bytes} of an iteration; bytes NaN without the worker-bytes profiler. */
    private static double[] bytesPoint(Map<String, Result> secondary, long ops) {
        Result bytes = secondary.get(WorkerBytesProfiler.BYTES_METRIC);
        return new double[] {ops, bytes == null ? Double.NaN : bytes.getScore()};
    }

    /**
     * The measured iterations' worker bytes per operation without what the worker allocates per iteration whatever
     * its length ({@link JmhShare}), or null where that share is not known: more than one benchmark thread (JMH's
     * share there depends on how long the threads wait for each other), single-shot mode (every iteration has the
     * same operations; allocgate compares such sides without an allowance instead), or the line not exact.
     *
     * @param settledRounds the warmup rounds that settled, each {operations, worker bytes}
     */
    static double[] netBytesPerOperation(RunResult measured, List<double[]> settledRounds) {
        if (!shareSeparable(measured)) {
            return null;
        }
        List<double[]> iterations = bytesPoints(measured);
        try {
            double share = JmhShare.perIteration(settledRounds, iterations);
            return Double.isNaN(share) ? null : JmhShare.netPerOperation(iterations, share);
        } catch (LinkageError e) { // a class path without jmh-core's commons-math3: the values keep JMH's share
            return null;
        }
    }

    /** Whether {@link #netBytesPerOperation} may tell JMH's share apart: one benchmark thread, not single-shot. */
    private static boolean shareSeparable(RunResult measured) {
        return measured.getParams().getThreads() == 1 && measured.getParams().getMode() != Mode.SingleShotTime;
    }

    /** The median of the measured iterations' operations per benchmark thread. */
    private static long medianOps(RunResult measured) {
        List<Long> ops = new ArrayList<>();
        for (BenchmarkResult benchmark : measured.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                ops.add(iteration.getMetadata().getAllOps());
            }
        }
        Collections.sort(ops);
        return ops.isEmpty() ? 0 : ops.get((ops.size() - 1) / 2) / Math.max(1, measured.getParams().getThreads());
    }

    /**
     * The measured iteration of a slow benchmark whose objects are counted, after a measurement with iterations of
     * {@code millis} that held {@code medianOps} operations: {@code millis} when they held at least
     * {@value #FEWEST_COUNTED_OPS_PER_ITERATION}, else long enough for {@value #COUNTED_OPS_PER_ITERATION} at the rate
     * they ran at, at most {@value #MAX_ITERATION_MILLIS} ms. Counting slows an operation by its allocations (4 to 6
     * times for corpus-benchmarks' JsonParse records=20, 635 objects per operation): an iteration sized by the warmup's
     * rate held 212 operations in one fork, over which JMH's 1,024 B per iteration allowed are 4.8 B/op.
     */
    static long countedIterationMillis(long millis, long medianOps) {
        if (medianOps >= FEWEST_COUNTED_OPS_PER_ITERATION || millis >= MAX_ITERATION_MILLIS) {
            return millis;
        }
        double needed = Math.ceil((double) COUNTED_OPS_PER_ITERATION * millis / Math.max(1, medianOps));
        return (long) Math.min(needed, MAX_ITERATION_MILLIS);
    }

    /** {operations, worker bytes} of each measured iteration. */
    private static List<double[]> bytesPoints(RunResult measured) {
        List<double[]> points = new ArrayList<>();
        for (BenchmarkResult benchmark : measured.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                points.add(bytesPoint(iteration.getSecondaryResults(), iteration.getMetadata().getAllOps()));
            }
        }
        return points;
    }

    /** " ops:bytes ..." of {operations, bytes} points, for the log. */
    private static String points(List<double[]> points) {
        StringBuilder b = new StringBuilder();
        for (double[] p : points) {
            b.append(String.format(Locale.ROOT, " %.0f:%.0f", p[0], p[1]));
        }
        return b.toString();
    }

    /**
     * Each measured iteration as a warmup round is for {@link #settled}: bytes/op, objects/op (NaN when not measured)
     * and the slack of each that JMH's own allocation per iteration brings.
     */
    static List<double[]> iterationValues(RunResult result) {
        List<double[]> values = new ArrayList<>();
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                values.add(agreementRow(iteration.getSecondaryResults(), iteration.getMetadata().getAllOps()));
            }
        }
        return values;
    }

    /**
     * A row for {@link #settled}, from a warmup round's or a measured iteration's secondary results over {@code ops}
     * operations: the benchmark threads' bytes/op (JMH's all-thread figure without the worker-bytes profiler),
     * objects/op (NaN when not measured), and the slack of each that JMH's own allocation per iteration brings.
     */
    private static double[] agreementRow(Map<String, Result> secondary, long ops) {
        boolean workerBytes = secondary.containsKey(WorkerBytesProfiler.NORM_METRIC);
        Result bytes = secondary.get(workerBytes ? WorkerBytesProfiler.NORM_METRIC : "gc.alloc.rate.norm");
        Result objects = secondary.get(ObjectCountProfiler.NORM_METRIC);
        long operations = Math.max(1, ops);
        return new double[] {bytes == null ? Double.NaN : bytes.getScore(),
                objects == null ? Double.NaN : objects.getScore(),
                (workerBytes ? ROUND_WORKER_BYTES : ROUND_ALL_THREAD_BYTES) / operations, ROUND_OBJECTS / operations};
    }

    /** " name min-max" of one metric over {@code rows}, for the log; "" when the metric was not measured. */
    private static String range(String name, List<double[]> rows, int metric) {
        DoubleSummaryStatistics stats = rows.stream().mapToDouble(r -> r[metric]).summaryStatistics();
        return Double.isNaN(stats.getMin()) ? ""
                : String.format(Locale.ROOT, " %s %.6g-%.6g", name, stats.getMin(), stats.getMax());
    }

    /**
     * The harness's one-time lookups of JDK services (this JVM's arguments from the runtime bean, the operating
     * system bean for the processor time, the diagnostic commands), done before the benchmark first runs: on JDK 21
     * and later they run streams (see the class comment).
     * A diagnostic command that cannot be reached fails again, and is said, when it is used.
     */
    private static void lookUpJdkServices() {
        inputArguments();
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                operatingSystem = os;
            }
        } catch (LinkageError | RuntimeException e) {
            // no processor time: the warmup's cap counts the time that passed
        }
        try {
            diagnostics();
        } catch (JMException | RuntimeException e) {
            // compiledByC2 and c2Backlog meet it again and fall back
        }
    }

    /**
     * Has JMH run the benchmark's threads on allocgate's {@link MemberExecutor} (JMH's default executor, which also
     * tells the profilers each thread's operations and group method), unless the benchmark's JVM arguments chose an
     * executor. Before JMH's first run: JMH reads the choice once.
     */
    static void useMemberExecutor() {
        if (System.getProperty("jmh.executor") == null) {
            System.setProperty("jmh.executor", "CUSTOM");
            System.setProperty("jmh.executor.class", MemberExecutor.class.getName());
        }
    }

    /**
     * Runs the fork's benchmark once. Not {@link Runner#runSingle()}: it counts the benchmark's list entries before
     * the mode is applied, and a method declaring several modes has one entry per mode, so it refuses such a method
     * even though the run, with its mode set, is a single benchmark.
     */
    private static RunResult runOne(Options options, RunArgs a) throws RunnerException {
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new RunnerException("expected one result for " + a.benchmark + " in mode " + a.mode + " with "
                    + a.params + ", JMH ran " + results.size());
        }
        return results.iterator().next();
    }

    /**
     * JMH options for one run of the fork's benchmark. JMH's GC profiler (about 30 ms per iteration) runs in the
     * measurement, whose all-thread figure tells allocgate whether the benchmark allocates on other threads, and in
     * warmup rounds only when no worker-bytes profiler gives the settling value.
     */
    private static ChainedOptionsBuilder options(RunArgs a, boolean measuring) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(a.benchmark) + "$")
                .mode(runMode(a.mode))
                .forks(0)
                // Every JMH run here is a new trial, whose set-up (state objects, Blackhole) allocates on the worker
                // thread in its first iteration: a short unmeasured iteration takes it, so no measured one does.
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(SETUP_ITERATION_MILLIS))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                // else JMH asks the runtime bean for them in every run, on JDK 21 and later with a stream
                .jvmArgs(inputArguments());
        if (measuring || !a.profilers.contains(WorkerBytesProfiler.class.getName())) {
            b.addProfiler("gc");
        }
        for (Map.Entry<String, String> p : a.params.entrySet()) {
            b.param(p.getKey(), p.getValue());
        }
        for (String profiler : a.profilers) {
            b.addProfiler(profiler);
        }
        return b;
    }

    private static String[] inputArguments;

    /** This JVM's arguments, as JMH records them in a run's parameters; read once. */
    private static String[] inputArguments() {
        if (inputArguments == null) {
            inputArguments = ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(new String[0]);
        }
        return inputArguments;
    }

    /**
     * The JMH mode in which a fork runs a benchmark of {@code mode}: the same, but SampleTime as AverageTime. The
     * operation, and what it allocates, is the same in both; but at the end of every SampleTime iteration JMH builds
     * the statistics of its latency histogram on the worker thread (a boxed value and a map entry per distinct sampled
     * time: 234 to 348 KB and 8,300 to 12,400 objects per 200 ms iteration of a 100 µs operation, measured on JDK 17),
     * so worker-thread bytes and objects per operation would move with the number of samples, that is with timing and
     * load. The result is still written under the benchmark's own mode.
     */
    static Mode runMode(String mode) {
        return Mode.deepValueOf(ForkProtocol.runMode(mode));
    }

    /**
     * The measurement iteration time: {@code --iteration-ms}, lengthened for a slow benchmark so that an iteration
     * holds at least {@value #MIN_OPS_PER_ITERATION} operations (as many as the last warmup round's rate gives),
     * at most {@value #MAX_ITERATION_MILLIS} ms. JMH's worker thread allocates a few hundred bytes of its own per
     * iteration; spread over that many operations it stays below 0.15 B/op.
     */
    static long iterationMillis(RunArgs a, long lastRoundOps) {
        if (a.mode.equals("ss") || a.mode.equalsIgnoreCase("SingleShotTime") || lastRoundOps <= 0
                || lastRoundOps * a.iterationMillis >= MIN_OPS_PER_ITERATION * a.roundMillis) { // enough at this rate
            return a.iterationMillis;
        }
        long needed = (long) Math.ceil((double) MIN_OPS_PER_ITERATION * a.roundMillis / lastRoundOps);
        return Math.max(a.iterationMillis, Math.min(needed, Math.max(a.iterationMillis, MAX_ITERATION_MILLIS)));
    }

    /**
     * Whether the warmup has reached its cap: {@code maxWarmupMillis} have passed and the fork has run for as long
     * (its processor time since the warmup began, every thread's: the benchmark's and the JIT's), or
     * {@value #STARVED_WARMUP_FACTOR} times that have passed whatever it ran. On a machine shared with other work the
     * JIT falls behind the benchmark: corpus-benchmarks' JDK 17 Format forks, two at a time beside a build on 2 cores,
     * ran about 3.2 s in their first 5 s, reached the cap before C2 had compiled the benchmark's code and measured C1's
     * 77 objects per operation instead of 76, which failed unchanged code; beside one other fork only they settle in
     * about 3.4 s. A fork that has had a whole processor for the cap is capped as before.
     *
     * @param cpuMillis the fork's processor time since the warmup began, negative when the JVM does not tell it
     */
    static boolean warmupCapped(long elapsedMillis, long cpuMillis, long maxWarmupMillis) {
        return elapsedMillis >= maxWarmupMillis && (cpuMillis < 0 || cpuMillis >= maxWarmupMillis
                || elapsedMillis >= STARVED_WARMUP_FACTOR * maxWarmupMillis);
    }

    private static com.sun.management.OperatingSystemMXBean operatingSystem;

    /**
     * This JVM's processor time in milliseconds, all threads, or -1 when the JVM does not tell it. The bean is looked
     * up before the benchmark first runs ({@link #lookUpJdkServices}); reading it is a native call.
     */
    static long cpuMillis() {
        if (operatingSystem == null) {
            return -1;
        }
        long nanos = operatingSystem.getProcessCpuTime();
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    /** This JVM's processor time since {@code startCpuMillis} (a {@link #cpuMillis}), or -1 when not told. */
    private static long cpuMillisSince(long startCpuMillis) {
        long now = cpuMillis();
        return now < 0 || startCpuMillis < 0 ? -1 : now - startCpuMillis;
    }

    /** Operations of a one-iteration run (all threads). */
    private static long operations(RunResult result) {
        long ops = 0;
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                ops += iteration.getMetadata().getAllOps();
            }
        }
        return ops;
    }

    /**
     * What tells whether C2 has compiled the benchmark's code ({@link CompiledCode}), or null in single-shot mode,
     * whose operation runs once per iteration outside a loop (its rounds' agreement alone decides there).
     */
    static CompiledCode compiledCode(String benchmark, String mode) {
        Mode m = runMode(mode);
        if (m == Mode.SingleShotTime) {
            return null;
        }
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(quiet,
                List.of("^" + Pattern.quote(benchmark) + "$"), List.of())) {
            if (entry.getUsername().equals(benchmark)) {
                return CompiledCode.of(entry.cloneWith(m));
            }
        }
        throw new IllegalStateException("benchmark " + benchmark + " is not in this class path's"
                + " META-INF/BenchmarkList; run JMH's annotation processor on the benchmark sources");
    }

    /** Set when {@code Compiler.codelist} could not be read: the warmup then ended on the allocation's agreement alone. */
    private static volatile boolean c2Unchecked;

    /**
     * Whether C2 (tier 4) has compiled the benchmark's code ({@link CompiledCode}): escape analysis acts only then,
     * and before it a benchmark's allocation can look settled at its interpreted or C1 value for seconds on a loaded
     * machine. Read from HotSpot's {@code Compiler.codelist} diagnostic command; true when the JVM has none (the
     * allocation's agreement alone decides there) or for single-shot mode ({@code code} null).
     */
    static boolean compiledByC2(CompiledCode code) {
        if (code == null) {
            return true;
        }
        String codelist;
        try {
            codelist = diagnostics().run("Compiler.codelist", "compilerCodelist");
        } catch (JMException | RuntimeException e) {
            c2Unchecked = true; // said in the "done" line, so the run can warn
            return true;
        }
        return code.compiled(codelist);
    }

    /**
     * HotSpot's invocation count at which C2 compiles a method in tiered compilation ({@code Tier4InvocationThreshold},
     * 5,000 by default; back-edges and the C1 profile may bring it earlier, never much).
     */
    static final long C2_INVOCATIONS = 5000;

    /**
     * Whether the benchmark's operation is so long that C2 would not compile its member methods within the warmup cap
     * by their invocations: all warmup rounds at the last round's rate together would call them fewer than
     * {@link #C2_INVOCATIONS} times (2 to 10 ms operations: 10 to 50 per 100 ms round, 500 to 2,500 in 5 s). Such a
     * member is entered once per operation, and its operation spends its time in the code it calls, which C2 compiles
     * early; the fork then counts as compiled once C2 has compiled such code of the benchmark's package
     * ({@link CompiledCode#calleeCompiledByC2}) and has none of the benchmark's or its libraries' code under way or
     * queued, and settles when its rounds agree.
     */
    static boolean coldMember(long roundOps, RunArgs a) {
        return roundOps > 0 && roundOps * Math.max(1, a.maxWarmupMillis / a.roundMillis) < C2_INVOCATIONS;
    }

    /** Whether C2 has compiled code the benchmark's members call ({@link CompiledCode#calleeCompiledByC2}). */
    static boolean calleeCompiledByC2(CompiledCode code) {
        if (code == null) {
            return true;
        }
        try {
            return code.calleeCompiledByC2(diagnostics().run("Compiler.codelist", "compilerCodelist"));
        } catch (JMException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Compilations of the benchmark's and its libraries' code that C2 has under way or queued, from HotSpot's
     * {@code Compiler.queue} diagnostic command ({@link CompiledCode#c2Backlog(String)}); 0 when the JVM has none.
     */
    static int c2Backlog() {
        try {
            return CompiledCode.c2Backlog(diagnostics().run("Compiler.queue", "compilerQueue"));
        } catch (JMException | RuntimeException e) {
            return 0;
        }
    }

    /** Runs one of HotSpot's diagnostic commands without arguments. */
    private interface Diagnostics {
        /**
         * @param command   the command's name, {@code Compiler.codelist}
         * @param operation its name as an operation of the diagnostic command bean, {@code compilerCodelist}
         */
        String run(String command, String operation) throws JMException;
    }

    private static Diagnostics diagnostics;

    /**
     * HotSpot's diagnostic commands, when {@code jdk.management}'s internals are open to this class path
     * ({@code --add-opens}, as allocgate's forks have it), straight from their implementation: about 1 ms, where
     * their MBean operations first build the descriptions of every diagnostic command (60 ms on JDK 17, 0.4 to 0.6 s
     * on JDK 25) and the platform MBean server costs about 0.45 s to start. Otherwise through the bean, and failing
     * that through that server.
     */
    private static Diagnostics diagnostics() throws JMException {
        if (diagnostics == null) {
            Object[] noArguments = {null};
            String[] signature = {String[].class.getName()};
            try {
                Objects.requireNonNull(WorkerBytesProfiler.THREADS); // loads jdk.management's native library, which they need
                Class<?> type = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
                Method get = type.getDeclaredMethod("getDiagnosticCommandMBean");
                get.setAccessible(true);
                DynamicMBean bean = (DynamicMBean) get.invoke(null);
                try {
                    Method execute = type.getDeclaredMethod("executeDiagnosticCommand", String.class);
                    execute.setAccessible(true);
                    execute.invoke(bean, "Compiler.codelist");
                    // Anonymous classes rather than lambdas: a lambda's bootstrap would cost the fork more than the call.
                    diagnostics = new Diagnostics() {
                        @Override
                        public String run(String command, String operation) throws JMException {
                            return invoke(execute, bean, command);
                        }
                    };
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    diagnostics = new Diagnostics() {
                        @Override
                        public String run(String command, String operation) throws JMException {
                            return (String) bean.invoke(operation, noArguments, signature);
                        }
                    };
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
                diagnostics = new Diagnostics() {
                    @Override
                    public String run(String command, String operation) throws JMException {
                        return (String) server.invoke(name, operation, noArguments, signature);
                    }
                };
            }
        }
        return diagnostics;
    }

    private static String invoke(Method execute, Object bean, String command) throws JMException {
        try {
            return (String) execute.invoke(bean, command);
        } catch (ReflectiveOperationException e) {
            throw new JMException("Could not run " + command + ": " + e);
        }
    }

    /**
     * Waits (up to 10 s) until the worker threads of the JMH run that just ended have left the JVM's thread groups
     * ({@link WorkerBytesProfiler#liveThreads}, as the profiler lists them): the next run names its workers alike.
     */
    static void awaitWorkersGone(String benchmark) {
        String prefix = benchmark + WorkerBytesProfiler.WORKER_MARKER;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && liveWorker(prefix)) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a live thread is named like a worker of the benchmark whose workers' names start with {@code prefix}. */
    private static boolean liveWorker(String prefix) {
        for (Thread thread : WorkerBytesProfiler.liveThreads()) {
            if (WorkerBytesProfiler.isWorker(thread.getName(), prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the last {@code count} rounds agree on every metric they report. A round is {bytes/op, objects/op}
     * and optionally the slack of each, per operation, that JMH's own allocation per iteration brings: it is about
     * constant per round (528 B on a worker thread, JDK 17), so a round of few operations reads higher than one of
     * more without the benchmark's allocation changing (a 2 ms operation: 0.6 to 1.8 B/op).
     */
    static boolean settled(List<double[]> rounds, int count) {
        if (rounds.size() < count) {
            return false;
        }
        List<double[]> last = rounds.subList(rounds.size() - count, rounds.size());
        for (int metric = 0; metric < AGREEMENT.length; metric++) {
            if (!agree(last, metric)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code rounds} agree on {@code metric} as {@link #settled} asks; true when it was not measured. */
    private static boolean agree(List<double[]> rounds, int metric) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double slack = 0;
        for (double[] round : rounds) {
            min = Math.min(min, round[metric]);
            max = Math.max(max, round[metric]);
            if (round.length > metric + 2) {
                slack = Math.max(slack, round[metric + 2]);
            }
        }
        return Double.isNaN(min) || Double.isNaN(max)
                || max - min <= AGREEMENT[metric] + slack + SETTLED_RELATIVE * Math.abs(max);
    }

    /**
     * Whether rounds that ran whole after C2 had compiled the benchmark's code, and do not agree, vary without a trend
     * ({@link ForkProtocol.WarmupEnd#FLUCTUATING}): over the last {@value #FLUCTUATING_ROUNDS} of them, each metric
     * whose rounds disagree has Kendall's tau against the round's number within {@value #NO_TREND_TAU} either way, and
     * the median of each half of those rounds within the range of the other half. A benchmark whose allocation depends
     * on the scheduling of its threads (a queue's nodes under contention) varies so for good, and more warmup only
     * costs time; one still settling (a cache that fills, escape analysis that comes in, a recompilation) moves one
     * way and waits for its rounds to agree or for the cap.
     *
     * @param compiledRounds the warmup's last rounds, each run whole after C2 had compiled the benchmark's code
     */
    static boolean fluctuating(List<double[]> compiledRounds) {
        if (compiledRounds.size() < FLUCTUATING_ROUNDS) {
            return false;
        }
        List<double[]> last = compiledRounds.subList(compiledRounds.size() - FLUCTUATING_ROUNDS, compiledRounds.size());
        double[] order = new double[last.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        boolean disagree = false;
        for (int metric = 0; metric < AGREEMENT.length; metric++) {
            if (agree(last, metric)) {
                continue;
            }
            disagree = true;
            double[] values = new double[last.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = last.get(i)[metric];
            }
            double tau = new KendallsCorrelation().correlation(order, values);
            int half = values.length / 2;
            double[] earlier = Arrays.copyOfRange(values, 0, half);
            double[] later = Arrays.copyOfRange(values, half, values.length);
            if (!(Math.abs(tau) <= NO_TREND_TAU) || !within(median(earlier), later) || !within(median(later), earlier)) {
                return false;
            }
        }
        return disagree;
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }

    private static boolean within(double value, double[] range) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : range) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return value >= min && value <= max;
    }

    static String firstLine(Throwable e) {
        // JMH wraps the benchmark's own exception: RunnerException, then BenchmarkException holding it as
        // suppressed, sometimes inside an ExecutionException or InvocationTargetException.
        Throwable root = e;
        for (int depth = 0; depth < 10; depth++) {
            boolean wrapper = root instanceof RunnerException || root instanceof BenchmarkException
                    || root instanceof java.util.concurrent.ExecutionException
                    || root instanceof java.lang.reflect.InvocationTargetException;
            if (!wrapper) {
                break;
            }
            if (root.getCause() != null) {
                root = root.getCause();
            } else if (root.getSuppressed().length > 0) {
                root = root.getSuppressed()[0];
            } else {
                break;
            }
        }
        return describe(root);
    }

    /**
     * One line that says what {@code error} is: the first line of its text that is not blank, joined with the next
     * one when it ends with a colon ({@code java.lang.IllegalStateException: } before a message that starts on a new
     * line), or its class name when its text is blank. Never empty: allocgate shows this line as the reason a
     * benchmark has no result, and an exception whose {@code toString()} started with a line break once left that
     * reason empty.
     */
    static String describe(Throwable error) {
        String text;
        try {
            text = String.valueOf(error);
        } catch (RuntimeException e) { // a toString() that fails
            text = "";
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        String type = error.getClass().getName();
        if (lines.isEmpty()) {
            return type + " (no message)";
        }
        String first = lines.get(0);
        if (first.endsWith(":") && lines.size() > 1) {
            first = first + " " + lines.get(1);
        }
        return first.startsWith(type) ? first : type + ": " + first;
    }

    /** The {@code run} command's options. */
    static final class RunArgs {
        String benchmark;
        String mode;
        final Map<String, String> params = new TreeMap<>();
        final List<String> profilers = new ArrayList<>();
        long roundMillis = 100;
        long maxWarmupMillis = 5000;
        int minRounds = 3;
        int settleRounds = 3;
        int iterations = 3;
        long iterationMillis = 100;
        String result;
        /** Further modes the fork's result is written for, each to its own file: modes {@link #runMode} runs alike. */
        final Map<String, String> alsoResults = new TreeMap<>();

        static RunArgs parse(List<String> args) {
            RunArgs a = new RunArgs();
            for (int i = 0; i < args.size(); i += 2) {
                String option = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args.get(i + 1);
                switch (option) {
                    case "--benchmark" -> a.benchmark = value;
                    case "--mode" -> a.mode = value;
                    case "--param" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--param needs name=value, got " + value);
                        }
                        a.params.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    case "--profiler" -> a.profilers.add(value);
                    case "--round-ms" -> a.roundMillis = positive(option, value);
                    case "--max-warmup-ms" -> a.maxWarmupMillis = positive(option, value);
                    case "--min-rounds" -> a.minRounds = (int) positive(option, value);
                    case "--settle-rounds" -> a.settleRounds = (int) positive(option, value);
                    case "--iterations" -> a.iterations = (int) positive(option, value);
                    case "--iteration-ms" -> a.iterationMillis = positive(option, value);
                    case "--result" -> a.result = value;
                    case ForkProtocol.ALSO_RESULT -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(option + " needs mode=file, got " + value);
                        }
                        a.alsoResults.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (a.benchmark == null || a.mode == null || a.result == null) {
                throw new IllegalArgumentException("--benchmark, --mode and --result are required");
            }
            for (String also : a.alsoResults.keySet()) {
                Mode.deepValueOf(also); // an unknown mode fails here, before the fork runs
                if (!ForkProtocol.runMode(also).equals(ForkProtocol.runMode(a.mode))) {
                    throw new IllegalArgumentException(ForkProtocol.ALSO_RESULT + " " + also + ": a fork of mode " + a.mode
                            + " runs as " + ForkProtocol.runMode(a.mode) + ", this mode as " + ForkProtocol.runMode(also));
                }
            }
            return a;
        }

        private static long positive(String option, String value) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got " + value);
            }
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + value);
            }
            return n;
        }
    }

    /** JSON strings and string arrays for the listing; the only JSON this JVM writes itself. */
    static final class Json {
        private Json() {
        }

        static String string(String s) {
            StringBuilder b = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        static String array(Collection<String> values) {
            StringBuilder b = new StringBuilder("[");
            for (String v : values) {
                b.append(b.length() == 1 ? "" : ",").append(string(v));
            }
            return b.append(']').toString();
        }
    }
}
