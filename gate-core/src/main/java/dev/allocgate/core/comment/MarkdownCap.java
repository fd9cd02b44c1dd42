package dev.allocgate.core.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Caps a Markdown report that is already written (report.md) at a table-row boundary, so the
 * comment can be posted from the report artifact alone, without the data it was rendered from.
 *
 * <p>When the text is too long: the settings block ({@code <details><summary>Settings…</details>})
 * is dropped first, as {@link dev.allocgate.core.report.MarkdownRenderer} does under a cap; then
 * table rows are kept in document order (regressions come first in report.md) while they fit, every
 * later row is dropped, tables left without rows lose their header, and one line
 * "_N more rows in the report artifact._" follows the last row kept. All other lines are kept. Only
 * when those alone do not fit is the text cut at a line boundary. The result never has more than
 * {@code maxChars} characters ({@link String#length()}).
 */
public final class MarkdownCap {
    private static final Pattern SEPARATOR = Pattern.compile("\\|(?:\\s*:?-+:?\\s*\\|)+\\s*");
    private static final Pattern TRAILER = Pattern.compile("_(\\d+) more rows? in the report artifact\\._");

    private MarkdownCap() {
    }

    /** {@code markdown} unchanged when it fits, else capped as the class comment describes. */
    public static String cap(String markdown, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative: " + maxChars);
        }
        if (markdown.length() <= maxChars) {
            return markdown;
        }
        List<Line> lines = classify(withoutSettings(lines(markdown)));
        int alreadyHidden = 0;
        for (Line l : lines) {
            Matcher m = TRAILER.matcher(l.text.strip());
            if (l.kind == Kind.TEXT && m.matches()) {
                alreadyHidden += Integer.parseInt(m.group(1));
                l.kind = Kind.DROPPED; // merged into the new trailer
            }
        }
        int totalRows = (int) lines.stream().filter(l -> l.kind == Kind.ROW).count();
        int fixed = lines.stream().filter(l -> l.kind == Kind.TEXT || l.kind == Kind.HEADER).mapToInt(l -> l.text.length()).sum();
        int reserve = trailer(totalRows + alreadyHidden).length();
        if (fixed + reserve > maxChars) {
            return hardCut(lines, maxChars, totalRows + alreadyHidden);
        }
        int budget = maxChars - fixed - reserve;
        int lastKept = -1;
        boolean cutting = false;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.kind != Kind.ROW) {
                continue;
            }
            if (!cutting && l.text.length() <= budget) {
                budget -= l.text.length();
                lastKept = i;
            } else {
                cutting = true;
                l.kind = Kind.DROPPED;
            }
        }
        int hidden = (int) lines.stream().filter(l -> l.kind == Kind.DROPPED && !TRAILER.matcher(l.text.strip()).matches()
                && l.wasRow).count() + alreadyHidden;
        dropEmptyTables(lines);
        StringBuilder out = new StringBuilder(maxChars);
        if (lastKept < 0) {
            // No row fits: the trailer goes where the first table was.
            int firstTable = firstIndex(lines, Kind.HEADER, Kind.DROPPED_HEADER);
            lastKept = firstTable < 0 ? lines.size() - 1 : firstTable - 1;
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.kind == Kind.TEXT || l.kind == Kind.HEADER || l.kind == Kind.ROW) {
                out.append(l.text);
            }
            if (i == lastKept && hidden > 0) {
                out.append(trailer(hidden));
            }
        }
        if (lastKept < 0 && hidden > 0) {
            out.append(trailer(hidden));
        }
        return out.toString();
    }

    private static String trailer(int hidden) {
        return "\n_" + hidden + (hidden == 1 ? " more row" : " more rows") + " in the report artifact._\n";
    }

    private enum Kind { TEXT, HEADER, ROW, DROPPED, DROPPED_HEADER }

    private static final class Line {
        final String text;
        Kind kind;
        boolean wasRow;

        Line(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
            this.wasRow = kind == Kind.ROW;
        }
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl + 1;
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    /** Drops the settings block: it is long, it is in the artifact, and the renderer drops it under a cap too. */
    private static List<String> withoutSettings(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        boolean inSettings = false;
        for (String line : lines) {
            if (!inSettings && line.startsWith("<details><summary>Settings")) {
                inSettings = true;
                if (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            if (inSettings) {
                if (line.strip().equals("</details>")) {
                    inSettings = false;
                }
                continue;
            }
            out.add(line);
        }
        return inSettings ? lines : out; // an unclosed block is not the renderer's: keep everything
    }

    /** A table is a line starting with "|", a separator line, then rows starting with "|". */
    private static List<Line> classify(List<String> texts) {
        List<Line> out = new ArrayList<>(texts.size());
        int i = 0;
        while (i < texts.size()) {
            String t = texts.get(i);
            if (t.startsWith("|") && i + 1 < texts.size() && SEPARATOR.matcher(texts.get(i + 1).strip()).matches()) {
                out.add(new Line(t, Kind.HEADER));
                out.add(new Line(texts.get(i + 1), Kind.HEADER));
                i += 2;
                while (i < texts.size() && texts.get(i).startsWith("|")) {
                    out.add(new Line(texts.get(i), Kind.ROW));
                    i++;
                }
            } else {
                out.add(new Line(t, Kind.TEXT));
                i++;
            }
        }
        return out;
    }

    private static void dropEmptyTables(List<Line> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).kind == Kind.HEADER && lines.get(i + 1).kind == Kind.HEADER) {
                int j = i + 2;
                boolean anyRow = false;
                boolean anyDropped = false;
                while (j < lines.size() && lines.get(j).wasRow) {
                    anyRow |= lines.get(j).kind == Kind.ROW;
                    anyDropped = true;
                    j++;
                }
                if (!anyRow && anyDropped) {
                    lines.get(i).kind = Kind.DROPPED_HEADER;
                    lines.get(i + 1).kind = Kind.DROPPED_HEADER;
                }
                i = j - 1;
            }
        }
    }

    private static int firstIndex(List<Line> lines, Kind a, Kind b) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind == a || lines.get(i).kind == b) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps whole lines (text, headers and rows in order) while they fit; the trailer counts hidden rows. */
    private static String hardCut(List<Line> lines, int maxChars, int totalRows) {
        String note = "\n_Cut to fit; " + totalRows + (totalRows == 1 ? " row is" : " rows are")
                + " in the report artifact._\n";
        if (note.length() > maxChars) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            if (l.kind == Kind.DROPPED || out.length() + l.text.length() + note.length() > maxChars) {
                if (l.kind == Kind.DROPPED) {
                    continue;
                }
                break;
            }
            out.append(l.text);
        }
        return out.append(note).toString();
    }
}
