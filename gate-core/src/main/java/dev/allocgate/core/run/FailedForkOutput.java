package dev.allocgate.core.run;

import dev.allocgate.profiler.ForkProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The last lines a failed fork printed, so that a build log which does not show JMH's output can still show why a
 * benchmark failed. allocgate's own protocol lines are left out and long stack traces are shortened, so the lines
 * hold what JMH and the benchmark printed last.
 *
 * @param fork  which fork or run failed, in the progress lines' terms (e.g. {@code p.A.x [avgt] fork 3})
 * @param lines its last lines, at most {@link #MAX_LINES}
 */
public record FailedForkOutput(String fork, List<String> lines) {
    /** At most this many lines of a failed fork's output are handed on. */
    public static final int MAX_LINES = 20;
    /** Frames of one stack trace kept before the rest are counted in one line. */
    static final int MAX_FRAMES = 4;
    /** Raw lines a runner keeps per fork to make the excerpt from. */
    static final int BUFFER_LINES = 400;

    private static final Pattern FRAME = Pattern.compile("\\s+at \\S.*");

    public FailedForkOutput {
        lines = List.copyOf(lines);
    }

    /**
     * The excerpt of {@code output} (the fork's lines in order): protocol lines other than its error line dropped,
     * stack traces cut after {@value #MAX_FRAMES} frames, leading and trailing blank lines dropped, the last {@value #MAX_LINES}
     * lines kept.
     */
    static FailedForkOutput of(String fork, List<String> output) {
        List<String> kept = new ArrayList<>();
        int frames = 0;
        int skippedFrames = 0;
        for (String line : output) {
            if (ForkProtocol.isProtocolLine(line) && !ForkProtocol.Kind.ERROR.matches(line)) {
                continue;
            }
            if (FRAME.matcher(line).matches()) {
                if (++frames > MAX_FRAMES) {
                    skippedFrames++;
                    continue;
                }
            } else {
                frames = 0;
                skippedFrames = flushFrames(kept, skippedFrames);
            }
            kept.add(line);
        }
        flushFrames(kept, skippedFrames);
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        int from = Math.max(0, kept.size() - MAX_LINES);
        while (from < kept.size() && kept.get(from).isBlank()) {
            from++;
        }
        return new FailedForkOutput(fork, kept.subList(from, kept.size()));
    }

    private static int flushFrames(List<String> kept, int skippedFrames) {
        if (skippedFrames > 0) {
            kept.add("\t... " + skippedFrames + " more frame" + (skippedFrames == 1 ? "" : "s"));
        }
        return 0;
    }
}
