package dev.allocgate.core.git;

import java.util.Objects;

/**
 * The revision a base-vs-PR check measures as its baseline side.
 *
 * @param ref      what the user gave ({@code main}, {@code origin/main}, a tag or a commit)
 * @param commit   the full commit id it resolved to
 * @param shortId  git's abbreviation of {@code commit}
 */
public record BaseRevision(String ref, String commit, String shortId) {
    public BaseRevision {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(shortId, "shortId");
    }

    /** How reports name the baseline side: {@code main (1a2b3c4), measured in this job}. */
    public String describe() {
        return ref + " (" + shortId + "), measured in this job";
    }
}
