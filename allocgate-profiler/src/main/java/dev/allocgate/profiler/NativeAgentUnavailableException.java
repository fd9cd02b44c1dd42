package dev.allocgate.profiler;

/**
 * Thrown when this artifact carries no allocgate agent library for the platform asked for, so objects
 * per operation cannot be counted there.
 */
public final class NativeAgentUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String osName;
    private final String osArch;

    /**
     * @param osName  the {@code os.name} asked for
     * @param osArch  the {@code os.arch} asked for
     * @param message what is missing and which platforms are bundled
     */
    public NativeAgentUnavailableException(String osName, String osArch, String message) {
        super(message);
        this.osName = osName;
        this.osArch = osArch;
    }

    /** The {@code os.name} that has no library. */
    public String osName() {
        return osName;
    }

    /** The {@code os.arch} that has no library. */
    public String osArch() {
        return osArch;
    }
}
