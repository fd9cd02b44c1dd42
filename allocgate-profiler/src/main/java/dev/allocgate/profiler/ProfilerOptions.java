package dev.allocgate.profiler;

/**
 * Why allocgate's JMH profilers have a constructor that takes JMH's option string, and what they do with it. JMH looks
 * for that constructor first, in every run; where a profiler has none, the JDK builds the message of a
 * {@code NoSuchMethodException}, on JDK 21 and later with a stream. allocgate's forks start a JMH run per warmup
 * round, so that stream would run while the JIT profiles the benchmark's code ({@code ForkMain}'s class comment).
 */
final class ProfilerOptions {
    private ProfilerOptions() {
    }

    /**
     * Accepts JMH's option string of a profiler that takes none: empty.
     *
     * @throws IllegalArgumentException when options were given
     */
    static void requireNone(String options, Class<?> profiler) {
        if (options != null && !options.isBlank()) {
            throw new IllegalArgumentException(profiler.getSimpleName() + " takes no options, but was given \""
                    + options + "\"; name it without a colon and options (-prof " + profiler.getName() + ")");
        }
    }
}
