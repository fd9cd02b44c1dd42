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
            List<ProfileEntry> shown = profile.entries().stream().filter(e -> e.objectsPerOp() >= ProfileDiff.NOISE_OBJECTS
                    || e.bytesPerOp() >= ProfileDiff.NOISE_BYTES).toList();
            for (ProfileEntry e : shown.subList(0, Math.min(MAX_SITES, shown.size()))) {
                lines.add(String.format("  %10s %10s  %s at %s", ExplanationText.objects(e.objectsPerOp()),
                        ExplanationText.bytes(e.bytesPerOp()), e.site().typeLabel()
                                + ExplanationText.each(e.site(), e.objectsPerOp(), e.bytesPerOp()),
                        ExplanationText.frames(e.site())));
            }
            if (shown.size() > MAX_SITES) {
                lines.add("  \u2026 and " + (shown.size() - MAX_SITES) + " more site(s) in the collapsed stacks file");
            }
            if (shown.isEmpty()) {
                lines.add("  (allocates nothing measurable per operation)");
            }
        });
        return lines.stream().map(ExplanationText::ascii).toList();
    }
}
