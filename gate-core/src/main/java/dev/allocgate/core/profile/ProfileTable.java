package dev.allocgate.core.profile;

import dev.allocgate.core.model.BenchmarkKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The console table of {@code allocgate:profile}: per benchmark, its sites largest first, per operation. */
public final class ProfileTable {

    /** Most sites listed per benchmark. */
    public static final int MAX_SITES = 15;

    private ProfileTable() {
    }

    public static List<String> lines(Map<BenchmarkKey, AllocationProfile> profiles) {
        List<String> lines = new ArrayList<>();
        profiles.forEach((key, profile) -> {
            lines.add(key.benchmark() + (key.params().isEmpty() ? "" : " (" + key.paramsLabel() + ")") + " [" + key.mode()
                    + "]: " + ExplanationText.objects(profile.totalObjectsPerOp()) + " objects/op, "
                    + ExplanationText.bytes(profile.totalBytesPerOp()) + " B/op");
            lines.add(String.format("  %10s %10s  %s", "objects/op", "B/op", "type at site (top frame first)"));
            int shown = 0;
            for (ProfileEntry e : profile.entries()) {
                if (e.objectsPerOp() < ProfileDiff.NOISE_OBJECTS && e.bytesPerOp() < ProfileDiff.NOISE_BYTES) {
                    continue;
                }
                if (shown++ == MAX_SITES) {
                    lines.add("  \u2026 more sites in the collapsed stacks file");
                    break;
                }
                lines.add(String.format("  %10s %10s  %s at %s", ExplanationText.objects(e.objectsPerOp()),
                        ExplanationText.bytes(e.bytesPerOp()), e.site().typeLabel(), ExplanationText.frames(e.site())));
            }
            if (shown == 0) {
                lines.add("  (allocates nothing measurable per operation)");
            }
        });
        return lines.stream().map(ExplanationText::ascii).toList();
    }
}
