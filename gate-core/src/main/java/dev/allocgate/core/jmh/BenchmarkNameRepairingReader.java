package dev.allocgate.core.jmh;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of another reader with unescaped benchmark names escaped, one line at a time.
 *
 * <p>JMH writes the benchmark name into the JSON without escaping it. Names are JVM method names,
 * which may contain quotes and backslashes; escaping them lets the file parse and the name read
 * back verbatim. JMH puts the name on a line of its own, which this relies on: only lines holding
 * the {@code "benchmark"} key are looked at, every other character passes through unchanged.
 */
final class BenchmarkNameRepairingReader extends Reader {

    private static final String BENCHMARK_KEY = "\"benchmark\"";
    private static final Pattern BENCHMARK_LINE =
            Pattern.compile("^(\\s*\"benchmark\"\\s*:\\s*\")(.*)(\"\\s*,\\s*)$");

    private final Reader source;
    private final char[] buffer = new char[8192];
    private int bufferStart;
    private int bufferEnd;
    private final StringBuilder line = new StringBuilder(256);
    private String pending = "";
    private int pendingStart;
    private boolean blank = true;

    BenchmarkNameRepairingReader(Reader source) {
        this.source = source;
    }

    /** The whole text repaired. */
    static String repair(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        try (Reader repaired = new BenchmarkNameRepairingReader(new java.io.StringReader(text))) {
            char[] chunk = new char[8192];
            for (int n = repaired.read(chunk); n >= 0; n = repaired.read(chunk)) {
                out.append(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
        return out.toString();
    }

    /** Whether everything read so far is whitespace ({@link String#isBlank()}). */
    boolean blankSoFar() {
        return blank;
    }

    /** Reads the rest of the text, so that a decoding error anywhere in it surfaces. */
    void drain() throws IOException {
        char[] chunk = new char[8192];
        while (read(chunk, 0, chunk.length) >= 0) {
            // discard
        }
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pendingStart == pending.length() && !nextLine()) {
            return -1;
        }
        int n = Math.min(len, pending.length() - pendingStart);
        pending.getChars(pendingStart, pendingStart + n, cbuf, off);
        pendingStart += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Reads the next line (with its {@code \n}) into {@link #pending}, repaired; false at the end. */
    private boolean nextLine() throws IOException {
        line.setLength(0);
        boolean ended = false;
        while (!ended) {
            if (bufferStart == bufferEnd) {
                int n = source.read(buffer, 0, buffer.length);
                if (n < 0) {
                    break;
                }
                bufferStart = 0;
                bufferEnd = n;
            }
            int end = bufferStart;
            while (end < bufferEnd && buffer[end] != '\n') {
                end++;
            }
            ended = end < bufferEnd;
            if (ended) {
                end++; // keep the line feed
            }
            line.append(buffer, bufferStart, end - bufferStart);
            bufferStart = end;
        }
        if (line.isEmpty()) {
            return false;
        }
        String text = line.toString();
        blank = blank && text.isBlank();
        pending = ended ? repairLine(text.substring(0, text.length() - 1)) + "\n" : repairLine(text);
        pendingStart = 0;
        return true;
    }

    /** One line without its line feed, with the benchmark name escaped when it is the key's line and needs it. */
    static String repairLine(String line) {
        if (!line.contains(BENCHMARK_KEY)) {
            return line;
        }
        Matcher m = BENCHMARK_LINE.matcher(line);
        if (!m.matches() || (m.group(2).indexOf('"') < 0 && m.group(2).indexOf('\\') < 0)) {
            return line;
        }
        String escaped = m.group(2).replace("\\", "\\\\").replace("\"", "\\\"");
        return m.group(1) + escaped + m.group(3);
    }
}
