package dev.allocgate.core.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a benchmark class name to the name of its baseline file. See {@link BaselineStore#fileNameFor}
 * for the rules.
 */
final class BaselineFileNames {

    static final String EXTENSION = ".json";
    /** Longest file name produced, extension included: far below the 255 bytes most file systems allow. */
    static final int MAX_FILE_NAME_LENGTH = 150;
    private static final int HASH_HEX_DIGITS = 8;
    /** Longest readable part when a hash suffix follows: name + '-' + hash + extension fits the cap. */
    private static final int MAX_STEM_WITH_HASH = MAX_FILE_NAME_LENGTH - EXTENSION.length() - 1 - HASH_HEX_DIGITS;

    /** Device names Windows reserves whatever extension follows them. */
    private static final Set<String> WINDOWS_RESERVED = Set.of(
            "con", "prn", "aux", "nul", "conin$", "conout$",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private BaselineFileNames() {
    }

    static String fileNameFor(String benchmarkClass) {
        StringBuilder stem = new StringBuilder(benchmarkClass.length());
        boolean needsHash = false;
        for (int i = 0; i < benchmarkClass.length(); ) {
            int cp = benchmarkClass.codePointAt(i);
            i += Character.charCount(cp);
            if (isKeptLowerCaseSafe(cp)) {
                stem.append((char) cp);
            } else if (cp >= 'A' && cp <= 'Z') {
                // Kept for readability, but a name with capitals may differ from another class only by case.
                stem.append((char) cp);
                needsHash = true;
            } else {
                stem.append('_');
                needsHash = true;
            }
        }
        if (stem.length() == 0 || stem.charAt(0) == '.' || isWindowsReserved(stem)) {
            // Empty, hidden (".x") or a device name such as "con.Foo": prefix so the name becomes harmless.
            stem.insert(0, '_');
            needsHash = true;
        }
        if (stem.length() + EXTENSION.length() > MAX_FILE_NAME_LENGTH) {
            needsHash = true;
        }
        if (!needsHash) {
            return stem + EXTENSION;
        }
        if (stem.length() > MAX_STEM_WITH_HASH) {
            stem.setLength(MAX_STEM_WITH_HASH);
        }
        return stem + "-" + shortHash(benchmarkClass) + EXTENSION;
    }

    /** Characters that are safe everywhere and that no other character case-folds onto: {@code [a-z0-9._$]}. */
    private static boolean isKeptLowerCaseSafe(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '.' || cp == '_' || cp == '$';
    }

    private static boolean isWindowsReserved(CharSequence stem) {
        String s = stem.toString();
        int dot = s.indexOf('.');
        String base = (dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT);
        return WINDOWS_RESERVED.contains(base);
    }

    /** First 8 hex digits of the SHA-256 of the exact (UTF-8) class name. */
    static String shortHash(String benchmarkClass) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(benchmarkClass.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
