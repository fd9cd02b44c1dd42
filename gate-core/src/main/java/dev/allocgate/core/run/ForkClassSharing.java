package dev.allocgate.core.run;

import dev.allocgate.core.parallel.DaemonThreads;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A class-data-sharing (CDS) archive of the fork class path's jars (JMH, its libraries, allocgate-profiler), so that the
 * fork JVMs map those classes rather than parse and verify them: about 0.3 s of processor time per fork of a short
 * benchmark, a quarter of it (BENCHMARKS.md, "Class-data sharing for fork JVMs"). What a fork measures does not
 * change: class loading is over before the warmup ends.
 *
 * <p>The run's first fork lists the classes it loads ({@code -XX:DumpLoadedClassList}); once it has ended well, a JVM
 * of its own dumps those of them the JDK and the jars hold ({@code -Xshare:dump}), and another checks that a fork's
 * command line maps the archive ({@code -Xshare:on ... -version}); forks started after that use it. The archive stays
 * in the work directory ({@code cds/}) under a key of the {@code java} executable, its modules file, the jars (path,
 * size, time of change) and the fork's JVM arguments, so a later run of the same class path uses it from its first
 * fork.
 *
 * <p>CDS wants the dump's class path to be the start of the fork's and refuses directories in it, so a fork that uses
 * the archive has the jars first and the directories ({@code target/classes}) after them; allocgate does that only
 * when no directory holds a file that a jar holds too, whose jar copy would otherwise win. A JVM that cannot map the
 * archive it is given drops class sharing silently, on JDK 17 the JDK's own archive too, so an archive is used only
 * once checked, and only by forks with the JVM arguments it was checked with. Forks with a class-sharing option of the
 * user's own ({@code -Xshare:off}, {@code -XX:SharedArchiveFile=...}) run as asked. Whatever fails leaves the forks as
 * they were, with one line in the JMH output log.
 */
final class ForkClassSharing implements AutoCloseable {

    /** How long the dump or the check of an archive may take. */
    static final long STEP_SECONDS = 120;
    /**
     * Archives a work directory keeps, the newest: two JDKs, each with the archive of its checks' forks and that of
     * its profiling forks (whose agent options differ), may take turns in one.
     */
    static final int KEPT_KEYS = 4;
    /** Age at which another run's unfinished files count as left behind by a run that was killed. */
    static final long STALE_HOURS = 1;
    /** Fewest benchmark runs for which a run makes an archive: a smaller one would wait for it more than it gains. */
    static final int MIN_RUNS_TO_MAKE = 4;

    /** User JVM arguments that choose class sharing themselves. */
    private static final List<String> USER_SHARING_OPTIONS = List.of("-Xshare:", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive", "-XX:DumpLoadedClassList",
            "-XX:SharedClassListFile", "-XX:AOTCache", "-XX:AOTMode", "-XX:AOTConfiguration");

    /** How one fork starts: JVM arguments to add (before the class path) and the class path. */
    record Launch(List<String> jvmArgs, List<Path> classpath, Optional<String> classListKey) {
        static Launch plain(List<Path> classpath) {
            return new Launch(List.of(), classpath, Optional.empty());
        }
    }

    private final Path java;
    private final List<Path> classpath;
    private final Path directory;
    private final Consumer<String> log;
    private final Executor background;
    /** Why the run's forks cannot share an archive, or null when they can. */
    private final String refusal;
    private final List<Path> jars;
    private final List<Path> reordered;
    /** Archives checked for forks with these JVM arguments, by the arguments. */
    private final Map<List<String>, Path> ready = new HashMap<>();
    /** Whether this run may still make an archive: one per run at most, and only for {@link #MIN_RUNS_TO_MAKE} runs. */
    private boolean mayMake;
    private volatile Process step;
    /** Names this run's unfinished files: two runs in one work directory may make the same archive at once. */
    private final String runId = Long.toHexString(ProcessHandle.current().pid()) + "-"
            + Long.toHexString(System.nanoTime());
    private volatile boolean closed;

    /**
     * @param enabled whether the forks may share an archive: class-data sharing is on and their VM is HotSpot's
     * @param runs    the benchmark runs of this run (see {@link #MIN_RUNS_TO_MAKE})
     * @param log     where a line about the archive goes (the JMH output log)
     */
    ForkClassSharing(Path java, List<Path> classpath, Path workDirectory, boolean enabled, int runs,
            Consumer<String> log) {
        this(java, classpath, workDirectory, enabled, runs, log, DaemonThreads.named("allocgate-class-sharing"));
    }

    ForkClassSharing(Path java, List<Path> classpath, Path workDirectory, boolean enabled, int runs,
            Consumer<String> log, Executor background) {
        this.mayMake = runs >= MIN_RUNS_TO_MAKE;
        this.java = java;
        this.classpath = List.copyOf(classpath);
        this.directory = workDirectory.resolve("cds");
        this.log = log;
        this.background = background;
        this.jars = classpath.stream().filter(Files::isRegularFile).toList();
        List<Path> rest = classpath.stream().filter(p -> !Files.isRegularFile(p)).toList();
        List<Path> order = new ArrayList<>(jars);
        order.addAll(rest);
        this.reordered = List.copyOf(order);
        this.refusal = !enabled ? "off, or the forks' VM is not HotSpot"
                : jars.isEmpty() ? "the class path has no jars"
                : shadowed(classpath).map(s -> s + " is both in a directory and in a jar of the class path, and the"
                        + " jars would come first").orElse(null);
        if (refusal != null && enabled) {
            log.accept("allocgate: class-data sharing: the forks run without an archive: " + refusal);
        }
    }

    /**
     * How the next fork starts.
     *
     * @param userArgs the user's JVM arguments for it
     * @param forkArgs all its JVM arguments (those before the class path)
     */
    synchronized Launch launch(List<String> userArgs, List<String> forkArgs) {
        if (refusal != null || userArgs.stream().anyMatch(ForkClassSharing::choosesSharing)) {
            return Launch.plain(classpath);
        }
        List<String> args = List.copyOf(forkArgs);
        if (!ready.containsKey(args)) {
            String key = key(args);
            Path kept = directory.resolve(key + ".jsa");
            ready.put(args, Files.isRegularFile(kept) ? kept : null); // a kept one was checked by the run that made it
            if (ready.get(args) == null && mayMake && !Files.exists(refused(key))) {
                mayMake = false;
                if (Files.isRegularFile(classList(key))) { // listed by an earlier run, which ended before the dump did
                    background.execute(() -> make(key, args));
                } else {
                    try {
                        Files.createDirectories(directory);
                        return new Launch(List.of("-XX:DumpLoadedClassList=" + partialClassList(key)), classpath,
                                Optional.of(key));
                    } catch (IOException e) {
                        log.accept("allocgate: class-data sharing: cannot create " + directory + ": " + e);
                    }
                }
            }
        }
        Path archive = ready.get(args);
        return archive == null ? Launch.plain(classpath)
                : new Launch(List.of("-XX:SharedArchiveFile=" + archive), reordered, Optional.empty());
    }

    /**
     * Tells that a fork started as {@code launch} with {@code forkArgs} ended, well or not; after the fork that listed
     * its classes, makes and checks the archive in the background.
     */
    void ended(Launch launch, List<String> forkArgs, boolean succeeded) {
        if (launch.classListKey().isEmpty()) {
            return;
        }
        String key = launch.classListKey().get();
        try {
            if (!succeeded || !Files.isRegularFile(partialClassList(key))) {
                Files.deleteIfExists(partialClassList(key));
                log.accept("allocgate: class-data sharing: no archive this run: the fork that listed its classes failed");
                return;
            }
            Files.move(partialClassList(key), classList(key), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.accept("allocgate: class-data sharing: no archive this run: " + e);
            return;
        }
        if (!closed) {
            background.execute(() -> make(key, List.copyOf(forkArgs)));
        }
    }

    /** Dumps the archive of {@code key}, checks it with {@code forkArgs}, and keeps it (or the reason it failed). */
    private void make(String key, List<String> forkArgs) {
        Path list = classList(key);
        Path dumped = directory.resolve(key + ".jsa." + runId + ".tmp");
        Path output = directory.resolve(key + ".log");
        String jarPath = ForkCommand.classpath(jars);
        String reorderedPath = ForkCommand.classpath(reordered);
        try {
            List<String> dump = List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + dumped, "-cp", jarPath);
            String failure = run(dump, output);
            Path stepOutput = output; // the failed step's, in the message
            if (failure == null) {
                stepOutput = directory.resolve(key + ".check.log");
                List<String> check = new ArrayList<>();
                check.add(java.toString());
                check.addAll(forkArgs);
                check.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + dumped, "-cp", reorderedPath, "-version"));
                failure = run(check, stepOutput);
            }
            if (closed) {
                return;
            }
            if (failure != null) {
                Files.writeString(refused(key), failure + System.lineSeparator(), StandardCharsets.UTF_8);
                log.accept("allocgate: class-data sharing: the forks run without an archive: " + failure + " (see "
                        + stepOutput + "; deleting " + refused(key) + " tries again)");
                return;
            }
            Path archive = directory.resolve(key + ".jsa");
            Files.move(dumped, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            removeOtherArchives(key);
            synchronized (this) {
                ready.put(forkArgs, archive);
            }
            log.accept("allocgate: class-data sharing: forks started from now on map " + archive);
        } catch (IOException | RuntimeException e) {
            log.accept("allocgate: class-data sharing: the forks run without an archive: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(dumped);
            } catch (IOException e) {
                // left for the next run's clean-up
            }
        }
    }

    /** Runs one step, its output into {@code output}; null when it exited with 0, else what went wrong. */
    private String run(List<String> command, Path output) throws IOException, InterruptedException {
        if (closed) {
            return "the run ended";
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        step = process;
        if (closed) { // close() may have looked before this process was there
            process.destroyForcibly();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "`" + command.get(1) + "` took more than " + STEP_SECONDS + " s";
            }
            int exit = process.exitValue();
            return exit == 0 ? null : "`" + String.join(" ", command.subList(1, Math.min(3, command.size())))
                    + " ...` exited with " + exit;
        } finally {
            step = null;
        }
    }

    /**
     * Deletes what this directory holds for keys other than the {@link #KEPT_KEYS} newest archives' (this one among
     * them), but not the unfinished files of a run under way unless they are {@link #STALE_HOURS} old.
     */
    private void removeOtherArchives(String key) throws IOException {
        FileTime stale = FileTime.from(Instant.now().minus(Duration.ofHours(STALE_HOURS)));
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.toList();
        }
        Set<String> kept = new HashSet<>(Set.of(key));
        files.stream().filter(f -> f.getFileName().toString().endsWith(".jsa"))
                .sorted(Comparator.comparing(ForkClassSharing::lastModified).reversed())
                .map(f -> keyOf(f.getFileName().toString()))
                .filter(k -> !k.equals(key)).limit(KEPT_KEYS - 1).forEach(kept::add);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!kept.contains(keyOf(name)) && (!name.endsWith(".tmp") || lastModified(file).compareTo(stale) < 0)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The key a file of this directory belongs to: its name up to the first dot. */
    private static String keyOf(String fileName) {
        int dot = fileName.indexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Path classList(String key) {
        return directory.resolve(key + ".classlist");
    }

    /** The class list while its fork runs: complete only once the fork has ended well. */
    private Path partialClassList(String key) {
        return directory.resolve(key + ".classlist." + runId + ".tmp");
    }

    /** Where the reason is kept that the archive of {@code key} could not be made or mapped: it is not tried again. */
    private Path refused(String key) {
        return directory.resolve(key + ".refused");
    }

    /**
     * Stops a dump or check under way: a CI job's workspace would not keep it, and a later run of the same class path
     * dumps from the class list this run kept, from its start.
     */
    @Override
    public void close() {
        closed = true;
        Process running = step;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /** Whether a user JVM argument chooses class sharing itself. */
    static boolean choosesSharing(String arg) {
        return USER_SHARING_OPTIONS.stream().anyMatch(arg::startsWith);
    }

    /**
     * The archive's key: the {@code java} executable and its modules file, the jars (path, size and time of change)
     * and the fork JVM arguments; any change makes another archive.
     */
    String key(List<String> forkArgs) {
        StringBuilder text = new StringBuilder(java.toAbsolutePath().toString()).append('\n');
        Path home = java.toAbsolutePath().getParent() == null ? null : java.toAbsolutePath().getParent().getParent();
        text.append(stamp(home == null ? null : home.resolve("lib").resolve("modules"))).append('\n');
        for (Path jar : jars) {
            text.append(jar.toAbsolutePath()).append(' ').append(stamp(jar)).append('\n');
        }
        forkArgs.forEach(arg -> text.append(arg).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "forks-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String stamp(Path file) {
        try {
            return file == null || !Files.isRegularFile(file) ? "-"
                    : Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "-";
        }
    }

    /**
     * The first file (a path inside the class path entry, with {@code /}) that a directory of {@code classpath} and
     * one of its jars both hold, the manifest aside; empty when there is none.
     */
    static Optional<String> shadowed(List<Path> classpath) {
        Set<String> inDirectories = new HashSet<>();
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    files.filter(Files::isRegularFile)
                            .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/'))
                            .forEach(inDirectories::add);
                } catch (IOException | UncheckedIOException e) {
                    return Optional.of(entry + " (unreadable: " + e.getMessage() + ")");
                }
            }
        }
        inDirectories.remove("META-INF/MANIFEST.MF");
        if (inDirectories.isEmpty()) {
            return Optional.empty();
        }
        for (Path entry : classpath) {
            if (!Files.isRegularFile(entry)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry file = e.nextElement();
                    if (!file.isDirectory() && inDirectories.contains(file.getName())) {
                        return Optional.of(file.getName() + " (" + entry.getFileName() + ")");
                    }
                }
            } catch (IOException e) {
                return Optional.of(entry + " (not a readable jar: " + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }
}
