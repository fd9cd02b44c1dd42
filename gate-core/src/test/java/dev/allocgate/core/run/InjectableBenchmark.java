package dev.allocgate.core.run;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A benchmark whose allocation the test chooses with system properties on the fork's command line, so one
 * compiled class serves as "before" and "after" of an injected regression: {@code allocgate.test.longs} is the
 * length of one {@code long[]} per operation (none when negative, the default), {@code allocgate.test.objects}
 * the number of plain objects per operation, {@code allocgate.test.cpuTokens} makes it slow
 * ({@code Blackhole.consumeCPU}), {@code allocgate.test.failWhenProfiled} makes allocgate's profiling fork (and only
 * it) fail at class initialisation. All are constants to the JIT.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InjectableBenchmark {
    private static final int LONGS = Integer.getInteger("allocgate.test.longs", -1);
    private static final int OBJECTS = Integer.getInteger("allocgate.test.objects", 0);
    private static final int CPU_TOKENS = Integer.getInteger("allocgate.test.cpuTokens", 0);

    static {
        if (Boolean.getBoolean("allocgate.test.failWhenProfiled") && System.getProperty("allocgate.profile.dir") != null) {
            throw new IllegalStateException("injected failure of the profiling fork");
        }
    }

    @Benchmark
    public void allocate(Blackhole bh) {
        if (LONGS >= 0) {
            bh.consume(new long[LONGS]);
        }
        for (int i = 0; i < OBJECTS; i++) {
            bh.consume(new Object());
        }
        if (CPU_TOKENS > 0) {
            Blackhole.consumeCPU(CPU_TOKENS);
        }
    }
}
