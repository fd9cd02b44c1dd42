package dev.allocgate.core.workflow;

import dev.allocgate.core.AllocgateException;

import java.nio.file.Path;

/**
 * {@code record} measured and judged every benchmark and wrote its reports, but could not write the baselines: the
 * cause says why. Carries the run's result so that the caller can still show its table.
 */
public final class BaselinesNotWrittenException extends AllocgateException {
    private final transient GateWorkflow.Result result;
    private final Path directory;

    BaselinesNotWrittenException(Path directory, GateWorkflow.Result result, Exception cause) {
        super("baselines not written to " + directory + ": " + cause.getMessage(), cause);
        this.result = result;
        this.directory = directory;
    }

    /** The run's judged results and written reports. */
    public GateWorkflow.Result result() {
        return result;
    }

    /** The baseline directory that was not written. */
    public Path directory() {
        return directory;
    }
}
