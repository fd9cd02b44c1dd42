package dev.allocgate.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A log appender's hot path: lay out each event as a line in a reused StringBuilder, turn it into a String and
 * encode it into one reused ByteBuffer, about 4.5 KB of text per operation. Throughput mode, as appender
 * benchmarks usually are.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class LogEncodingBenchmarks {

    static final int EVENTS = 32;
    private static final String[] LEVELS = {"INFO ", "DEBUG", "WARN ", "INFO "};

    @Param({"US-ASCII", "UTF-8"})
    public String charset;

    private CharsetEncoder encoder;
    private ByteBuffer out;
    private final StringBuilder line = new StringBuilder(256);
    private String[] messages;

    @Setup
    public void setUp() {
        encoder = Charset.forName(charset).newEncoder();
        out = ByteBuffer.allocate(16 * 1024);
        // Latin-1 text either way (one byte per char in the String); é takes two bytes in UTF-8
        String word = charset.equals("UTF-8") ? "café" : "cafe";
        messages = new String[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            messages[i] = String.format("order %06d served at %s table %02d, %d items, total %5d.%02d EUR",
                    100_000 + i * 37, word, i % 12, 1 + i % 5, 10 + i * 3, i % 100);
        }
    }

    @Benchmark
    public int appendEvents() {
        out.clear();
        for (int i = 0; i < EVENTS; i++) {
            line.setLength(0);
            line.append("2026-12-04T13:40:39.").append(100 + i).append("Z ").append(LEVELS[i & 3])
                    .append(" [main] dev.allocgate.corpus.OrderService - ").append(messages[i]);
            if (i == 0) {
                line.append(Inject.CHARS);
            }
            line.append('\n');
            String text = line.toString();
            encoder.reset();
            CoderResult result = encoder.encode(CharBuffer.wrap(text), out, true);
            if (result.isError()) {
                throw new IllegalStateException(result.toString());
            }
            encoder.flush(out);
        }
        Inject.object();
        return out.position();
    }
}
