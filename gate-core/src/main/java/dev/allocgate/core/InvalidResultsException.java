package dev.allocgate.core;

import java.nio.file.Path;

/** A JMH results file that is missing, empty, corrupt or lacks the GC profiler's data. */
public class InvalidResultsException extends AllocgateException {
    private final Path file;

    public InvalidResultsException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public InvalidResultsException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
