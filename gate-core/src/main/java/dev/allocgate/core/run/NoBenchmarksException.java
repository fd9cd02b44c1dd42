package dev.allocgate.core.run;

import dev.allocgate.core.BenchmarkRunException;
import java.util.List;

/**
 * The class path holds no JMH benchmarks at all: no {@code META-INF/BenchmarkList} (the JMH annotation
 * processor never ran over it), or an empty one. Callers usually report "no JMH benchmarks in this module"
 * and skip, rather than fail.
 */
public class NoBenchmarksException extends BenchmarkRunException {
    public NoBenchmarksException(String message) {
        super(message, List.of());
    }
}
