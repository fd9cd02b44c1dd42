package dev.allocgate.profiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Writes a fork's {@link RunResult} as JMH's JSON result format ({@code -rf json}) does, field for field, except
 * that the error estimate and the percentiles are left out ({@code scoreError} and {@code scoreConfidence} are
 * {@code "NaN"}, no {@code scorePercentiles}). allocgate merges its forks' results and recomputes the scores, and
 * JMH's error and percentiles of one fork would be dropped there anyway; computing them costs JMH's writer about
 * 0.1 s per benchmark JVM (it loads and initialises commons-math for the Student t distribution, then tidies the
 * text with a dozen regular expressions), which is a tenth of a short fork.
 */
final class ForkResultWriter {
    private ForkResultWriter() {
    }

    /**
     * Writes {@code result} under the benchmark mode {@code reported}, which may differ from the mode JMH ran
     * ({@link ForkMain#runMode}: a SampleTime benchmark's fork runs in AverageTime mode): the primary metric is what
     * JMH measured.
     */
    static void write(RunResult result, Mode reported, Path file) throws IOException {
        write(result, reported, file, null);
    }

    /**
     * As {@link #write(RunResult, Mode, Path)}, with the worker bytes per operation net of JMH's per-iteration share
     * of each iteration ({@link ForkProtocol#WORKER_BYTES_NET_NORM}) when {@code netBytesPerOp} is not null.
     */
    static void write(RunResult result, Mode reported, Path file, double[] netBytesPerOp) throws IOException {
        Files.writeString(file, json(result, reported, netBytesPerOp), StandardCharsets.UTF_8);
    }

    static String json(RunResult result) {
        return json(result, result.getParams().getMode());
    }

    static String json(RunResult result, Mode reported) {
        return json(result, reported, null);
    }

    static String json(RunResult result, Mode reported, double[] netBytesPerOp) {
        BenchmarkParams params = result.getParams();
        StringBuilder out = new StringBuilder(4096).append("[{");
        field(out, "jmhVersion").append(string(params.getJmhVersion()));
        field(out.append(','), "benchmark").append(string(params.getBenchmark()));
        field(out.append(','), "mode").append(string(reported.shortLabel()));
        field(out.append(','), "threads").append(params.getThreads());
        field(out.append(','), "forks").append(params.getForks());
        field(out.append(','), "jvm").append(string(params.getJvm()));
        field(out.append(','), "jvmArgs").append(ForkMain.Json.array(params.getJvmArgs()));
        field(out.append(','), "jdkVersion").append(string(params.getJdkVersion()));
        field(out.append(','), "vmName").append(string(params.getVmName()));
        field(out.append(','), "vmVersion").append(string(params.getVmVersion()));
        field(out.append(','), "warmupIterations").append(params.getWarmup().getCount());
        field(out.append(','), "warmupTime").append(string(String.valueOf(params.getWarmup().getTime())));
        field(out.append(','), "warmupBatchSize").append(params.getWarmup().getBatchSize());
        field(out.append(','), "measurementIterations").append(params.getMeasurement().getCount());
        field(out.append(','), "measurementTime").append(string(String.valueOf(params.getMeasurement().getTime())));
        field(out.append(','), "measurementBatchSize").append(params.getMeasurement().getBatchSize());
        if (!params.getParamsKeys().isEmpty()) {
            field(out.append(','), "params").append('{');
            boolean first = true;
            for (String key : params.getParamsKeys()) {
                out.append(first ? "" : ",").append(string(key)).append(':').append(string(params.getParam(key)));
                first = false;
            }
            out.append('}');
        }
        boolean histogram = params.getMode() == Mode.SampleTime;
        List<String> primaryForks = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            List<String> iterations = new ArrayList<>();
            for (IterationResult iteration : fork.getIterationResults()) {
                iterations.add(histogram ? histogram(iteration.getPrimaryResult())
                        : number(iteration.getPrimaryResult().getScore()));
            }
            primaryForks.add(list(iterations));
        }
        field(out.append(','), "primaryMetric");
        metric(out, result.getPrimaryResult(), histogram ? "rawDataHistogram" : "rawData", list(primaryForks));

        field(out.append(','), "secondaryMetrics").append('{');
        boolean first = true;
        for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
            List<String> forks = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                List<String> scores = new ArrayList<>();
                for (IterationResult iteration : fork.getIterationResults()) {
                    Result r = iteration.getSecondaryResults().get(secondary.getKey());
                    if (r != null) { // as JMH: an iteration without the metric is left out
                        scores.add(number(r.getScore()));
                    }
                }
                forks.add(list(scores));
            }
            out.append(first ? "" : ",").append(string(secondary.getKey())).append(':');
            metric(out, secondary.getValue(), "rawData", list(forks));
            first = false;
        }
        List<String> opsForks = new ArrayList<>();
        double opsSum = 0;
        int opsCount = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            List<String> ops = new ArrayList<>();
            for (IterationResult iteration : fork.getIterationResults()) {
                long allOps = iteration.getMetadata().getAllOps();
                ops.add(number(allOps));
                opsSum += allOps;
                opsCount++;
            }
            opsForks.add(list(ops));
        }
        if (opsCount > 0) {
            out.append(first ? "" : ",").append(string(ForkProtocol.OPS_PER_ITERATION)).append(':');
            metric(out, new ScalarResult(ForkProtocol.OPS_PER_ITERATION, opsSum / opsCount, "ops", AggregationPolicy.AVG),
                    "rawData", list(opsForks));
            first = false;
        }
        if (netBytesPerOp != null && netBytesPerOp.length > 0) {
            List<String> values = new ArrayList<>();
            double sum = 0;
            for (double v : netBytesPerOp) {
                values.add(number(v));
                sum += v;
            }
            out.append(first ? "" : ",").append(string(ForkProtocol.WORKER_BYTES_NET_NORM)).append(':');
            metric(out, new ScalarResult(ForkProtocol.WORKER_BYTES_NET_NORM, sum / values.size(), "B/op",
                    AggregationPolicy.AVG), "rawData", list(List.of(list(values))));
        }
        return out.append("}}]\n").toString();
    }

    /** A metric object: the aggregated score, no error estimate, and the raw data per fork. */
    private static void metric(StringBuilder out, Result result, String rawField, String rawData) {
        out.append('{');
        field(out, "score").append(number(result.getScore()));
        field(out.append(','), "scoreError").append(number(Double.NaN));
        field(out.append(','), "scoreConfidence").append('[').append(number(Double.NaN)).append(',')
                .append(number(Double.NaN)).append(']');
        field(out.append(','), "scoreUnit").append(string(result.getScoreUnit()));
        field(out.append(','), rawField).append(rawData).append('}');
    }

    /** One sample-mode iteration as JMH writes it: {@code [[value, count], ...]}. */
    private static String histogram(Result iteration) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<Double, Long>> it = iteration.getStatistics().getRawData(); it.hasNext(); ) {
            Map.Entry<Double, Long> e = it.next();
            pairs.add("[" + number(e.getKey()) + "," + e.getValue() + "]");
        }
        return list(pairs);
    }

    private static String list(Collection<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    private static StringBuilder field(StringBuilder out, String name) {
        return out.append(string(name)).append(':');
    }

    private static String string(String s) {
        return ForkMain.Json.string(s == null ? "" : s);
    }

    /** As JMH writes numbers: non-finite ones as the strings {@code "NaN"}, {@code "-INF"} and {@code "+INF"}. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "\"NaN\"";
        }
        if (Double.isInfinite(d)) {
            return d < 0 ? "\"-INF\"" : "\"+INF\"";
        }
        return String.valueOf(d);
    }
}
