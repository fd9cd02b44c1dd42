package dev.allocgate.profiler;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a fork JVM when the allocgate process that started it ends. allocgate keeps the fork's standard input
 * open as a pipe and never writes to it; when allocgate (Maven, the CLI) dies, even by {@code kill -9}, the
 * operating system closes the pipe's other end and the fork reads end of file here. Without this, a fork
 * orphaned by a killed build would run until its benchmark ended, and a hung benchmark forever.
 */
public final class ParentWatch {

    /** The fork's exit status when its parent is gone (128 + SIGTERM, as if it had been terminated). */
    static final int EXIT_PARENT_GONE = 143;

    private ParentWatch() {
    }

    /** Starts watching {@code System.in}; halts the JVM when it ends. */
    public static void start() {
        start(System.in, () -> Runtime.getRuntime().halt(EXIT_PARENT_GONE));
    }

    /** Starts a daemon thread that reads {@code in} to its end, discarding what comes, then runs {@code onEnd}. */
    static Thread start(InputStream in, Runnable onEnd) {
        Thread watch = new Thread(() -> {
            byte[] discard = new byte[256];
            try {
                while (in.read(discard) >= 0) {
                    // allocgate writes nothing; anything that comes is ignored
                }
            } catch (IOException e) {
                // a broken pipe: the parent is gone all the same
            }
            onEnd.run();
        }, "allocgate-parent-watch");
        watch.setDaemon(true);
        watch.start();
        return watch;
    }
}
