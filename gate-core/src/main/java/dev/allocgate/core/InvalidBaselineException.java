package dev.allocgate.core;

import java.nio.file.Path;

/** A baseline file that cannot be trusted: corrupt, truncated, hand-edited into an invalid state. */
public class InvalidBaselineException extends AllocgateException {
    private final Path file;
    private final String location;

    /**
     * @param file     the baseline file
     * @param location where in the file (a JSON pointer such as {@code /benchmarks/2/metrics}, or a
     *                 line and column), empty when the whole file is at fault
     * @param detail   what is wrong
     */
    public InvalidBaselineException(Path file, String location, String detail) {
        super(file + (location == null || location.isEmpty() ? "" : " at " + location) + ": " + detail);
        this.file = file;
        this.location = location == null ? "" : location;
    }

    public Path file() {
        return file;
    }

    public String location() {
        return location;
    }
}
