package dev.allocgate.core.workflow;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.MissingEnvironmentBaselinesException;
import dev.allocgate.core.baseline.BaselineSet;
import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.env.JvmArgsFlags;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.EnvironmentKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.shard.MergedShards;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Baselines side by side per JVM environment: {@code <root>/jdk17/}, {@code <root>/jdk25-compact-headers/}, each
 * named by {@link EnvironmentKey#directoryName()}, each a baseline directory of its own ({@link BaselineStore}).
 * The directory of a run is chosen by the environment of its benchmark JVM, so {@code record} on one JVM never
 * touches another's baselines.
 *
 * <p>A root that holds baseline files itself ({@code <root>/*.json}, the layout before per-environment
 * directories) keeps working as the baselines of the environment they were recorded on: {@code check} and
 * {@code record} on that environment use them as they are. A {@code record} on another environment writes
 * {@code <root>/<environment>/} beside them and leaves them untouched; a {@code check} on another environment
 * compares with them and reports ENVIRONMENT_MISMATCH as before, unless that environment's directory exists.
 */
public final class EnvironmentBaselines {

    /** What a run does with the baselines it is given. */
    public enum Purpose {
        /** Compare with them ({@code check}): none for this environment while others exist is an error. */
        CHECK,
        /** Write them ({@code record}): the environment's own directory is created when needed. */
        RECORD,
        /** Compare, the failure already decided by the caller (report every benchmark NEW instead). */
        CHECK_ALLOW_MISSING
    }

    /** The chosen baseline directory and whether it is a legacy flat root. */
    public record Choice(BaselineStore store, String environment, boolean flat) {
    }

    private EnvironmentBaselines() {
    }

    /**
     * The baselines of {@code environment} (the benchmark JVM's fingerprint, as the environment probe reads it)
     * under {@code root}.
     *
     * @throws MissingEnvironmentBaselinesException for {@link Purpose#CHECK} when {@code root} has baselines for
     *                                              other environments only
     * @throws InvalidBaselineException             if flat baseline files in {@code root} cannot be read
     */
    public static Choice choose(Path root, Environment environment, Purpose purpose)
            throws MissingEnvironmentBaselinesException, InvalidBaselineException {
        EnvironmentKey key = EnvironmentKey.of(environment);
        String name = key.directoryName();
        Path own = root.resolve(name);
        if (Files.isDirectory(own)) {
            return new Choice(new BaselineStore(own), name, false);
        }
        BaselineStore flat = new BaselineStore(root);
        if (hasFlatFiles(root)) {
            BaselineSet legacy = flat.load();
            if (purpose != Purpose.RECORD || recordedOn(legacy, key)) {
                return new Choice(flat, name, true);
            }
            return new Choice(new BaselineStore(own), name, false);
        }
        List<String> others = environments(root);
        if (purpose == Purpose.CHECK && !others.isEmpty()) {
            throw new MissingEnvironmentBaselinesException(root, name, others);
        }
        return new Choice(new BaselineStore(own), name, false);
    }

    /**
     * The baselines to judge merged shards with: those of the environment the shards measured on (the first
     * measurement's; every shard of one run uses one JVM).
     */
    public static Choice forShards(Path root, MergedShards shards, Purpose purpose)
            throws MissingEnvironmentBaselinesException, InvalidBaselineException {
        Environment environment = shards.measurements().isEmpty() ? Environment.UNKNOWN
                : shards.measurements().get(0).environment();
        return choose(root, environment, purpose);
    }

    /**
     * The per-environment directories under {@code root} consistent with {@code results} (whose fingerprint may
     * lack fields, as a JMH results file's does): for {@code compare}, which probes no JVM.
     */
    public static List<String> candidates(Path root, List<Measurement> results) {
        List<String> out = new ArrayList<>();
        EnvironmentKey key = results.isEmpty() ? null : EnvironmentKey.of(results.get(0).environment());
        for (String name : environments(root)) {
            BaselineSet set;
            try {
                set = new BaselineStore(root.resolve(name)).load();
            } catch (InvalidBaselineException e) {
                out.add(name); // cannot tell; loading it later reports the error
                continue;
            }
            if (key == null || set.entries().isEmpty() || recordedOn(set, key)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The baselines to compare an existing JMH results file with ({@code compare}, which probes no JVM): the root
     * itself when it holds baseline files or no per-environment directory, else the one environment directory
     * consistent with what the file tells of its JVM (the JDK release and the layout flags its {@code jvmArgs} set).
     *
     * @throws MissingEnvironmentBaselinesException when no environment directory fits
     * @throws IllegalArgumentException             when several fit: the file cannot tell which
     * @throws InvalidResultsException              if the results cannot be read
     */
    public static BaselineStore forResults(Path root, Path results)
            throws MissingEnvironmentBaselinesException, InvalidResultsException {
        List<String> environments = environments(root);
        if (hasFlatFiles(root) || environments.isEmpty()) {
            return new BaselineStore(root);
        }
        List<Measurement> measured = new JmhResultReader().read(results).stream()
                .map(m -> new Measurement(m.key(), m.metrics(), m.opsPerIteration(), JvmArgsFlags.complete(m.environment())))
                .toList();
        List<String> fitting = candidates(root, measured);
        if (fitting.size() == 1) {
            return new BaselineStore(root.resolve(fitting.get(0)));
        }
        String name = measured.isEmpty() ? "unknown" : EnvironmentKey.of(measured.get(0).environment()).directoryName();
        if (fitting.isEmpty()) {
            throw new MissingEnvironmentBaselinesException(root, name, environments);
        }
        throw new IllegalArgumentException(results + " does not tell which of the baselines' environments "
                + String.join(", ", fitting) + " it ran on (a JMH results file carries the JDK version and the JVM"
                + " arguments, not the object layout): give -Dallocgate.baselines=" + root.resolve(fitting.get(0))
                + " or another of them");
    }

    /** Whether the root holds baseline files itself (the flat layout). */
    public static boolean hasFlatFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.json")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            return true; // let loading it report the error
        }
    }

    /** The per-environment directories under {@code root}, sorted by name. */
    public static List<String> environments(Path root) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, p -> Files.isDirectory(p)
                && EnvironmentKey.looksLikeDirectoryName(p.getFileName().toString()))) {
            dirs.forEach(d -> out.add(d.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** Whether every entry of {@code set} was recorded on an environment consistent with {@code key}. */
    private static boolean recordedOn(BaselineSet set, EnvironmentKey key) {
        return set.entries().values().stream().allMatch(m -> EnvironmentKey.of(m.environment()).consistentWith(key));
    }
}
