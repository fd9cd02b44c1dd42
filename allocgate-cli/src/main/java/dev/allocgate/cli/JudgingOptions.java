package dev.allocgate.cli;

import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.InvalidSettingException;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.policy.CompiledBenchmarks;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.policy.PolicyException;
import dev.allocgate.core.policy.PolicyRule;
import dev.allocgate.core.policy.RulesFile;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every judging command ({@code compare}, {@code check-results}, {@code record}, {@code merge}) reads besides its
 * files: the settings ({@code --settings FILE}, {@code -Dallocgate.NAME=VALUE} and the options that name a setting),
 * resolved by gate-core's {@link GateConfiguration}, and the rules ({@code --rules FILE}), read and checked by
 * gate-core's {@link RulesFile} and {@link Policy}, as the Maven goals read theirs.
 */
final class JudgingOptions {

    private final CommandLine line;
    private final OptionSpec<String> settingsFile;
    private final OptionSpec<String> rulesFile;
    private final OptionSpec<String> definitions;
    /** Options that set a property, with the property. */
    private final Map<OptionSpec<String>, String> properties = new LinkedHashMap<>();
    /** Flags that set a property to true, with the property. */
    private final Map<OptionSpec<Void>, String> flags = new LinkedHashMap<>();
    /** Properties an option of this command sets, which the settings list of the help leaves out. */
    private final Set<String> asOptions;

    /**
     * Declares {@code --settings}, {@code --rules} and {@code -D} on {@code line}; {@code asOptions} are the properties
     * the command has options for.
     */
    JudgingOptions(CommandLine line, Set<String> asOptions) {
        this.line = line;
        this.asOptions = asOptions;
        this.rulesFile = line.value("rules", "FILE", "per-benchmark rules, a JSON file of the pom's <rules> (README,"
                + " \"Rules from a file\"); a rule that matches no benchmark of the results, or a negative threshold, is an"
                + " error before anything is judged", "none");
        this.settingsFile = line.value("settings", "FILE", "allocgate.* settings from a properties file (options and -D"
                + " win)", "none");
        this.definitions = line.definitions("-Dallocgate.NAME=VALUE", "a setting below, e.g. -Dallocgate.thresholdBytes=8",
                "each setting's default, below");
    }

    /** Registers an option that sets {@code property}. */
    OptionSpec<String> property(OptionSpec<String> option, String property) {
        properties.put(option, property);
        return option;
    }

    /** Registers a flag that sets {@code property} to true. */
    void flag(OptionSpec<Void> flag, String property) {
        flags.put(flag, property);
    }

    /** The settings list for the help: every judging setting not given by an option, with its default. */
    static String settingsHelp(Set<String> asOptions) {
        StringBuilder out = new StringBuilder("Settings (-Dallocgate.NAME=VALUE, or NAME=VALUE lines in the --settings"
                + " file), as the Maven goals' parameters:\n");
        for (GateConfiguration.Setting s : GateConfiguration.SETTINGS) {
            if (asOptions.contains(s.property())) {
                continue;
            }
            String name = "  " + s.property();
            String text = s.description() + " (default: " + (s.defaultValue() == null || s.defaultValue().isEmpty()
                    ? "none" : s.defaultValue()) + ")";
            List<String> lines = CommandLine.wrap(text, 112 - 40);
            out.append(name).append(" ".repeat(Math.max(1, 40 - name.length()))).append(lines.get(0)).append('\n');
            lines.subList(1, lines.size()).forEach(l -> out.append(" ".repeat(40)).append(l).append('\n'));
        }
        return out.toString();
    }

    /** The settings list of this command's help. */
    String settingsHelp() {
        return settingsHelp(asOptions);
    }

    /**
     * The settings: the {@code --settings} file's, then {@code -D}'s and the options' (a property given by both a
     * {@code -D} and an option is an error), resolved by gate-core.
     *
     * @throws CommandLine.UsageException naming the option, the setting or the file
     */
    GateConfiguration configuration(OptionSet set) throws CommandLine.UsageException {
        Map<String, String> given = new HashMap<>();
        for (String definition : set.valuesOf(definitions)) {
            int eq = definition.indexOf('=');
            if (eq < 0) {
                throw line.usage("-D" + CommandLine.printable(definition) + " needs a value: -Dallocgate.NAME=VALUE");
            }
            String name = definition.substring(0, eq);
            if (!name.startsWith("allocgate.")) {
                throw line.usage("only allocgate.* settings can be given with -D, not " + CommandLine.printable(name));
            }
            if (given.put(name, definition.substring(eq + 1)) != null) {
                throw line.usage("-D" + CommandLine.printable(name) + " is given more than once");
            }
        }
        for (Map.Entry<OptionSpec<String>, String> e : properties.entrySet()) {
            if (set.has(e.getKey()) && given.put(e.getValue(), set.valueOf(e.getKey())) != null) {
                throw line.usage("--" + e.getKey().options().get(0) + " and -D" + e.getValue() + " set the same setting");
            }
        }
        for (Map.Entry<OptionSpec<Void>, String> e : flags.entrySet()) {
            if (set.has(e.getKey()) && given.put(e.getValue(), "true") != null) {
                throw line.usage("--" + e.getKey().options().get(0) + " and -D" + e.getValue() + " set the same setting");
            }
        }
        Map<String, String> values = new HashMap<>();
        if (set.has(settingsFile)) {
            values.putAll(properties(Path.of(set.valueOf(settingsFile))));
        }
        values.putAll(given);
        try {
            return GateConfiguration.of(values);
        } catch (InvalidSettingException e) {
            throw line.usage(e.getMessage());
        }
    }

    /** The {@code --rules} file as given, {@code null} without one. */
    String rulesArgument(OptionSet set) {
        return set.valueOf(rulesFile);
    }

    /**
     * The rules of the {@code --rules} file checked against the benchmarks of the input ({@code keys}, found
     * {@code origin}): {@link Policy#NONE} without a file.
     *
     * @throws CommandLine.UsageException naming the file and every rule that cannot apply
     */
    Policy policy(OptionSet set, Collection<BenchmarkKey> keys, String origin) throws CommandLine.UsageException {
        if (!set.has(rulesFile)) {
            return Policy.NONE;
        }
        Path file = Path.of(set.valueOf(rulesFile));
        try {
            List<PolicyRule> rules = RulesFile.read(file);
            return Policy.of(rules, CompiledBenchmarks.measured(keys, origin));
        } catch (PolicyException e) {
            throw line.usage("the rules cannot be applied, so nothing was judged:\n  - " + e.problems().stream()
                    .map(p -> p.startsWith("rules file") ? p : "rules file " + file + ": " + p)
                    .map(dev.allocgate.core.report.Text::plain).collect(Collectors.joining("\n  - ")));
        }
    }

    /**
     * The benchmarks to judge: the configuration's include and exclude, and what {@code policy}'s ignore rules leave
     * out of {@code names}.
     */
    static BenchmarkFilter filter(GateConfiguration c, Policy policy, Collection<String> names) {
        List<String> excludes = new ArrayList<>(c.list(GateConfiguration.EXCLUDE));
        excludes.addAll(policy.ignoredRegexes(names));
        return new BenchmarkFilter(c.list(GateConfiguration.INCLUDE), excludes);
    }

    private Map<String, String> properties(Path file) throws CommandLine.UsageException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw line.usage("cannot read the settings file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }
}
