package dev.allocgate.cli;

import dev.allocgate.core.report.Text;
import joptsimple.ArgumentAcceptingOptionSpec;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import joptsimple.ValueConversionException;
import joptsimple.ValueConverter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one command, parsed by jopt-simple: the CLI's one option parser. Each option is declared once with
 * its argument's name, its description and its default, so that {@link #help()} lists every option with its default;
 * {@link #parse} turns every mistake (unknown option, missing value, a value that is not a whole number, an option
 * given twice, a stray argument) into a {@link UsageException} whose message names the option and the command.
 */
final class CommandLine {

    /** A mistake on the command line: exit status 2, the message names the option and the command. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** One line of the help: the option's names and argument, what it does, its default. */
    private record Help(String names, String description, String defaultText) {
    }

    private static final int NAME_COLUMN = 30;
    private static final int WIDTH = 112;

    private final String command;
    private final String synopsis;
    private final String epilogue;
    private final OptionParser parser = new OptionParser(false); // no abbreviations: --res is not --results
    private final OptionSpec<Void> help;
    private final List<Help> helpLines = new ArrayList<>();
    /** Options with a value, given at most once, each with the name it is shown by. */
    private final java.util.Map<OptionSpec<?>, String> once = new java.util.LinkedHashMap<>();

    /**
     * @param command  the command's name, for messages ({@code compare})
     * @param synopsis the usage lines and what the command does, above the options
     * @param epilogue what follows the options in the help (settings, exit status); may be empty
     */
    CommandLine(String command, String synopsis, String epilogue) {
        this.command = command;
        this.synopsis = synopsis.stripTrailing();
        this.epilogue = epilogue.stripTrailing();
        this.help = parser.acceptsAll(List.of("help", "h"), "show this help").forHelp();
    }

    String command() {
        return command;
    }

    /** An option with one value, given at most once; {@code defaultText} what holds without it ("required", ...). */
    OptionSpec<String> value(String name, String argument, String description, String defaultText) {
        return value(List.of(name), argument, description, defaultText);
    }

    /** As {@link #value(String, String, String, String)}, under several names (the first is the one shown first). */
    OptionSpec<String> value(List<String> names, String argument, String description, String defaultText) {
        ArgumentAcceptingOptionSpec<String> spec = parser.acceptsAll(names, description).withRequiredArg()
                .describedAs(argument);
        once.put(spec, "--" + names.get(0));
        helpLines.add(new Help(String.join(", ", names.stream().map(n -> "--" + n).toList()) + " " + argument,
                description, defaultText));
        return spec;
    }

    /** An option whose value is a whole number of at least 1. */
    OptionSpec<Long> number(String name, String argument, String description, String defaultText) {
        ArgumentAcceptingOptionSpec<Long> spec = parser.accepts(name, description).withRequiredArg()
                .withValuesConvertedBy(new WholeNumber()).describedAs(argument);
        once.put(spec, "--" + name);
        helpLines.add(new Help("--" + name + " " + argument, description, defaultText));
        return spec;
    }

    /** An option without a value: off unless given. */
    OptionSpec<Void> flag(String name, String description) {
        OptionSpec<Void> spec = parser.accepts(name, description);
        helpLines.add(new Help("--" + name, description, "off"));
        return spec;
    }

    /** {@code -DNAME=VALUE}, any number of times; the values are {@code NAME=VALUE}. */
    OptionSpec<String> definitions(String shown, String description, String defaultText) {
        OptionSpec<String> spec = parser.accepts("D", description).withRequiredArg().describedAs("NAME=VALUE");
        helpLines.add(new Help(shown, description, defaultText));
        return spec;
    }

    /** What a command does with its options; a {@link UsageException} is exit status 2. */
    @FunctionalInterface
    interface Action {
        int run(OptionSet options) throws UsageException;
    }

    /**
     * Parses {@code args} and runs {@code action} on them: with {@code --help} prints the help instead (exit status
     * 0); a usage error, of the options or of {@code action}, is printed on {@code err} (exit status 2).
     */
    int run(List<String> args, PrintStream out, PrintStream err, Action action) {
        try {
            OptionSet set = parse(args);
            if (set.has(help)) {
                out.print(help());
                return 0;
            }
            return action.run(set);
        } catch (UsageException e) {
            return AllocgateCli.usage(err, e.getMessage());
        }
    }

    /**
     * The options given (with {@code --help}, whatever else is wrong).
     *
     * @throws UsageException naming the option and the command
     */
    OptionSet parse(List<String> args) throws UsageException {
        OptionSet set;
        try {
            set = parser.parse(args.toArray(String[]::new));
            if (set.has(help)) {
                return set;
            }
            for (java.util.Map.Entry<OptionSpec<?>, String> e : once.entrySet()) {
                if (set.valuesOf(e.getKey()).size() > 1) { // converts every value: a bad number fails here
                    throw usage("option " + e.getValue() + " is given more than once");
                }
            }
        } catch (OptionException e) {
            throw new UsageException(problem(e));
        }
        if (!set.nonOptionArguments().isEmpty()) {
            throw usage("unexpected argument '" + printable(String.valueOf(set.nonOptionArguments().get(0)))
                    + "' (every value follows its option, e.g. --results FILE)");
        }
        return set;
    }

    /** A usage error of this command: {@code "allocgate compare: " + problem}. */
    UsageException usage(String problem) {
        return new UsageException("allocgate " + command + ": " + problem);
    }

    /** The synopsis, every option with its default, and the epilogue. */
    String help() {
        StringBuilder out = new StringBuilder(synopsis).append("\n\nOptions:\n");
        List<Help> lines = new ArrayList<>(helpLines);
        lines.add(new Help("--help, -h", "show this help", ""));
        for (Help line : lines) {
            String left = "  " + line.names();
            String text = line.description() + (line.defaultText().isEmpty() ? "" : " (" + defaultLabel(line.defaultText()) + ")");
            List<String> wrapped = wrap(text, WIDTH - NAME_COLUMN);
            if (left.length() >= NAME_COLUMN - 1) {
                out.append(left).append('\n');
                left = "";
            }
            for (String w : wrapped) {
                out.append(left).append(" ".repeat(NAME_COLUMN - left.length())).append(w).append('\n');
                left = "";
            }
        }
        if (!epilogue.isEmpty()) {
            out.append('\n').append(epilogue).append('\n');
        }
        return out.toString();
    }

    private static String defaultLabel(String defaultText) {
        return defaultText.startsWith("required") || defaultText.startsWith("default") ? defaultText : "default: " + defaultText;
    }

    /** Words of {@code text} in lines of at most {@code width} characters (a longer word stands alone). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** jopt-simple's failure in this command's terms. */
    private String problem(OptionException e) {
        String option = e.options().isEmpty() ? "?" : shown(e.options().get(0));
        String kind = e.getClass().getSimpleName();
        String problem = switch (kind) {
            case "UnrecognizedOptionException" -> option.equals("--token")
                    ? "there is no --token option: the token is read from the environment only (GITHUB_TOKEN; GITLAB_TOKEN"
                    + " or CI_JOB_TOKEN), so it never shows in a process list or log"
                    : "unknown option '" + printable(option) + "' (" + command + " --help lists its options)";
            case "OptionMissingRequiredArgumentException" -> "option " + option + " needs a value";
            case "OptionArgumentConversionException" -> "option " + option + " "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            default -> "option " + option + ": " + e.getMessage();
        };
        return "allocgate " + command + ": " + problem;
    }

    /** An option as the user typed it: {@code --results}, {@code -D}. */
    private static String shown(String name) {
        return (name.length() == 1 ? "-" : "--") + name;
    }

    static String printable(String s) {
        return Text.plain(Text.shorten(s, 100));
    }

    /** Converts a value to a whole number of at least 1, with a message naming the value. */
    private static final class WholeNumber implements ValueConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new ValueConversionException("needs a whole number of at least 1, not '" + printable(value) + "'");
        }

        @Override
        public Class<? extends Long> valueType() {
            return Long.class;
        }

        @Override
        public String valuePattern() {
            return null;
        }
    }
}
