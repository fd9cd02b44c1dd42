package dev.allocgate.core.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark's allocations by site, per operation, from a profiling fork or a baseline.
 *
 * @param entries           the sites, largest bytes/op first
 * @param otherObjectsPerOp objects/op not in {@code entries}: sites left out of a stored profile (see {@link #top})
 *                          and allocations the agent's full table could not attribute
 * @param otherBytesPerOp   bytes/op likewise
 */
public record AllocationProfile(List<ProfileEntry> entries, double otherObjectsPerOp, double otherBytesPerOp) {

    /** Most sites a baseline keeps per benchmark: enough to explain a change, few enough to review. */
    public static final int STORED_SITES = 20;

    private static final Comparator<ProfileEntry> LARGEST_FIRST = Comparator
            .comparingDouble(ProfileEntry::bytesPerOp).reversed()
            .thenComparing(Comparator.comparingDouble(ProfileEntry::objectsPerOp).reversed())
            .thenComparing(ProfileEntry::site);

    public AllocationProfile {
        entries = entries.stream().sorted(LARGEST_FIRST).toList();
    }

    /** A profile from entries that may name one site several times (raw sites that trimming made equal): summed. */
    public static AllocationProfile merged(List<ProfileEntry> entries, double otherObjectsPerOp, double otherBytesPerOp) {
        Map<AllocationSite, double[]> sums = new TreeMap<>();
        for (ProfileEntry e : entries) {
            double[] sum = sums.computeIfAbsent(e.site(), s -> new double[2]);
            sum[0] += e.objectsPerOp();
            sum[1] += e.bytesPerOp();
        }
        List<ProfileEntry> out = new ArrayList<>(sums.size());
        sums.forEach((site, sum) -> out.add(new ProfileEntry(site, sum[0], sum[1])));
        return new AllocationProfile(out, otherObjectsPerOp, otherBytesPerOp);
    }

    /**
     * What a baseline stores: the {@value #STORED_SITES} largest sites that allocate at least
     * {@link ProfileDiff#NOISE_OBJECTS} objects/op or {@link ProfileDiff#NOISE_BYTES} B/op (JMH's own few objects
     * per iteration stay out of the file); the rest summed into the other figures.
     */
    public AllocationProfile stored() {
        List<ProfileEntry> kept = new ArrayList<>();
        double objects = otherObjectsPerOp;
        double bytes = otherBytesPerOp;
        for (ProfileEntry e : entries) {
            if (e.objectsPerOp() >= ProfileDiff.NOISE_OBJECTS || e.bytesPerOp() >= ProfileDiff.NOISE_BYTES) {
                kept.add(e);
            } else {
                objects += e.objectsPerOp();
                bytes += e.bytesPerOp();
            }
        }
        return new AllocationProfile(kept, objects, bytes).top(STORED_SITES);
    }

    /** The {@code limit} largest sites; the rest summed into the other figures. */
    public AllocationProfile top(int limit) {
        if (entries.size() <= limit) {
            return this;
        }
        double objects = otherObjectsPerOp;
        double bytes = otherBytesPerOp;
        for (ProfileEntry e : entries.subList(limit, entries.size())) {
            objects += e.objectsPerOp();
            bytes += e.bytesPerOp();
        }
        return new AllocationProfile(entries.subList(0, limit), objects, bytes);
    }

    public double totalObjectsPerOp() {
        return entries.stream().mapToDouble(ProfileEntry::objectsPerOp).sum() + otherObjectsPerOp;
    }

    public double totalBytesPerOp() {
        return entries.stream().mapToDouble(ProfileEntry::bytesPerOp).sum() + otherBytesPerOp;
    }
}
