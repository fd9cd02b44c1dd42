package dev.allocgate.core.baseline;

import dev.allocgate.core.AllocgateException;

import java.nio.file.Path;

/** The baseline directory (or, when it does not exist yet, its nearest existing parent) does not allow creating files. */
public final class BaselineDirectoryNotWritableException extends AllocgateException {
    private final Path directory;

    BaselineDirectoryNotWritableException(Path directory, String why) {
        super("cannot write baselines in " + directory + ": " + why);
        this.directory = directory;
    }

    /** The baseline directory. */
    public Path directory() {
        return directory;
    }
}
