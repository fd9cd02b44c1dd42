package dev.allocgate.core.baseline;

import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The baselines read from a baseline directory.
 *
 * @param entries         every baseline entry, sorted by {@link BenchmarkKey} (unmodifiable)
 * @param sources         the file each entry was read from (unmodifiable, same keys as {@code entries})
 * @param directoryExists whether the baseline directory existed; {@code false} means "no baselines were
 *                        ever recorded here", which callers may report differently from an empty directory
 * @param profiles        the allocation profiles stored with entries (a subset of their keys; entries recorded without
 *                        a profile have none)
 * @param forkSeconds     what each entry cost to measure, where recorded (see {@link ForkSeconds}; a subset of the
 *                        entries' keys)
 */
public record BaselineSet(Map<BenchmarkKey, Measurement> entries, Map<BenchmarkKey, Path> sources, boolean directoryExists,
                          Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, Double> forkSeconds) {

    /** A set without profiles. */
    public BaselineSet(Map<BenchmarkKey, Measurement> entries, Map<BenchmarkKey, Path> sources, boolean directoryExists) {
        this(entries, sources, directoryExists, Map.of());
    }

    /** A set without recorded costs. */
    public BaselineSet(Map<BenchmarkKey, Measurement> entries, Map<BenchmarkKey, Path> sources, boolean directoryExists,
                       Map<BenchmarkKey, AllocationProfile> profiles) {
        this(entries, sources, directoryExists, profiles, Map.of());
    }

    public BaselineSet {
        profiles = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(profiles, "profiles")));
        forkSeconds = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(forkSeconds, "forkSeconds")));
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(entries, "entries")));
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(sources, "sources")));
        if (!sameKeys((SortedMap<BenchmarkKey, ?>) entries, (SortedMap<BenchmarkKey, ?>) sources)) {
            throw new IllegalArgumentException("sources must name a file for exactly the keys of entries");
        }
    }

    /** Both maps sorted by the keys' natural order: equal key sets are equal sequences (no lookup per key). */
    private static boolean sameKeys(SortedMap<BenchmarkKey, ?> a, SortedMap<BenchmarkKey, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        if (a.comparator() != null || b.comparator() != null) {
            return a.keySet().equals(b.keySet());
        }
        Iterator<BenchmarkKey> x = a.keySet().iterator();
        Iterator<BenchmarkKey> y = b.keySet().iterator();
        while (x.hasNext()) {
            if (!x.next().equals(y.next())) {
                return false;
            }
        }
        return true;
    }

    /** A set without entries; {@code directoryExists} as given. */
    public static BaselineSet empty(boolean directoryExists) {
        return new BaselineSet(Map.of(), Map.of(), directoryExists);
    }

    /** The baseline entry for {@code key}, if there is one. */
    public Optional<Measurement> get(BenchmarkKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The file the entry for {@code key} was read from, if there is one. */
    public Optional<Path> source(BenchmarkKey key) {
        return Optional.ofNullable(sources.get(key));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }
}
