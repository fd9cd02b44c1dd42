package dev.allocgate.core.baseline;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BaselineStore#update} changed.
 *
 * @param written files created or replaced, sorted
 * @param deleted files deleted because no entry was left for their class, sorted
 * @param added   entries that had no baseline before
 * @param updated entries whose stored content changed (after rounding to the file's precision)
 * @param removed selected entries that were dropped because the current run has no such benchmark
 */
public record UpdateSummary(List<Path> written, List<Path> deleted, int added, int updated, int removed) {

    public UpdateSummary {
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }

    /** Whether any file was written or deleted. */
    public boolean changedFiles() {
        return !written.isEmpty() || !deleted.isEmpty();
    }
}
