package dev.allocgate.core.baseline;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.model.BenchmarkKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A baseline update found that entries it would replace or remove were changed by someone else (another
 * {@code record} running at the same time) after the caller read them; nothing was written. Recording again
 * compares against, and builds on, the entries as they are now.
 */
public final class BaselineConflictException extends AllocgateException {
    private final Path directory;
    private final List<BenchmarkKey> keys;
    private final List<Path> files;

    BaselineConflictException(Path directory, List<BenchmarkKey> keys, List<Path> files) {
        super("baseline file(s) " + files + " changed while recording (another record wrote "
                + keys.size() + " entr" + (keys.size() == 1 ? "y" : "ies") + " this run also records: " + keys
                + "); nothing was written by this run, run record again");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.keys = List.copyOf(keys);
        this.files = List.copyOf(files);
    }

    /** The baseline directory. */
    public Path directory() {
        return directory;
    }

    /** The entries that changed since the caller read the baselines, sorted. */
    public List<BenchmarkKey> keys() {
        return keys;
    }

    /** The files holding them, sorted. */
    public List<Path> files() {
        return files;
    }
}
