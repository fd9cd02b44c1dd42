package dev.allocgate.core.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTest {

    @Test
    void unsafeCharactersBecomeCodePoints() {
        assertEquals("a\\u2028b\\u200Bc\\uD800d\\uFFFEe\\u0009", Text.plain("a\u2028b\u200Bc\uD800d\uFFFEe\t"));
        assertEquals("tag\\u0E0001", Text.plain("tag" + new String(Character.toChars(0xE0001)))); // a format character beyond the BMP
        assertEquals("😀 ü 漢", Text.plain("😀 ü 漢"), "ordinary text is untouched");
    }

    @Test
    void markupEscapesTheFiveXmlCharacters() {
        assertEquals("&lt;/svg&gt;&lt;script&gt;x&amp;&quot;&#39;\\u000A", Text.markup("</svg><script>x&\"'\n"));
        assertEquals("a &lt;b&gt;\n    c\\u001B", Text.markupMultiline("a <b>\r\n\tc\u001B"));
    }

    @Test
    void shortenCountsCodePointsAndNeverSplitsAPair() {
        assertEquals("abc", Text.shorten("abc", 3));
        assertEquals("ab…", Text.shorten("abcd", 3));
        assertEquals("😀😀…", Text.shorten("😀😀😀😀", 3));
        assertThrows(IllegalArgumentException.class, () -> Text.shorten("x", 0));
    }
}
