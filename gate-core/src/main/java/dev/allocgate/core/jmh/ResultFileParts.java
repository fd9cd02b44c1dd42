package dev.allocgate.core.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A large JMH results file cut into parts that can be parsed at the same time, each part a JSON
 * array of its own: the file's text up to a cut, or between two cuts, or after the last cut, with
 * the missing {@code [} or {@code ]} added.
 *
 * <p>A cut is a comma between {@code }} and {@code {}, which in JMH's output separates two entries
 * of the top-level array and appears nowhere else (the comma itself is left out). A guess in the
 * wrong place (inside a string, say) cannot pass as a result: parsed in order, each part proves its
 * own end is a comma between two top-level entries, because the added {@code ]} closes the
 * top-level array only there; a part starting right after such a comma is parsed in the same state
 * as the whole file would be. So when every part parses as a non-empty array, the file as a whole
 * is that array of all their entries in order; when one does not, the caller reads the whole file
 * instead, which also gives any error its usual message.
 */
final class ResultFileParts {

    /** Parts smaller than this are not worth a thread of their own. */
    static final long MINIMUM_PART_BYTES = 4L << 20;
    /** How far past each ideal cut the search for an entry boundary goes. */
    private static final int SEARCH_BYTES = 256 * 1024;

    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};

    private final Path file;
    /** Offsets of the cut commas, ascending. */
    private final long[] cuts;
    private final long size;

    private ResultFileParts(Path file, long[] cuts, long size) {
        this.file = file;
        this.cuts = cuts;
        this.size = size;
    }

    /**
     * The file cut into at most {@code maximumParts} parts of about equal size, none smaller than
     * {@code minimumPartBytes}; a single part when the file is smaller or no boundary was found.
     */
    static ResultFileParts of(Path file, int maximumParts, long minimumPartBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int parts = (int) Math.max(1, Math.min(maximumParts, size / Math.max(1, minimumPartBytes)));
            List<Long> cuts = new ArrayList<>();
            ByteBuffer window = ByteBuffer.allocate(SEARCH_BYTES);
            for (int part = 1; part < parts; part++) {
                long ideal = size * part / parts;
                long after = cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1) + 1;
                long cut = boundaryFrom(channel, Math.max(ideal, after), window);
                if (cut >= 0) {
                    cuts.add(cut);
                }
            }
            return new ResultFileParts(file, cuts.stream().mapToLong(Long::longValue).toArray(), size);
        }
    }

    /** The file cut at the given commas (offsets, ascending), whatever is there. */
    static ResultFileParts at(Path file, long... cuts) throws IOException {
        return new ResultFileParts(file, cuts.clone(), Files.size(file));
    }

    /** The file the parts are of. */
    Path file() {
        return file;
    }

    /** How many parts. */
    int count() {
        return cuts.length + 1;
    }

    /** Part {@code index} as the text of a JSON array. */
    InputStream open(int index) throws IOException {
        long from = index == 0 ? 0 : cuts[index - 1] + 1;
        long to = index == cuts.length ? size : cuts[index];
        InputStream text = range(from, to);
        if (index > 0) {
            text = new SequenceInputStream(new ByteArrayInputStream(OPEN), text);
        }
        if (index < cuts.length) {
            text = new SequenceInputStream(text, new ByteArrayInputStream(CLOSE));
        }
        return text;
    }

    /** Bytes {@code [from, to)} of the file; to the end of the file when {@code to} is its size then. */
    private InputStream range(long from, long to) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(from);
        InputStream all = Channels.newInputStream(channel);
        return to == size ? all : new Bounded(all, to - from);
    }

    /** The offset of the first {@code }} whitespace {@code ,} whitespace {@code {} comma at or after {@code start}, or -1. */
    private static long boundaryFrom(FileChannel channel, long start, ByteBuffer window) throws IOException {
        window.clear();
        int read = 0;
        while (window.hasRemaining()) {
            int n = channel.read(window, start + read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        byte[] bytes = window.array();
        for (int i = 0; i < read; i++) {
            if (bytes[i] != ',') {
                continue;
            }
            int before = i - 1;
            while (before >= 0 && isWhitespace(bytes[before])) {
                before--;
            }
            int after = i + 1;
            while (after < read && isWhitespace(bytes[after])) {
                after++;
            }
            if (before >= 0 && after < read && bytes[before] == '}' && bytes[after] == '{') {
                return start + i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** At most {@code remaining} bytes of a stream, which it closes. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
