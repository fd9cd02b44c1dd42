package dev.allocgate.core.report;

/** Escaping of untrusted text (benchmark and parameter names) for each output format. */
public final class Text {
    private Text() {
    }

    /**
     * For console and log lines: control characters (including CR, LF and bidi overrides) shown as
     * {@code \\uXXXX}, so a name can neither break a line nor reorder what is displayed.
     */
    public static String plain(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || isBidiControl(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * For a Markdown table cell: HTML-escapes {@code & < >} (which also defuses {@code <!--}), escapes
     * {@code | ` * _ [ ] \\ ~}, writes {@code @} and {@code #} as entities (no mentions or issue links), and shows control and bidi characters as code points.
     */
    public static String markdownCell(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;"); // no @mentions
                case '#' -> out.append("&#35;"); // no issue links
                case '|', '`', '*', '_', '[', ']', '\\', '~' -> out.append('\\').appendCodePoint(cp);
                default -> {
                    if (Character.isISOControl(cp) || isBidiControl(cp)) {
                        out.append(String.format("\\\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }
}
