package dev.allocgate.core.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One gate run as the history keeps it: one line of the history file.
 *
 * @param date        when the run ended (UTC, whole seconds)
 * @param commit      the project's git commit, empty when git or a repository was not there
 * @param environment the JVM environment's key (the baseline directory name, for example {@code jdk17})
 * @param results     one entry per benchmark key of the run, sorted by key
 */
public record HistoryRun(Instant date, String commit, String environment, List<HistoryResult> results) {

    public HistoryRun {
        Objects.requireNonNull(date, "date");
        commit = commit == null ? "" : commit;
        Objects.requireNonNull(environment, "environment");
        results = results.stream().sorted(java.util.Comparator.comparing(HistoryResult::key)).toList();
    }
}
