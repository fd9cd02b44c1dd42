package dev.allocgate.core.run;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Kills a forked benchmark JVM that has printed nothing for longer than the hang timeout.
 *
 * <p>JMH 1.37 cannot stop a benchmark call that never returns: with synchronized iterations (the default) its
 * iteration timeout ({@code -to}) is only looked at after every worker has left the benchmark method, so a hung
 * call blocks the fork, and the whole run, forever. Killing the fork instead makes the JMH host print
 * {@code <forked VM failed with exit code 137>}, record the benchmark as failed and go on with the next one, so the
 * other benchmarks still get results. The JMH host itself is never killed here (the run's overall timeout does
 * that). Every line of output counts as progress: JMH prints at least one per iteration.
 */
final class HangWatchdog {
    private final Duration hangTimeout;
    private final LongSupplier nanoClock;
    private final Consumer<String> onKill;
    private volatile long lastActivity;

    /**
     * @param hangTimeout how long a fork may stay silent
     * @param onKill      told, before the kill, why the current benchmark's fork is being killed
     */
    HangWatchdog(Duration hangTimeout, Consumer<String> onKill) {
        this(hangTimeout, onKill, System::nanoTime);
    }

    HangWatchdog(Duration hangTimeout, Consumer<String> onKill, LongSupplier nanoClock) {
        this.hangTimeout = hangTimeout;
        this.onKill = onKill;
        this.nanoClock = nanoClock;
        this.lastActivity = nanoClock.getAsLong();
    }

    /** The JMH host printed a line. Called on the output reader thread. */
    void activity() {
        lastActivity = nanoClock.getAsLong();
    }

    /**
     * Kills the host's forks, with their own descendants, when nothing was printed for longer than the hang
     * timeout; the silence then counts from now again, for the next fork. Does nothing while the host has no fork.
     */
    void check(ProcessHandle host) {
        if (nanoClock.getAsLong() - lastActivity > hangTimeout.toNanos()) {
            killSilent(host.children().filter(ProcessHandle::isAlive).toList());
        }
    }

    /**
     * As {@link #check}, for a benchmark JVM that allocgate started itself (no JMH host between): kills {@code fork}
     * and its descendants when it printed nothing for longer than the hang timeout.
     */
    void checkFork(ProcessHandle fork) {
        if (nanoClock.getAsLong() - lastActivity > hangTimeout.toNanos() && fork.isAlive()) {
            killSilent(List.of(fork));
        }
    }

    private void killSilent(List<ProcessHandle> forks) {
        if (forks.isEmpty()) {
            return;
        }
        onKill.accept("no output for " + describe(hangTimeout) + " (hang timeout): the benchmark hung, its forked VM"
                + (forks.size() == 1 ? " (pid " + forks.get(0).pid() + ")" : "s") + " killed by allocgate");
        for (ProcessHandle fork : forks) {
            fork.descendants().forEach(ProcessHandle::destroyForcibly);
            fork.destroyForcibly();
        }
        lastActivity = nanoClock.getAsLong();
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
