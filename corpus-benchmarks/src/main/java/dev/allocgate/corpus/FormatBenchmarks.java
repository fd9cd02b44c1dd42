package dev.allocgate.corpus;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** String.format of a status line, timed as an average and as a sampled distribution. */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FormatBenchmarks {

    private String service = "inventory";
    private int requests = 48_211;
    private double latencyMillis = 12.875;

    @Benchmark
    public String statusLine() {
        String line = String.format("%-12s requests=%8d p99=%.2f ms", service, Inject.boxed(requests), latencyMillis);
        Inject.object();
        return line;
    }
}
