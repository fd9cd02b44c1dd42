package dev.allocgate.core;

/**
 * A JSON parser's message in the user's terms: locations as "line N, column M" instead of the parser's
 * "[Source: REDACTED (...); line: N, column: M]", and never the text of the file itself (an unrecognised word
 * is not quoted, an unexpected character is given by its code), so a file that is not JSON, a secret say, is
 * never echoed into a build log.
 */
public final class JsonErrorText {

    private JsonErrorText() {
    }

    /** {@code parserMessage} (the parser's message without its own location suffix) made readable. */
    public static String of(String parserMessage) {
        if (parserMessage == null) {
            return null;
        }
        String message = parserMessage.replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        message = message.replaceAll("expected close marker for (Object|Array) \\(start marker at (line \\d+, column \\d+)\\)",
                "the $1 opened at $2 is not closed").replace("the Object opened", "object opened")
                .replace("the Array opened", "array opened");
        if (message.startsWith("Unrecognized token")) {
            message = "a word that is not a JSON value (not shown)";
        }
        return message.replaceAll("\\('(?s:.{1,2})' \\(code (\\d+)[^)]*\\)\\)", "(character code $1)");
    }
}
