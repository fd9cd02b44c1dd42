package dev.allocgate.core.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * How the large reports reach a {@link Writer}: each renderer builds a chunk of text in a
 * StringBuilder and moves it to the writer when it grows past {@link #CHUNK} characters, so a
 * report of any size needs only a chunk of memory. Rendering to a string goes through the same path.
 */
final class Streaming {

    /** Characters a renderer collects before writing them out. */
    static final int CHUNK = 16 * 1024;

    /** A renderer's streaming method. */
    interface Rendering {
        void writeTo(Writer out) throws IOException;
    }

    private Streaming() {
    }

    /** Writes and clears {@code text} once it holds a chunk. */
    static void spillIfFull(StringBuilder text, Writer out) throws IOException {
        if (text.length() >= CHUNK) {
            spill(text, out);
        }
    }

    /** Per thread, the chars of a chunk on their way to a writer (renderers run on several threads). */
    private static final ThreadLocal<char[]> TRANSFER = ThreadLocal.withInitial(() -> new char[8 * 1024]);

    /**
     * Writes and clears {@code text}, through a reused buffer: {@code Writer.append} would copy each
     * chunk into a new String first, and the largest reports are written a chunk at a time.
     */
    static void spill(StringBuilder text, Writer out) throws IOException {
        char[] transfer = TRANSFER.get();
        for (int from = 0; from < text.length(); from += transfer.length) {
            int to = Math.min(text.length(), from + transfer.length);
            text.getChars(from, to, transfer, 0);
            out.write(transfer, 0, to - from);
        }
        text.setLength(0);
    }

    /** What {@code rendering} writes, as a string. */
    static String collect(Rendering rendering) {
        StringWriter out = new StringWriter(CHUNK);
        try {
            rendering.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
