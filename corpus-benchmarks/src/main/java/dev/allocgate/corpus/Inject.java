package dev.allocgate.corpus;

/**
 * Regressions injected from the environment variable {@code CORPUS_INJECT}, read once at class initialisation:
 * <ul>
 *   <li>{@code object}: every benchmark operation allocates exactly one more object ({@link #object()},
 *       a {@code java.lang.Object}, 16 bytes);</li>
 *   <li>{@code bytes8}: every operation allocates 8 more bytes and no more objects: an array it allocates
 *       anyway grows by {@link #INTS}, {@link #REFS} or {@link #BYTES} elements, or a boxed value becomes
 *       a {@code Long} (24 bytes) instead of an {@code Integer} (16 bytes), see {@link #boxed(int)}.</li>
 * </ul>
 * The fields are static finals, so C2 folds them and the uninjected code is what it would be without them.
 * An environment variable rather than a system property: child JVMs inherit it, and JVM arguments would
 * change the baselines' environment fingerprint.
 */
public final class Inject {

    private static final String CASE = System.getenv().getOrDefault("CORPUS_INJECT", "");

    public static final boolean OBJECT = CASE.equals("object");
    public static final boolean BYTES8 = CASE.equals("bytes8");

    /** Extra {@code int} elements: 8 bytes. */
    public static final int INTS = BYTES8 ? 2 : 0;
    /** Extra {@code long} or {@code double} elements: 8 bytes. */
    public static final int LONGS = BYTES8 ? 1 : 0;
    /** Extra reference elements (compressed oops): 8 bytes. */
    public static final int REFS = BYTES8 ? 2 : 0;
    /** Extra {@code byte} elements, or Latin-1 characters of a string: 8 bytes. */
    public static final int BYTES = BYTES8 ? 8 : 0;
    /** Eight Latin-1 characters to append to a string an operation builds anyway. */
    public static final String CHARS = BYTES8 ? "12345678" : "";

    static {
        if (!CASE.isEmpty() && !OBJECT && !BYTES8) {
            throw new IllegalStateException("CORPUS_INJECT=" + CASE + ": expected object or bytes8");
        }
    }

    /** A static field: an object stored here escapes, so no JIT removes its allocation. */
    private static Object sink;

    private Inject() {
    }

    /** With {@code CORPUS_INJECT=object}: allocates one {@code Object} that escapes. */
    public static void object() {
        if (OBJECT) {
            sink = new Object();
        }
    }

    /** {@code Integer.valueOf(value)}; with {@code CORPUS_INJECT=bytes8} a {@code Long} (8 bytes more). */
    public static Number boxed(int value) {
        return BYTES8 ? (Number) Long.valueOf(value) : (Number) Integer.valueOf(value);
    }
}
