package dev.allocgate.core.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code git} commands in a directory; short commands only (rev-parse, worktree), never a shell. */
final class Git {
    private static final long TIMEOUT_SECONDS = 120;
    private final String executable;

    Git(String executable) {
        this.executable = executable;
    }

    /** What a git command printed (stdout and stderr together) and its exit code. */
    record Output(int exitCode, String text) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code git args...} in {@code directory}.
     *
     * @throws IOException when git cannot be started (not installed, not on the PATH)
     */
    Output run(Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("`git " + String.join(" ", args) + "` did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
