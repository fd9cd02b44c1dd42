package dev.allocgate.core.history;

import dev.allocgate.core.AllocgateException;

import java.nio.file.Path;

/** A history file that cannot be read: a line that is not a run allocgate wrote. Nothing was appended. */
public class InvalidHistoryException extends AllocgateException {
    private final Path file;
    private final long line;

    public InvalidHistoryException(Path file, long line, String detail) {
        super(file + (line > 0 ? " line " + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the whole file is at fault. */
    public long line() {
        return line;
    }
}
