package dev.allocgate.core.run;

import dev.allocgate.profiler.ForkProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;

/**
 * Test fixtures for {@link FailureReasonTest}: benchmarks that fail without an obvious first line to report. Run only
 * with a filter naming them.
 */
@BenchmarkMode(Mode.AverageTime)
public class ThrowingQuietlyBenchmark {
    /** The line of {@link #lineBreakFirst}'s message that says what went wrong. */
    public static final String CAUSE = "expected 3 lines of output";
    /** The last line {@link #blankErrorLine} prints. */
    public static final String LAST_WORDS = "ThrowingQuietlyBenchmark's last words";

    /** An exception whose text, as some libraries' exceptions do, is its message, which starts with a line break. */
    static final class LineBreakFirstException extends RuntimeException {
        LineBreakFirstException() {
            super("\n" + CAUSE + "\nbut got 2");
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Throws a {@link LineBreakFirstException}. */
    @Benchmark
    public void lineBreakFirst() {
        throw new LineBreakFirstException();
    }

    /** Prints allocgate's error line with nothing after it, then its last words, and ends the JVM. */
    @Benchmark
    public void blankErrorLine() {
        System.err.println(ForkProtocol.Kind.ERROR.line(""));
        System.err.println(LAST_WORDS);
        System.err.println();
        System.exit(ForkProtocol.EXIT_FAILED);
    }
}
