package dev.allocgate.core.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines every report shows for an {@link Explanation}, in plain text (each format escapes them its own way):
 * one per changed site, e.g. {@code +1.00 java.lang.Long (boxing)/op (+16 B/op) new at
 * java.lang.Long.valueOf(Long.java:1211) ← com.acme.Codec.encode(Codec.java:42)}.
 */
public final class ExplanationText {

    /** Most site lines per benchmark in a report. */
    public static final int MAX_SITES = 8;
    /** Most frames shown per site. */
    public static final int MAX_FRAMES = 4;
    static final String CALLED_FROM = " \u2190 ";

    private ExplanationText() {
    }

    /** A one-line summary of what the explanation holds. */
    public static String heading(Explanation e) {
        return e.baseline().isEmpty()
                ? "allocation sites now (the baseline was recorded without a profile, so its side is unknown; run "
                        + "allocgate:record to store one): " + objects(e.current().totalObjectsPerOp()) + " objects/op, "
                        + bytes(e.current().totalBytesPerOp()) + " B/op"
                : e.changes().isEmpty()
                        ? "allocation sites: no site changed by " + ProfileDiff.NOISE_OBJECTS + " objects/op or "
                                + ProfileDiff.NOISE_BYTES + " B/op between the baseline's profile and the profiling fork's"
                        : "allocation sites that changed (baseline profile vs profiling fork), largest first:";
    }

    /** The site lines: changes with a baseline profile, the largest current sites without one. */
    public static List<String> siteLines(Explanation e) {
        List<String> lines = new ArrayList<>();
        if (e.baseline().isEmpty()) {
            for (ProfileEntry entry : e.current().entries()) {
                if (lines.size() == MAX_SITES) {
                    break;
                }
                if (entry.objectsPerOp() >= ProfileDiff.NOISE_OBJECTS || entry.bytesPerOp() >= ProfileDiff.NOISE_BYTES) {
                    lines.add(objects(entry.objectsPerOp()) + " " + entry.site().typeLabel() + "/op ("
                            + bytes(entry.bytesPerOp()) + " B/op" + each(entry.site(), entry.objectsPerOp(), entry.bytesPerOp())
                            + ") at " + frames(entry.site()));
                }
            }
            return lines;
        }
        for (SiteChange c : e.changes()) {
            if (lines.size() == MAX_SITES) {
                lines.add("\u2026 and " + (e.changes().size() - MAX_SITES) + " more changed site(s) in report.json");
                break;
            }
            lines.add(line(c));
        }
        return lines;
    }

    /** One changed site. */
    public static String line(SiteChange c) {
        String status = switch (c.status()) {
            case NEW -> " new";
            case REMOVED -> " removed";
            case NOT_STORED -> " not among the baseline's stored sites";
            case CHANGED -> "";
        };
        String was = c.status() == SiteChange.Status.CHANGED
                ? " (" + objects(c.baselineObjectsPerOp()) + " \u2192 " + objects(c.currentObjectsPerOp()) + " objects/op)" : "";
        return signed(objects(c.objectsDelta())) + " " + c.site().typeLabel() + "/op (" + signed(bytes(c.bytesDelta()))
                + " B/op" + each(c.site(), Math.abs(c.objectsDelta()), Math.abs(c.bytesDelta())) + ")" + status + " at "
                + frames(c.site()) + was;
    }

    /** The site's frames, top first, joined with arrows; JMH's own allocation when no frame is above its code. */
    public static String frames(AllocationSite site) {
        if (site.frames().isEmpty()) {
            return "JMH's harness (below the benchmark method)";
        }
        // A lambda's or method handle's allocation happens in java.lang.invoke's frames on top of the line that
        // captures it: those frames say nothing to the reader and are left out of the text (not out of the site).
        List<String> frames = site.frames();
        int first = 0;
        while (first < frames.size() - 1 && frames.get(first).startsWith("java.lang.invoke.")) {
            first++;
        }
        frames = frames.subList(first, frames.size());
        if (frames.size() <= MAX_FRAMES) {
            return String.join(CALLED_FROM, frames);
        }
        // Too many to show: the allocating frame, then from the first frame of the code under test (the JDK's or a
        // library's frames between them elided), as many as fit.
        int user = 1;
        while (user < frames.size() && JvmNames.isJdk(frames.get(user))) {
            user++;
        }
        if (user == frames.size() || user < MAX_FRAMES - 1) {
            return String.join(CALLED_FROM, frames.subList(0, MAX_FRAMES)) + CALLED_FROM + "\u2026";
        }
        List<String> rest = frames.subList(user, Math.min(frames.size(), user + MAX_FRAMES - 1));
        return frames.get(0) + CALLED_FROM + "\u2026" + CALLED_FROM + String.join(CALLED_FROM, rest)
                + (user + rest.size() < frames.size() ? CALLED_FROM + "\u2026" : "");
    }

    private static String each(AllocationSite site, double objects, double bytes) {
        return site.type().endsWith("[]") && objects >= ProfileDiff.NOISE_OBJECTS
                ? ", " + bytes(bytes / objects) + " B each" : "";
    }

    /** {@code text} for a console that may not show Unicode: arrows as {@code <-} and {@code ->}, the ellipsis as dots. */
    public static String ascii(String text) {
        return text.replace("\u2190", "<-").replace("\u2192", "->").replace("\u2026", "...");
    }

    static String objects(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String bytes(double value) {
        return Math.abs(value - Math.rint(value)) < 0.05 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signed(String number) {
        return number.startsWith("-") ? number : "+" + number;
    }
}
