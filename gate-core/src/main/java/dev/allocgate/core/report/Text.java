package dev.allocgate.core.report;

import java.util.function.IntFunction;

/**
 * Escaping of untrusted text (benchmark and parameter names, notes) for each output format.
 *
 * <p>Common rule: a character that could break a line, reorder what is displayed or is invalid in
 * the output format (ISO controls, Unicode format characters such as bidi overrides and zero-width
 * characters, line and paragraph separators, lone surrogates, non-characters) is shown as
 * {@code \\uXXXX}, so names always come out on one line and in logical order.
 */
public final class Text {
    private Text() {
    }

    /**
     * For console and log lines: unsafe characters (see the class comment; including CR, LF and
     * bidi overrides) shown as {@code \\uXXXX}, so a name can neither break a line nor reorder what
     * is displayed.
     */
    public static String plain(String s) {
        return PLAIN.escape(s);
    }

    /**
     * For a Markdown table cell or inline text: HTML-escapes {@code & < >} (which also defuses
     * {@code <!--}), escapes {@code | ` * _ [ ] \\ ~}, writes {@code @} and {@code #} as entities
     * (no mentions or issue links), and shows unsafe characters as code points.
     */
    public static String markdownCell(String s) {
        return MARKDOWN_CELL.escape(s);
    }

    /**
     * For HTML and XML text and attribute values (quoted with {@code "} or {@code '}): escapes
     * {@code & < > " '} and shows unsafe characters as code points, so the result is valid XML 1.0
     * and never opens or closes an element, comment or attribute.
     */
    public static String markup(String s) {
        return MARKUP.escape(s);
    }

    private static final Escaper PLAIN = new Escaper(cp -> null, "");

    private static final Escaper MARKDOWN_CELL = new Escaper(cp -> switch (cp) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '@' -> "&#64;"; // no @mentions
        case '#' -> "&#35;"; // no issue links
        case '|', '`', '*', '_', '[', ']', '\\', '~' -> "\\" + (char) cp;
        default -> null;
    }, "\\"); // "\\u000A" renders as \u000A

    private static final Escaper MARKUP = new Escaper(cp -> switch (cp) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
    }, "");

    /**
     * The loop every format shares: a code point the format treats specially becomes its
     * replacement, an unsafe one its {@code \\uXXXX} form after {@code unsafePrefix}, others stay.
     * Text that needs none of it (most names) comes back as it is, after one pass over its chars.
     */
    private static final class Escaper {
        private final IntFunction<String> special;
        private final String unsafePrefix;
        /** The printable ASCII characters this format replaces. */
        private final boolean[] specialAscii = new boolean[128];

        Escaper(IntFunction<String> special, String unsafePrefix) {
            this.special = special;
            this.unsafePrefix = unsafePrefix;
            for (int c = 0; c < specialAscii.length; c++) {
                specialAscii[c] = special.apply(c) != null;
            }
        }

        /** Whether {@code c} stays as it is: printable ASCII the format does not replace. */
        boolean keeps(char c) {
            return c >= 0x20 && c < 0x7F && !specialAscii[c];
        }

        /** Whether every char of {@code s} stays as it is or is {@code alsoKept}. */
        boolean keepsAll(String s, char alsoKept) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != alsoKept && !keeps(c)) {
                    return false;
                }
            }
            return true;
        }

        String escape(String s) {
            int start = 0;
            while (start < s.length() && keeps(s.charAt(start))) {
                start++;
            }
            if (start == s.length()) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, start);
            for (int i = start; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                String replacement = special.apply(cp);
                if (replacement != null) {
                    out.append(replacement);
                } else if (isUnsafe(cp)) {
                    out.append(unsafePrefix).append(codePoint(cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
            return out.toString();
        }
    }

    /**
     * Like {@link #markup} but keeps line feeds and tabs, for multi-line XML element content
     * (failure details); CR is dropped so line ends stay LF.
     */
    public static String markupMultiline(String s) {
        if (MARKUP.keepsAll(s, '\n') && !s.startsWith("\n")) {
            return s; // the loop below would return it unchanged (it drops leading empty lines)
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (String line : s.replace("\r\n", "\n").split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(markup(line.replace("\t", "    ")));
        }
        return out.toString();
    }

    /**
     * At most {@code maxCodePoints} code points of {@code s}, ending in {@code …} when cut; never
     * splits a surrogate pair. Apply before escaping, so no escape sequence is cut.
     */
    public static String shorten(String s, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be >= 1: " + maxCodePoints);
        }
        if (s.length() <= maxCodePoints || s.codePointCount(0, s.length()) <= maxCodePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }

    /** Whether a code point must never appear literally in any report (see the class comment). */
    static boolean isUnsafe(int cp) {
        if (Character.isISOControl(cp) || isBidiControl(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.UNASSIGNED && (cp & 0xFFFE) == 0xFFFE;
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    private static String codePoint(int cp) {
        return String.format(cp > 0xFFFF ? "\\u%06X" : "\\u%04X", cp);
    }
}
