package dev.allocgate.core.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the base revision's benchmarks in its worktree with a command the build tool's adapter gives (for Maven, the
 * same Maven installation, settings and local repository), its output in a log file that outlives the worktree.
 */
public final class BaseBuild {
    private BaseBuild() {
    }

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added, writing its output to {@code log}.
     *
     * @throws BaseRevisionException when it cannot be started, fails or outlasts {@code timeout}: naming the ref
     *                               and the log
     */
    public static void run(BaseRevision revision, List<String> command, Path directory, Map<String, String> environment,
                           Path log, Duration timeout) throws BaseRevisionException {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new BaseRevisionException(revision.ref(), "could not start the build of the base revision "
                    + revision.ref() + " (" + revision.shortId() + ") with '" + command.get(0) + "': " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new BaseRevisionException(revision.ref(), "the build of the base revision " + revision.ref() + " ("
                        + revision.shortId() + ") did not finish within " + timeout.toSeconds() + " s; its output is in "
                        + log, log);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BaseRevisionException(revision.ref(), "interrupted while building the base revision " + revision.ref(), e);
        }
        if (process.exitValue() != 0) {
            throw new BaseRevisionException(revision.ref(), "the build of the base revision " + revision.ref() + " ("
                    + revision.shortId() + ") failed (exit code " + process.exitValue() + ")" + lastError(log)
                    + "; its output is in " + log, log);
        }
    }

    /**
     * The class path the base build wrote to {@code file}, one entry per line.
     *
     * @throws BaseRevisionException when the build wrote none (the module does not exist in the base revision, or
     *                               the build did not reach it)
     */
    public static List<Path> readClasspath(BaseRevision revision, Path file, Path log) throws BaseRevisionException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new BaseRevisionException(revision.ref(), "the build of the base revision " + revision.ref() + " ("
                        + revision.shortId() + ") wrote no class path for this module (" + file + "): does the module"
                        + " exist in " + revision.ref() + "? Its output is in " + log, log);
            }
            List<Path> entries = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Path::of).toList();
            if (entries.isEmpty()) {
                throw new BaseRevisionException(revision.ref(), "the class path of the base revision " + revision.ref()
                        + " in " + file + " is empty; its build's output is in " + log, log);
            }
            return entries;
        } catch (IOException e) {
            throw new BaseRevisionException(revision.ref(), "cannot read the base revision's class path " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The first error line of the build's log (Maven's "[ERROR] ..."), for the message; empty when none. */
    private static String lastError(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith("[ERROR]") && l.length() > 8).findFirst()
                    .map(l -> ": " + l.substring(7).strip()).orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
