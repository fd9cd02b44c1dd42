package dev.allocgate.core.jmh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Passes bytes through unchanged while checking that they are UTF-8 as Java decodes it (Jackson's
 * byte parser accepts some forms Java rejects, such as overlong encodings). Reading fails with a
 * {@link CharacterCodingException} at the first malformed sequence, or at the end when the text
 * stops inside a sequence. A NUL among the first four bytes also fails: Jackson would take it for
 * UTF-16 or UTF-32 instead of reading the text as UTF-8.
 */
final class Utf8CheckingInputStream extends FilterInputStream {

    private static final int ENCODING_SNIFF_BYTES = 4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Bytes read but not yet decoded: the tail of a sequence split between two reads. */
    private final ByteBuffer undecoded = ByteBuffer.allocate(16 * 1024);
    private final CharBuffer discarded = CharBuffer.allocate(16 * 1024);
    private long position;
    private boolean ended;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            finish();
            return n;
        }
        for (int i = off; position < ENCODING_SNIFF_BYTES && i < off + n; i++, position++) {
            if (b[i] == 0) {
                throw new MalformedInputException(1);
            }
        }
        if (undecoded.position() == 0 && isAscii(b, off, n)) {
            return n; // nothing to decode: ASCII is UTF-8, and no sequence is left open
        }
        for (int done = 0; done < n; ) {
            int chunk = Math.min(n - done, undecoded.remaining());
            undecoded.put(b, off + done, chunk);
            done += chunk;
            undecoded.flip();
            decode(false);
            undecoded.compact();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(n - skipped, scratch.length));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether {@code b[off, off + n)} is all ASCII, eight bytes at a time. */
    private static boolean isAscii(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void finish() throws CharacterCodingException {
        if (ended) {
            return;
        }
        ended = true;
        undecoded.flip();
        decode(true);
        CoderResult flushed = decoder.flush(discarded);
        if (flushed.isError()) {
            flushed.throwException();
        }
    }

    private void decode(boolean endOfInput) throws CharacterCodingException {
        while (true) {
            CoderResult result = decoder.decode(undecoded, discarded, endOfInput);
            discarded.clear();
            if (result.isError()) {
                result.throwException();
            }
            if (result.isUnderflow()) {
                return;
            }
        }
    }
}
