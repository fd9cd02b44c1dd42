package dev.allocgate.core;

import java.nio.file.Path;
import java.util.List;

/**
 * The baseline directory holds baselines for other JVM environments but none for the one this run uses, so nothing
 * could be gated: a failure, not a run in which every benchmark is NEW.
 */
public class MissingEnvironmentBaselinesException extends AllocgateException {
    private final Path root;
    private final String environment;
    private final List<String> recorded;

    /**
     * @param root        the baseline directory
     * @param environment the name of this run's environment ({@code jdk21})
     * @param recorded    the environments that have baselines
     */
    public MissingEnvironmentBaselinesException(Path root, String environment, List<String> recorded) {
        super("no baselines for this JVM (environment " + environment + ") in " + root + "; it has baselines for "
                + String.join(", ", recorded));
        this.root = root;
        this.environment = environment;
        this.recorded = List.copyOf(recorded);
    }

    public Path root() {
        return root;
    }

    public String environment() {
        return environment;
    }

    /** Where {@code record} with this JVM writes the baselines. */
    public Path directory() {
        return root.resolve(environment);
    }

    public List<String> recorded() {
        return recorded;
    }
}
