package dev.allocgate.core.workflow;

import dev.allocgate.core.baseline.AtomicFiles;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.ProfileEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allocation profiles in the "collapsed stacks" text that flame graph tools read (Brendan Gregg's
 * {@code flamegraph.pl}, speedscope, async-profiler's converter): one line per site, frames from the root down to the
 * allocated type separated by semicolons, a space and a whole number. The root is the benchmark (with its
 * {@code @Param} values and mode); the number is <em>bytes per 1,000 operations</em>, so the graph's widths are each
 * site's share of the benchmark's bytes/op.
 */
public final class CollapsedStacks {

    /** File name in the output directory. */
    public static final String FILE = "allocations.collapsed";
    /** The numbers' scale: bytes per this many operations. */
    public static final int OPERATIONS = 1000;

    private CollapsedStacks() {
    }

    public static List<String> lines(Map<BenchmarkKey, AllocationProfile> profiles) {
        List<String> lines = new ArrayList<>();
        profiles.forEach((key, profile) -> {
            String root = clean(key.benchmark() + (key.params().isEmpty() ? "" : " (" + key.paramsLabel() + ")")
                    + " [" + key.mode() + "]");
            for (ProfileEntry e : profile.entries()) {
                long value = Math.round(e.bytesPerOp() * OPERATIONS);
                if (value <= 0) {
                    continue;
                }
                StringBuilder line = new StringBuilder(root);
                List<String> frames = e.site().frames();
                for (int i = frames.size() - 1; i >= 0; i--) {
                    line.append(';').append(clean(frames.get(i)));
                }
                line.append(';').append(clean(e.site().typeLabel())).append(' ').append(value);
                lines.add(line.toString());
            }
        });
        return lines;
    }

    public static void write(Map<BenchmarkKey, AllocationProfile> profiles, Path file) throws IOException {
        String text = String.join("\n", lines(profiles));
        AtomicFiles.write(file, (text.isEmpty() ? "" : text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Semicolons separate frames (the last space separates the number; tools take spaces in names). */
    private static String clean(String name) {
        return name.replace(';', ',').replace('\n', ' ').replace('\r', ' ');
    }
}
