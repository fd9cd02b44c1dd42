package dev.allocgate.core.profile;

import dev.allocgate.core.model.BenchmarkKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a benchmark's allocation changed: its current profile from a profiling fork, the baseline's stored profile when
 * there is one, and the sites that changed between them; or, for a benchmark that could not be profiled, why not and
 * what would give its profile ({@link #missing}), so that a report never leaves a regression silently unexplained.
 *
 * @param baseline the baseline side; empty when the baseline was recorded without a profile
 * @param current  the profiling fork's profile; empty when the benchmark was not profiled
 * @param changes  the changed sites, largest first; empty without both sides
 * @param missing  without a current profile, why there is none and what gives one; empty otherwise
 */
public record Explanation(BenchmarkKey key, Optional<AllocationProfile> baseline, Optional<AllocationProfile> current,
                          List<SiteChange> changes, String missing) {

    public Explanation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(missing, "missing");
        changes = List.copyOf(changes);
        if (current.isEmpty() == missing.isBlank()) {
            throw new IllegalArgumentException("an explanation has a current profile or says why it has none: " + key);
        }
    }

    public static Explanation of(BenchmarkKey key, Optional<AllocationProfile> baseline, AllocationProfile current) {
        return new Explanation(key, baseline, Optional.of(current),
                baseline.map(b -> ProfileDiff.between(b, current)).orElse(List.of()), "");
    }

    /** A regressed benchmark without a profile: {@code why} says why and what would give one. */
    public static Explanation missing(BenchmarkKey key, String why) {
        return new Explanation(key, Optional.empty(), Optional.empty(), List.of(), why);
    }

    /** Whether a profiling fork profiled the benchmark. */
    public boolean profiled() {
        return current.isPresent();
    }
}
