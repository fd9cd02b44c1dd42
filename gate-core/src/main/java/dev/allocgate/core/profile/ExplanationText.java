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
        if (!e.profiled()) {
            return "allocation sites unknown: " + e.missing();
        }
        AllocationProfile current = e.current().orElseThrow();
        return e.baseline().isEmpty()
                ? "allocation sites now (the baseline was recorded without a profile, so its side is unknown; run "
                        + "allocgate:record to store one): " + objects(current.totalObjectsPerOp()) + " objects/op, "
                        + bytes(current.totalBytesPerOp()) + " B/op"
                : e.changes().isEmpty()
                        ? "allocation sites: no site changed by " + ProfileDiff.NOISE_OBJECTS + " objects/op or "
                                + ProfileDiff.NOISE_BYTES + " B/op between the baseline's profile and the profiling fork's"
                        : "allocation sites that changed (baseline profile vs profiling fork), largest first:";
    }

    /**
     * The site lines, at most {@value #MAX_SITES} and a line saying how many more: changes with a baseline profile,
     * the largest current sites without one, none without a current profile.
     */
    public static List<String> siteLines(Explanation e) {
        List<String> lines = new ArrayList<>();
        if (!e.profiled()) {
            return lines;
        }
        if (e.baseline().isEmpty()) {
            List<ProfileEntry> shown = e.current().orElseThrow().entries().stream()
                    .filter(entry -> entry.objectsPerOp() >= ProfileDiff.NOISE_OBJECTS
                            || entry.bytesPerOp() >= ProfileDiff.NOISE_BYTES).toList();
            for (ProfileEntry entry : shown.subList(0, Math.min(MAX_SITES, shown.size()))) {
                lines.add(objects(entry.objectsPerOp()) + " " + entry.site().typeLabel() + "/op ("
                        + bytes(entry.bytesPerOp()) + " B/op" + each(entry.site(), entry.objectsPerOp(), entry.bytesPerOp())
                        + ") at " + frames(entry.site()));
            }
            if (shown.size() > MAX_SITES) {
                lines.add("\u2026 and " + (shown.size() - MAX_SITES) + " more site(s) in report.json");
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
                + " B/op" + sizes(c) + ")" + status + " at "
                + frames(c.site()) + was;
    }

    /**
     * The site's frames, top first, joined with arrows, as a developer reads them: the JVM's generated frames (method
     * handles' forms, a lambda's bridge class) left out of the text (not out of the site) and a lambda's body named
     * {@code lambda in Foo.bar} ({@link JvmNames#frameLabel}); JMH's allocation when no frame is above its code.
     */
    public static String frames(AllocationSite site) {
        if (site.frames().isEmpty()) {
            return "JMH's harness (below the benchmark method)";
        }
        List<String> frames = new ArrayList<>();
        for (String frame : site.frames()) {
            int paren = frame.indexOf('(');
            String method = paren < 0 ? frame : frame.substring(0, paren);
            String className = method.contains(".") ? method.substring(0, method.lastIndexOf('.')) : method;
            // A lambda's or method handle's allocation happens in java.lang.invoke's frames on top of the line that
            // captures it: those frames say nothing to the reader.
            if (!JvmNames.isHidden(className) && !(frames.isEmpty() && className.startsWith("java.lang.invoke."))) {
                frames.add(JvmNames.frameLabel(frame));
            }
        }
        if (frames.isEmpty()) {
            frames.add(JvmNames.frameLabel(site.frames().get(site.frames().size() - 1)));
        }
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

    /**
     * An array's size per allocation, on each side of a change: {@code , 48 B each} for a new or removed site, {@code ,
     * 48 B -> 96 B each} for a site that allocates bigger or smaller arrays than before (the same count of arrays
     * then shows no object change, only this). Sizes are the mean over the site's arrays.
     */
    private static String sizes(SiteChange c) {
        if (!c.site().type().endsWith("[]")) {
            return "";
        }
        boolean before = c.baselineObjectsPerOp() >= ProfileDiff.NOISE_OBJECTS;
        boolean after = c.currentObjectsPerOp() >= ProfileDiff.NOISE_OBJECTS;
        if (before && after) {
            String was = bytes(c.baselineBytesPerOp() / c.baselineObjectsPerOp());
            String now = bytes(c.currentBytesPerOp() / c.currentObjectsPerOp());
            return was.equals(now) ? ", " + now + " B each" : ", " + was + " B \u2192 " + now + " B each";
        }
        return before ? each(c.site(), c.baselineObjectsPerOp(), c.baselineBytesPerOp())
                : each(c.site(), c.currentObjectsPerOp(), c.currentBytesPerOp());
    }

    static String each(AllocationSite site, double objects, double bytes) {
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
