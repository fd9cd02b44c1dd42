package dev.allocgate.core.git;

import dev.allocgate.core.AllocgateException;

import java.nio.file.Path;

/**
 * The base revision of a base-vs-PR check could not be had: git is missing, the project is not in a git repository,
 * the ref does not exist, its worktree could not be made, or its build failed. Carries the ref and, for a failed
 * build, its log file.
 */
public final class BaseRevisionException extends AllocgateException {
    private final String ref;
    private final Path log;

    public BaseRevisionException(String ref, String message, Path log) {
        super(message);
        this.ref = ref;
        this.log = log;
    }

    public BaseRevisionException(String ref, String message, Throwable cause) {
        super(message, cause);
        this.ref = ref;
        this.log = null;
    }

    /** The ref the user gave. */
    public String ref() {
        return ref;
    }

    /** The base build's log file, or {@code null} when the failure came before the build. */
    public Path log() {
        return log;
    }
}
