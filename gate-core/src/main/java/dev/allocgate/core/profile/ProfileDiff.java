package dev.allocgate.core.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sites whose allocation changed between two profiles of one benchmark, largest change first. */
public final class ProfileDiff {

    /** Smallest change of objects/op that counts: below it, JMH's own few objects per iteration spread over the operations. */
    public static final double NOISE_OBJECTS = 0.01;
    /** Smallest change of bytes/op that counts, likewise. */
    public static final double NOISE_BYTES = 0.5;

    /**
     * Sites that grew first (they explain a regression), then those that shrank or went; within each, larger byte
     * change first, then larger object change: the order of contribution to the deltas the gate judged.
     */
    static final Comparator<SiteChange> LARGEST_FIRST = Comparator
            .comparingInt((SiteChange c) -> grew(c) ? 0 : 1)
            .thenComparing(Comparator.comparingDouble((SiteChange c) -> Math.abs(c.bytesDelta())).reversed())
            .thenComparing(Comparator.comparingDouble((SiteChange c) -> Math.abs(c.objectsDelta())).reversed())
            .thenComparing(SiteChange::site);

    private ProfileDiff() {
    }

    private static boolean grew(SiteChange c) {
        return c.bytesDelta() > 0 || c.bytesDelta() == 0 && c.objectsDelta() > 0;
    }

    public static List<SiteChange> between(AllocationProfile baseline, AllocationProfile current) {
        Map<AllocationSite, double[]> sides = new TreeMap<>();
        for (ProfileEntry e : baseline.entries()) {
            sides.computeIfAbsent(e.site(), s -> new double[4])[0] = e.objectsPerOp();
            sides.get(e.site())[1] = e.bytesPerOp();
        }
        for (ProfileEntry e : current.entries()) {
            sides.computeIfAbsent(e.site(), s -> new double[4])[2] = e.objectsPerOp();
            sides.get(e.site())[3] = e.bytesPerOp();
        }
        List<SiteChange> changes = new ArrayList<>();
        sides.forEach((site, v) -> {
            if (Math.abs(v[2] - v[0]) < NOISE_OBJECTS && Math.abs(v[3] - v[1]) < NOISE_BYTES) {
                return;
            }
            boolean before = v[0] >= NOISE_OBJECTS;
            boolean after = v[2] >= NOISE_OBJECTS;
            SiteChange.Status status = before && after ? SiteChange.Status.CHANGED
                    : after ? (baseline.otherObjectsPerOp() + NOISE_OBJECTS >= v[2] ? SiteChange.Status.NOT_STORED
                            : SiteChange.Status.NEW)
                    : SiteChange.Status.REMOVED;
            changes.add(new SiteChange(site, v[0], v[1], v[2], v[3], status));
        });
        changes.sort(LARGEST_FIRST);
        return changes;
    }
}
