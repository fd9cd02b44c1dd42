package dev.allocgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commands a front end's users type to act on a run: the one home of these texts, so that the reports, hints and
 * failure messages of a CLI run name {@code java -jar allocgate-cli.jar ...} and those of a Maven run {@code mvn ...}.
 *
 * @param record  records the run's benchmarks as the new baselines (what accepts an intended change)
 * @param ratchet rewrites only the entries that improved beyond their threshold
 * @param check   runs the benchmarks in allocgate's own forks, which probe the JVM settings and profile each
 *                regression; empty where the front end runs no benchmark (the CLI reads JMH results files)
 * @param profile shows where one benchmark allocates ({@code <benchmark>} stands for its name); empty likewise
 */
public record Commands(String record, String ratchet, Optional<String> check, Optional<String> profile) {

    /** The Maven plugin's goals. */
    public static final Commands MAVEN = new Commands("mvn allocgate:record", "mvn allocgate:record -Dallocgate.ratchet",
            Optional.of("mvn allocgate:check"), Optional.of("mvn allocgate:profile -Dallocgate.include=<benchmark>"));

    /** How the standalone CLI is started. */
    public static final String CLI = "java -jar allocgate-cli.jar";

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w./:=@%+,-]+");

    public Commands {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(ratchet, "ratchet");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(profile, "profile");
    }

    /** Whether this front end runs benchmarks itself (the Maven plugin), not only reads their results (the CLI). */
    public boolean runsBenchmarks() {
        return check.isPresent();
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
        return new Commands(record, record + " --ratchet", Optional.empty(), Optional.empty());
    }

    /** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
    static String quoted(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
