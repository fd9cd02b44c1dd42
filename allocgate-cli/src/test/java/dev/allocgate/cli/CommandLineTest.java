package dev.allocgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one option parser of every command: each mistake is exit status 2 with a message naming the option and the
 * command, and each command's help lists every option with its default.
 */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return AllocgateCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void usageError(String expected, String... args) {
        assertEquals(AllocgateCli.USAGE, run(args), String.join(" ", args) + "\n" + err());
        assertTrue(err().startsWith(expected), "expected '" + expected + "' for " + String.join(" ", args) + ", got\n" + err());
        assertTrue(err().contains("run with --help for usage"), err());
        assertEquals("", out(), "nothing on stdout for a usage error");
    }

    @Test
    void anUnknownOptionIsNamedWithItsCommand() {
        usageError("allocgate compare: unknown option '--verbose' (compare --help lists its options)",
                "compare", "--results", "r.json", "--verbose");
        usageError("allocgate merge: unknown option '--include'", "merge", "--shards", "a", "--baselines", "b",
                "--include", "x");
        usageError("allocgate comment: unknown option '--verbose'", "comment", "--report", "r.md", "--module", "m",
                "--verbose");
        // An option of another command is unknown to this one.
        usageError("allocgate check-results: unknown option '--against'", "check-results", "--results", "r.json",
                "--baselines", "b", "--against", "a.json");
        usageError("allocgate compare: unknown option '--ratchet'", "compare", "--results", "r.json", "--against",
                "a.json", "--ratchet");
        // No abbreviations: --res is not --results.
        usageError("allocgate record: unknown option '--res'", "record", "--res", "r.json", "--baselines", "b");
    }

    @Test
    void aMissingValueIsNamed() {
        usageError("allocgate compare: option --results needs a value", "compare", "--results");
        usageError("allocgate merge: option --baselines needs a value", "merge", "--shards", "a", "--baselines");
        usageError("allocgate comment: option --module needs a value", "comment", "--report", "r.md", "--module");
        usageError("allocgate record: option -D needs a value", "record", "--results", "r.json", "--baselines", "b", "-D");
    }

    @Test
    void aBadNumberIsNamedWithTheValue() {
        usageError("allocgate comment: option --pull-request needs a whole number of at least 1, not 'x1'",
                "comment", "--report", "r.md", "--module", "m", "--pull-request", "x1");
        usageError("allocgate comment: option --pull-request needs a whole number of at least 1, not '0'",
                "comment", "--report", "r.md", "--module", "m", "--pull-request=0");
    }

    @Test
    void repeatedOptionsAndStrayArgumentsAreErrors() {
        usageError("allocgate compare: option --results is given more than once", "compare", "--results", "a.json",
                "--results", "b.json", "--against", "c.json");
        usageError("allocgate record: unexpected argument 'extra'", "record", "--results", "a.json", "--baselines", "b",
                "extra");
        usageError("allocgate compare: -Dallocgate.alpha is given more than once", "compare", "--results", "a.json",
                "--against", "c.json", "-Dallocgate.alpha=0.01", "-Dallocgate.alpha=0.02");
        usageError("allocgate compare: --results and -Dallocgate.results set the same setting", "compare", "--results",
                "a.json", "--against", "c.json", "-Dallocgate.results=b.json");
        usageError("allocgate compare: only allocgate.* settings can be given with -D, not user.home", "compare",
                "--results", "a.json", "--against", "c.json", "-Duser.home=/");
        usageError("allocgate compare: allocgate.tresholdBytes is not a setting of allocgate's gate", "compare",
                "--results", "a.json", "--against", "c.json", "-Dallocgate.tresholdBytes=8");
        usageError("allocgate comment: there is no --token option", "comment", "--report", "r.md", "--module", "m",
                "--token", "secret");
        usageError("allocgate: unknown command 'post'", "post");
    }

    @Test
    void bothSpellingsOfAValueWork() {
        // --name=value and --name value are the same; merge's --output is its --output-directory.
        usageError("allocgate merge: option --output-directory is given more than once", "merge", "--shards=a",
                "--baselines", "b", "--output", "x", "--output-directory=y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "check-results", "record", "merge", "comment"})
    void everyCommandsHelpListsEveryOptionWithItsDefault(String command) {
        assertEquals(0, run(command, "--help"), err());
        String help = out();
        assertTrue(help.startsWith("usage: java -jar allocgate-cli.jar ") && help.contains("java -jar allocgate-cli.jar "
                + command + " "), help);
        List<String> entries = optionEntries(help);
        assertTrue(entries.size() >= 4, help);
        for (String entry : entries) {
            if (entry.startsWith("--help")) {
                continue;
            }
            assertTrue(entry.contains("(default") || entry.contains("(required"), "no default in: " + entry);
        }
        assertEquals(0, run(command, "-h"));
        assertEquals(help, out());
    }

    @Test
    void theJudgingCommandsListEverySettingWithItsDefault() {
        for (String command : List.of("compare", "check-results", "record", "merge")) {
            run(command, "--help");
            String help = out();
            for (String option : List.of("--rules FILE", "--settings FILE", "-Dallocgate.NAME=VALUE", "--baselines DIR",
                    "--output-directory")) {
                assertTrue(help.contains(option), command + " lacks " + option + ":\n" + help);
            }
            assertTrue(help.contains("allocgate.thresholdBytes") && help.contains("(default: 4.0)"), help);
            assertTrue(help.contains("allocgate.failOnNew") && help.contains("(default: false)"), help);
            assertTrue(help.contains("Exit status: 0"), help);
        }
        run("record", "--help");
        assertTrue(out().contains("--ratchet") && out().contains("--refresh-unchanged"), out());
        run("compare", "--help");
        assertTrue(out().contains("--against FILE"), out());
        assertTrue(optionEntries(out()).stream().noneMatch(e -> e.startsWith("--ratchet")), out());
        run("merge", "--help");
        assertTrue(out().contains("--output-directory, --output DIR") && out().contains("(default: target/allocgate)"), out());
        assertFalse(out().contains("--include"), out());
    }

    /** The help's option entries: a line starting with "  -" and its indented continuation lines, joined. */
    private static List<String> optionEntries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inOptions = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Options:")) {
                inOptions = true;
            } else if (inOptions && line.startsWith("  -")) {
                entries.add(line.strip());
            } else if (inOptions && line.startsWith("    ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            } else if (inOptions && line.isEmpty()) {
                break;
            }
        }
        return entries;
    }
}
