package dev.allocgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The commands a front end's users type to act on a run: the one home of these texts, so that the reports, hints and
 * failure messages of a CLI run name {@code java -jar allocgate-cli.jar ...} and those of a Maven run {@code mvn ...}.
 *
 * @param record  records the run's benchmarks as the new baselines (what accepts an intended change)
 * @param ratchet rewrites only the entries that improved beyond their threshold
 */
public record Commands(String record, String ratchet) {

    /** The Maven plugin's goals. */
    public static final Commands MAVEN = new Commands("mvn allocgate:record", "mvn allocgate:record -Dallocgate.ratchet");

    /** How the standalone CLI is started. */
    public static final String CLI = "java -jar allocgate-cli.jar";

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w./:=@%+,-]+");

    public Commands {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(ratchet, "ratchet");
    }

    /**
     * The CLI's {@code record} on the same files as this run: {@code results} and {@code baselines} as the user gave
     * them ({@code null}: a placeholder), {@code rules} the rules file ({@code null}: none).
     */
    public static Commands cli(String results, String baselines, String rules) {
        List<String> words = new ArrayList<>(List.of(CLI, "record", "--results", results == null ? "FILE" : quoted(results),
                "--baselines", baselines == null ? "DIR" : quoted(baselines)));
        if (rules != null) {
            words.add("--rules");
            words.add(quoted(rules));
        }
        String record = String.join(" ", words);
        return new Commands(record, record + " --ratchet");
    }

    /** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
    static String quoted(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
