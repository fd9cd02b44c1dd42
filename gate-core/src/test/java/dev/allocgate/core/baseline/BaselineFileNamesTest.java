package dev.allocgate.core.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineFileNamesTest {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._$-]+\\.json");
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "conin$", "conout$",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    @Test
    void lowerCaseNamesStayReadableWithoutHash() {
        assertEquals("dev.allocgate.samples.foo.json", BaselineStore.fileNameFor("dev.allocgate.samples.foo"));
        assertEquals("a.outer$inner_1.json", BaselineStore.fileNameFor("a.outer$inner_1"));
    }

    @Test
    void namesWithCapitalsGetTheHashOfTheExactName() throws Exception {
        String name = "dev.allocgate.samples.StringConcat";
        assertEquals(name + "-" + sha256Prefix(name) + ".json", BaselineStore.fileNameFor(name));
    }

    @Test
    void namesDifferingOnlyInCaseNeverShareAFileOnCaseInsensitiveFileSystems() {
        List<String> variants = List.of("a.foo", "a.Foo", "a.FOO", "a.fOo", "A.foo", "A.Foo");
        Set<String> folded = new java.util.HashSet<>();
        for (String v : variants) {
            folded.add(BaselineStore.fileNameFor(v).toLowerCase(Locale.ROOT));
        }
        assertEquals(variants.size(), folded.size(), folded.toString());
    }

    @Test
    void replacesUnsafeCharactersAndHashes() throws Exception {
        String name = "dev.\u00fc.Stra\u00dfe\u4e2d";
        String fileName = BaselineStore.fileNameFor(name);
        assertEquals("dev._.Stra_e_-" + sha256Prefix(name) + ".json", fileName);
        // Characters outside the BMP count as one character, not two.
        assertEquals("x._-" + sha256Prefix("x.\uD835\uDC9C") + ".json", BaselineStore.fileNameFor("x.\uD835\uDC9C"));
    }

    @Test
    void noPathTraversal(@TempDir Path dir) throws Exception {
        for (String evil : List.of("..", ".", "../../etc/passwd", "a/../../b", "..\\..\\windows", "/abs", "C:\\x", "",
                "a\u0000b", ".hidden", "x/.")) {
            String fileName = BaselineStore.fileNameFor(evil);
            assertTrue(SAFE.matcher(fileName).matches(), fileName);
            assertFalse(fileName.startsWith("."), fileName);
            Path resolved = dir.resolve(fileName);
            assertEquals(dir, resolved.getParent(), evil);
            assertEquals(resolved, resolved.normalize(), evil);
            Files.writeString(resolved, "x"); // creatable
            assertTrue(Files.isRegularFile(resolved));
        }
    }

    @Test
    void windowsDeviceNamesArePrefixed() {
        for (String device : List.of("con", "CON", "Nul", "aux.Foo", "com1", "LPT9.bench", "prn.x.y", "conin$", "CONOUT$.a")) {
            String fileName = BaselineStore.fileNameFor(device);
            assertTrue(fileName.startsWith("_"), fileName);
            assertFalse(RESERVED.contains(baseBeforeFirstDot(fileName)), fileName);
            assertTrue(fileName.matches(".*-[0-9a-f]{8}\\.json"), fileName);
        }
        // Not device names: a longer word, or a device name later in the name.
        assertEquals("console.json", BaselineStore.fileNameFor("console"));
        assertEquals("a.con.json", BaselineStore.fileNameFor("a.con"));
        assertEquals("com10.json", BaselineStore.fileNameFor("com10"));
    }

    @Test
    void longNamesAreTruncatedAndStayDistinct() {
        String prefix = "dev.allocgate.samples." + "verylongpackage.".repeat(20);
        String a = prefix + "alpha";
        String b = prefix + "beta";
        String fa = BaselineStore.fileNameFor(a);
        String fb = BaselineStore.fileNameFor(b);
        assertTrue(a.length() > 300);
        assertTrue(fa.length() <= 150, fa.length() + ": " + fa);
        assertEquals(150, fa.length());
        assertNotEquals(fa, fb);
        assertTrue(fa.startsWith("dev.allocgate.samples.verylongpackage."));
        // Exactly at the limit: no hash needed; one more character: hash.
        String fits = "a".repeat(150 - ".json".length());
        assertEquals(fits + ".json", BaselineStore.fileNameFor(fits));
        assertTrue(BaselineStore.fileNameFor(fits + "a").matches("a{136}-[0-9a-f]{8}\\.json"));
    }

    @Test
    void randomNamesAreSafeAndInjectiveIgnoringCase() {
        // Brute force: many names drawn from a nasty alphabet, including case variants of one another.
        String alphabet = "abcABC._$-/\\:*?\"<>| \u00e9\u00c9\u0131I\u0130i\u017f";
        Random random = new Random(7);
        Map<String, String> byFoldedFileName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(sb.toString());
            names.add(sb.toString().toUpperCase(Locale.ROOT));
            names.add(sb.toString().toLowerCase(Locale.ROOT));
        }
        for (String name : names) {
            String fileName = BaselineStore.fileNameFor(name);
            assertTrue(SAFE.matcher(fileName).matches(), fileName);
            assertTrue(fileName.length() <= 150);
            assertFalse(fileName.startsWith("."), fileName);
            assertFalse(RESERVED.contains(baseBeforeFirstDot(fileName)), fileName);
            assertEquals(fileName, BaselineStore.fileNameFor(name), "stable");
            String previous = byFoldedFileName.putIfAbsent(fileName.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                assertEquals(previous, name, "two classes share " + fileName);
            }
        }
    }

    @Test
    void hashedAndUnhashedNamesCannotCollide() {
        // A lower-case name that looks like a hashed one is itself hashed ('-' is replaced).
        String lookalike = "a.foo-" + sha256Prefix("a.Foo");
        assertNotEquals(BaselineStore.fileNameFor("a.Foo"), BaselineStore.fileNameFor(lookalike));
    }

    private static String baseBeforeFirstDot(String fileName) {
        int dot = fileName.indexOf('.');
        return (dot < 0 ? fileName : fileName.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
