package dev.allocgate.core.profile;

import dev.allocgate.core.model.BenchmarkKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a benchmark's allocation changed: its current profile from a profiling fork, the baseline's stored profile when
 * there is one, and the sites that changed between them.
 *
 * @param baseline the baseline side; empty when the baseline was recorded without a profile
 * @param changes  the changed sites, largest first; empty without a baseline side
 */
public record Explanation(BenchmarkKey key, Optional<AllocationProfile> baseline, AllocationProfile current,
                          List<SiteChange> changes) {

    public Explanation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(current, "current");
        changes = List.copyOf(changes);
    }

    public static Explanation of(BenchmarkKey key, Optional<AllocationProfile> baseline, AllocationProfile current) {
        return new Explanation(key, baseline, current,
                baseline.map(b -> ProfileDiff.between(b, current)).orElse(List.of()));
    }
}
