package dev.allocgate.profiler;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ends a fork JVM when the allocgate process that started it ends. allocgate keeps the fork's standard input
 * open as a pipe and never writes to it; when allocgate (Maven, the CLI) dies, even by {@code kill -9}, the
 * operating system closes the pipe's other end and the fork reads end of file here. Without this, a fork
 * orphaned by a killed build would run until its benchmark ended, and a hung benchmark forever.
 *
 * <p>A thread blocked in that read is in native code, and HotSpot's exit waits up to 300 ms for such threads
 * before it gives up on them: that was a third of a short fork's life. So when the JVM exits normally a shutdown
 * hook wakes the watch (it writes one byte into the pipe through {@code /proc/self/fd/0}) and lets it end without
 * halting; where that is not possible (no {@code /proc}, input not a pipe) the exit merely takes longer.
 */
public final class ParentWatch {

    /** The fork's exit status when its parent is gone (128 + SIGTERM, as if it had been terminated). */
    static final int EXIT_PARENT_GONE = 143;

    /** How long the shutdown hook waits for the woken watch to end. */
    static final long RELEASE_WAIT_MILLIS = 100;

    private static final Path STANDARD_INPUT = Path.of("/proc/self/fd/0");
    /** {@code S_IFMT} and {@code S_IFIFO} of a file's {@code unix:mode}. */
    private static final int FILE_TYPE = 0170000;
    private static final int FIFO = 0010000;

    private ParentWatch() {
    }

    /** Starts watching {@code System.in}; halts the JVM when it ends. */
    public static void start() {
        start(() -> Runtime.getRuntime().halt(EXIT_PARENT_GONE));
    }

    /**
     * Starts watching {@code System.in}, running {@code onParentGone} (which should halt the JVM) when it ends, and
     * releases the watch when the JVM exits of its own accord, so that the exit does not wait for it.
     */
    public static void start(Runnable onParentGone) {
        Watch watch = start(System.in, onParentGone);
        Runtime.getRuntime().addShutdownHook(new Thread(watch::releaseStandardInput, "allocgate-parent-watch-release"));
    }

    /** Starts a daemon thread that reads {@code in} to its end, discarding what comes, then runs {@code onEnd}. */
    static Watch start(InputStream in, Runnable onEnd) {
        Watch watch = new Watch();
        watch.thread = new Thread(() -> {
            byte[] discard = new byte[256];
            try {
                while (in.read(discard) >= 0) {
                    if (watch.released) {
                        return; // woken by the JVM's own exit: the parent is not gone
                    }
                }
            } catch (IOException e) {
                // a broken pipe: the parent is gone all the same
            }
            if (!watch.released) {
                onEnd.run();
            }
        }, "allocgate-parent-watch");
        watch.thread.setDaemon(true);
        watch.thread.start();
        return watch;
    }

    /** A running watch. */
    static final class Watch {
        private volatile boolean released;
        private Thread thread;

        /** Ends the watch without its {@code onEnd}: {@code wake} makes its pending read return; waits briefly. */
        void release(Runnable wake) {
            released = true;
            wake.run();
            try {
                thread.join(RELEASE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** {@link #release} of a watch of this process's standard input. */
        void releaseStandardInput() {
            release(ParentWatch::wakeStandardInput);
        }

        Thread thread() {
            return thread;
        }
    }

    /** Writes one byte into this process's standard input when it is a pipe (Linux), so that a read of it returns. */
    private static void wakeStandardInput() {
        try {
            if (((Integer) Files.getAttribute(STANDARD_INPUT, "unix:mode") & FILE_TYPE) != FIFO) {
                return; // a terminal or a file: nothing to write into
            }
            try (OutputStream pipe = new FileOutputStream(STANDARD_INPUT.toFile())) {
                pipe.write(0);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no /proc or no unix attributes: the exit waits for the blocked read, as it always did
        }
    }
}
