package dev.allocgate.core.comment;

import java.nio.charset.StandardCharsets;

/**
 * The hidden first line that identifies allocgate's comment for one module:
 * {@code <!-- allocgate:comment module=NAME -->}. The module name is reduced to characters that
 * cannot end the HTML comment or break the line (anything else, and a second {@code -} in a row,
 * is percent-encoded) and shortened to {@value #MAX_MODULE_CHARS} characters.
 */
public record CommentMarker(String module) {
    static final int MAX_MODULE_CHARS = 200;
    private static final String PREFIX = "<!-- allocgate:comment module=";
    private static final String SUFFIX = " -->";

    public CommentMarker {
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("the module name of a comment must not be blank");
        }
        module = encode(module.strip());
    }

    /** The marker line, without a line break. */
    public String line() {
        return PREFIX + module + SUFFIX;
    }

    /** Whether the comment body starts with this marker line (CRLF tolerated). */
    public boolean marks(String body) {
        if (body == null) {
            return false;
        }
        int end = body.indexOf('\n');
        String first = end < 0 ? body : body.substring(0, end);
        if (first.endsWith("\r")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.equals(line());
    }

    /** The body to post: the marker line, a line break and the Markdown. */
    public String wrap(String markdown) {
        return line() + "\n" + markdown;
    }

    private static String encode(String module) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = module.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':'
                    || (c == '-' && (out.length() == 0 || out.charAt(out.length() - 1) != '-')));
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
            if (out.length() >= MAX_MODULE_CHARS) {
                break;
            }
        }
        return out.length() > MAX_MODULE_CHARS ? out.substring(0, MAX_MODULE_CHARS) : out.toString();
    }
}
