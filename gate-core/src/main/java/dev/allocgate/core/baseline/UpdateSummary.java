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
 * @param retimed existing entries whose recorded {@link ForkSeconds} changed (set or replaced), which rewrites their
 *                file even when their values did not change
 */
public record UpdateSummary(List<Path> written, List<Path> deleted, int added, int updated, int removed, int retimed) {

    public UpdateSummary {
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }

    /** A summary without changed fork times. */
    public UpdateSummary(List<Path> written, List<Path> deleted, int added, int updated, int removed) {
        this(written, deleted, added, updated, removed, 0);
    }

    /** The counts for a log line: {@code "2 added, 1 updated, 0 removed"}, and the fork times refreshed, if any. */
    public String counts() {
        return added + " added, " + updated + " updated, " + removed + " removed"
                + (retimed == 0 ? "" : ", " + retimed + " fork time" + (retimed == 1 ? "" : "s") + " refreshed");
    }

    /** Whether any file was written or deleted. */
    public boolean changedFiles() {
        return !written.isEmpty() || !deleted.isEmpty();
    }
}
