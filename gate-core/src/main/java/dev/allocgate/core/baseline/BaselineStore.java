package dev.allocgate.core.baseline;

import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.Commands;
import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The committed baselines of a project: a directory with one canonical JSON file per benchmark class,
 * so that two branches updating different classes never touch the same file.
 *
 * <p>Format (schema version 1; 2 when an entry holds a {@code profile}, 3 when one holds a {@code forkSeconds}, 4 when
 * one's {@code bytesFrom} is {@code benchmarkThreadsNet}),
 * written by {@code BaselineWriter} in exactly this layout:
 * <pre>{@code
 * {
 *   "schemaVersion" : 3,
 *   "benchmarkClass" : "dev.allocgate.samples.Foo",
 *   "benchmarks" : [ {
 *     "benchmark" : "dev.allocgate.samples.Foo.bar",
 *     "mode" : "avgt",
 *     "params" : {
 *       "size" : "16"
 *     },
 *     "opsPerIteration" : 123456.0,
 *     "bytesFrom" : "benchmarkThreads",
 *     "forkSeconds" : 2.4,
 *     "environment" : {
 *       "jdkVersion" : "17.0.15",
 *       "gc" : "G1GC",
 *       "compressedOops" : true,
 *       "jvmArgs" : [ "-Xmx1g" ]
 *     },
 *     "metrics" : {
 *       "bytesPerOp" : {
 *         "samples" : [ 16.0, 16.0, 16.0 ],
 *         "median" : 16.0
 *       }
 *     }
 *   } ]
 * }
 * }</pre>
 * Entries are sorted by {@link BenchmarkKey}, params by name, metrics in {@code Metric} order; the
 * environment lists its known fields in record order and omits unknown ({@code null}) ones, and is
 * omitted entirely when nothing is known; {@code opsPerIteration} (each benchmark thread's operations over which
 * JMH's per-iteration share spreads in the figures, see {@code Measurement#opsPerIteration}; the fewest of any
 * iteration, or all threads', in files earlier versions recorded) is omitted when unknown (NaN); {@code bytesFrom}
 * is {@code benchmarkThreads} when bytes/op counts the benchmark's own threads only (allocgate's worker-bytes
 * profiler), {@code benchmarkThreadsNet} when it counts them without what they allocate per iteration whatever its
 * length (JMH's share, an iteration set-up; see {@code Measurement.BytesCounted}), and omitted when it counts every
 * thread (JMH's GC profiler); {@code forkSeconds} is what the entry cost
 * to measure (see {@link ForkSeconds}), omitted when not recorded. Samples
 * are the per-fork values; {@code median} is derived from them for the reviewer and checked on reading.
 * Doubles are rounded half-even to 4 decimals and written as plain decimals (no exponent). Two-space
 * indentation, LF line endings, a trailing newline, UTF-8 without BOM: the same data always gives the
 * same bytes.
 *
 * <p>Reading is strict (fail closed): any file that is not exactly valid, including unknown fields,
 * unknown metrics, a different schema version or a file name that does not match its class, is an
 * {@link InvalidBaselineException} naming the file and the place. A corrupt baseline is never treated as
 * empty and never overwritten: {@link #update} reads the existing files first and fails on the same errors.
 *
 * <p><b>Crashes and concurrency.</b> Each file is replaced atomically (temporary file, forced to disk, renamed), so
 * a reader, or a writer killed at any moment, leaves every file either old or new, never torn; an update touching
 * several class files is not one transaction, so a crash may leave some files new and others old. Updates take an
 * exclusive lock on the directory (an OS file lock on a file in {@code java.io.tmpdir} named after the directory, so
 * nothing extra appears in the repository; other processes sharing that temporary directory and other threads wait up
 * to {@link #LOCK_TIMEOUT}) and read, merge and write under it, so two updates at once never lose each other's
 * entries: the second one merges into what the first wrote. Temporary files that
 * a killed writer left behind never load (they do not end in {@code .json}) and are deleted by the next update.
 * Readers ({@link #load}) take no lock.
 *
 * <p>Two {@code record} runs at once: each should pass the {@link BaselineSet} it compared against to
 * {@link #update(BaselineSet, Collection, Predicate)}. When they record different benchmarks (different classes,
 * or different benchmarks of one class) both land. When both record the same entry, the first to take the lock
 * wins whole, and the other fails with a {@link BaselineConflictException} that names the entries and files and
 * writes nothing; running it again then compares with the winner's entries. No interleaving loses an update or
 * mixes two runs' entries for one benchmark.
 */
public final class BaselineStore {

    /** Entry field saying whose allocation bytes/op counts; omitted for every thread (also in shard files). */
    public static final String BYTES_FROM = "bytesFrom";
    /** {@link #BYTES_FROM}'s value when bytes/op counts the benchmark's own threads only. */
    static final String BENCHMARK_THREADS = "benchmarkThreads";
    /**
     * {@link #BYTES_FROM}'s value when bytes/op counts the benchmark's own threads without what they allocate per
     * iteration ({@link Measurement.BytesCounted#BENCHMARK_THREADS_NET}).
     */
    static final String BENCHMARK_THREADS_NET = "benchmarkThreadsNet";

    /** {@link #BYTES_FROM}'s value for {@code counted}; null for every thread (the field is omitted). */
    public static String bytesFrom(Measurement.BytesCounted counted) {
        return switch (counted) {
            case ALL_THREADS -> null;
            case BENCHMARK_THREADS -> BENCHMARK_THREADS;
            case BENCHMARK_THREADS_NET -> BENCHMARK_THREADS_NET;
        };
    }

    /** What {@link #BYTES_FROM}'s value {@code text} says; null for a value this version does not know. */
    public static Measurement.BytesCounted bytesCounted(String text) {
        return BENCHMARK_THREADS.equals(text) ? Measurement.BytesCounted.BENCHMARK_THREADS
                : BENCHMARK_THREADS_NET.equals(text) ? Measurement.BytesCounted.BENCHMARK_THREADS_NET : null;
    }
    /** Entry field holding what the entry cost to measure (see {@link ForkSeconds}); omitted when not recorded. */
    static final String FORK_SECONDS = "forkSeconds";

    /** How long an update waits for another writer's lock on the directory before it fails. */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Commands commands;

    /** The baselines in {@code directory}, of a Maven run: its messages name the Maven goals. */
    public BaselineStore(Path directory) {
        this(directory, Commands.MAVEN);
    }

    /** The baselines in {@code directory}; its messages name the {@code commands} of the run's front end. */
    public BaselineStore(Path directory, Commands commands) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /** The baseline directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Fails unless {@code update} could create files in the directory (or, when it does not exist yet, in its nearest
     * existing parent): a read-only checkout is found before the benchmarks run, not after.
     *
     * @throws BaselineDirectoryNotWritableException naming the directory that does not allow writing
     */
    public void requireWritable() throws BaselineDirectoryNotWritableException {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !(Files.isDirectory(existing) && Files.isWritable(existing))) {
            throw new BaselineDirectoryNotWritableException(directory, (existing.equals(directory.toAbsolutePath())
                    ? "the directory" : "its parent " + existing) + (Files.isDirectory(existing)
                    ? " does not allow creating files (read-only?)" : " is not a directory"));
        }
    }

    /**
     * Reads every {@code *.json} file in the directory (not recursive; other files and sub-directories
     * are ignored). A missing directory gives an empty set with {@code directoryExists=false}.
     *
     * @throws InvalidBaselineException if any file cannot be read or is invalid, or the same benchmark
     *                                  key appears in two files
     */
    public BaselineSet load() throws InvalidBaselineException {
        if (!Files.exists(directory)) {
            return BaselineSet.empty(false);
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidBaselineException(directory, "", "the baseline directory is not a directory");
        }
        Map<BenchmarkKey, Measurement> entries = new TreeMap<>();
        Map<BenchmarkKey, Path> sources = new TreeMap<>();
        Map<BenchmarkKey, AllocationProfile> profiles = new TreeMap<>();
        Map<BenchmarkKey, Double> forkSeconds = new TreeMap<>();
        for (Path file : baselineFiles()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidBaselineException(file, "", "cannot read the file: " + e);
            }
            BaselineReader.ParsedFile parsed = BaselineReader.parse(file, bytes);
            profiles.putAll(parsed.profiles());
            forkSeconds.putAll(parsed.forkSeconds());
            List<Measurement> measurements = parsed.measurements();
            for (int i = 0; i < measurements.size(); i++) {
                Measurement m = measurements.get(i);
                Path other = sources.putIfAbsent(m.key(), file);
                if (other != null) {
                    throw new InvalidBaselineException(file, "/benchmarks/" + i,
                            "baseline entry for " + m.key() + " is also in " + other);
                }
                entries.put(m.key(), m);
            }
        }
        return new BaselineSet(entries, sources, true, profiles, forkSeconds);
    }

    /**
     * The {@code *.json} entries of the directory, sorted by name. Every one must be a baseline file: a
     * directory, a dangling symbolic link, a link leaving the baseline directory or anything else that is not
     * a regular file is an error, never skipped (skipping it would make its benchmarks NEW and pass).
     */
    private List<Path> baselineFiles() throws InvalidBaselineException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + BaselineFileNames.EXTENSION)) {
            for (Path file : stream) {
                files.add(file);
            }
        } catch (IOException e) {
            throw new InvalidBaselineException(directory, "", "cannot list the baseline directory: " + e);
        }
        files.sort(null);
        for (Path file : files) {
            checkBaselineEntry(file);
        }
        return files;
    }

    private void checkBaselineEntry(Path file) throws InvalidBaselineException {
        String fix = "; the baseline directory may hold only baseline files (*.json) written by `" + commands.record() + "`."
                + " Move or rename it";
        if (Files.isSymbolicLink(file)) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw new InvalidBaselineException(file, "", "is a symbolic link whose target cannot be read (it does"
                        + " not exist, or a link in its chain is broken)" + fix);
            }
            Path inside;
            try {
                inside = directory.toRealPath();
            } catch (IOException e) {
                throw new InvalidBaselineException(directory, "", "cannot resolve the baseline directory: " + e);
            }
            if (!real.getParent().equals(inside)) {
                throw new InvalidBaselineException(file, "", "is a symbolic link to a file outside the baseline directory "
                        + directory + "; allocgate reads baselines only from inside it" + fix);
            }
        }
        if (Files.isDirectory(file)) {
            throw new InvalidBaselineException(file, "", "is a directory, not a baseline file" + fix);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidBaselineException(file, "", "is not a regular file" + fix);
        }
    }

    /**
     * Records the results of a run. Every entry of {@code current} is stored (replacing an entry with
     * the same key); an existing entry whose benchmark name is accepted by {@code selected} but that is
     * absent from {@code current} is removed, because the benchmark no longer exists; all other entries
     * are kept. Only the class files whose content changes are written, each atomically; files left
     * without entries are deleted. The directory is created when needed.
     *
     * <p>All files are serialized before the first is written, so an entry that cannot be stored
     * leaves every file untouched. The existing entries are read under the directory lock, so entries that
     * another update wrote meanwhile are kept; for the entries in {@code current} the last update wins. Use
     * {@link #update(BaselineSet, Collection, Predicate)} when {@code current} was derived from earlier-read
     * baselines.
     *
     * @param current  the measurements of this run, at most one per key
     * @param selected which benchmark names (full JMH names) this run covered
     * @throws InvalidBaselineException if the existing baselines are invalid (they are never overwritten then)
     * @throws IllegalArgumentException if {@code current} holds a key twice or an entry that cannot be
     *                                  stored (see the class documentation)
     * @throws IOException              if a file cannot be written or deleted, or the lock not taken
     */
    public UpdateSummary update(Collection<Measurement> current, Predicate<String> selected)
            throws InvalidBaselineException, IOException {
        try {
            return update(Optional.empty(), current, Map.of(), Map.of(), selected);
        } catch (BaselineConflictException e) {
            throw new IllegalStateException("no conflict is possible without a basis", e);
        }
    }

    /**
     * As {@link #update(Collection, Predicate)}, but only if no entry this update replaces or removes has
     * changed since {@code basis} was {@linkplain #load() loaded} (compare and swap, under the directory lock).
     * A {@code record} passes the baselines it compared against, so that it never overwrites what another
     * {@code record} stored in the meantime; entries it does not touch may have changed and are kept as they are now.
     *
     * @param basis the baselines the caller read before deciding what to store
     * @throws BaselineConflictException when an entry this update would replace or remove differs from
     *                                   {@code basis} (added, changed or removed since); nothing is written then
     */
    public UpdateSummary update(BaselineSet basis, Collection<Measurement> current, Predicate<String> selected)
            throws InvalidBaselineException, IOException, BaselineConflictException {
        return update(Optional.of(Objects.requireNonNull(basis, "basis")), current, Map.of(), Map.of(), selected);
    }

    /**
     * As {@link #update(BaselineSet, Collection, Predicate)}, storing {@code profiles} with their entries. An entry
     * whose values are replaced without a new profile loses its old one (it would describe other code); an entry
     * stored unchanged keeps it.
     */
    public UpdateSummary update(BaselineSet basis, Collection<Measurement> current,
            Map<BenchmarkKey, AllocationProfile> profiles, Predicate<String> selected)
            throws InvalidBaselineException, IOException, BaselineConflictException {
        return update(Optional.of(Objects.requireNonNull(basis, "basis")), current, profiles, Map.of(), selected);
    }

    /**
     * As {@link #update(BaselineSet, Collection, Map, Predicate)}, storing {@code forkSeconds} (see {@link ForkSeconds})
     * with their entries. An entry stored without a new value keeps the one it has (its cost to measure does not
     * change with its values); a removed entry loses it.
     */
    public UpdateSummary update(BaselineSet basis, Collection<Measurement> current,
            Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, Double> forkSeconds,
            Predicate<String> selected) throws InvalidBaselineException, IOException, BaselineConflictException {
        return update(Optional.of(Objects.requireNonNull(basis, "basis")), current, profiles, forkSeconds, selected);
    }

    private UpdateSummary update(Optional<BaselineSet> basis, Collection<Measurement> current,
            Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, Double> forkSeconds, Predicate<String> selected)
            throws InvalidBaselineException, IOException, BaselineConflictException {
        Objects.requireNonNull(selected, "selected");
        Map<BenchmarkKey, Measurement> incoming = new TreeMap<>();
        for (Measurement m : current) {
            if (incoming.put(m.key(), m) != null) {
                throw new IllegalArgumentException("two measurements for " + m.key());
            }
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidBaselineException(directory, "", "the baseline directory is not a directory");
        }
        boolean created = !Files.exists(directory);
        Files.createDirectories(directory);
        try (DirectoryLock lock = DirectoryLock.acquire(directory, LOCK_TIMEOUT)) {
            deleteLeftoverTempFiles();
            return updateLocked(basis, incoming, profiles, forkSeconds, selected);
        } finally {
            if (created) {
                deleteIfEmpty(directory);
            }
        }
    }

    private UpdateSummary updateLocked(Optional<BaselineSet> basis, Map<BenchmarkKey, Measurement> incoming,
            Map<BenchmarkKey, AllocationProfile> profiles, Map<BenchmarkKey, Double> forkSeconds,
            Predicate<String> selected) throws InvalidBaselineException, IOException, BaselineConflictException {
        BaselineSet existing = load();
        Map<BenchmarkKey, AllocationProfile> resultProfiles = new TreeMap<>(existing.profiles());
        Map<BenchmarkKey, Double> resultSeconds = new TreeMap<>(existing.forkSeconds());

        Map<BenchmarkKey, Measurement> result = new TreeMap<>(existing.entries());
        Set<String> touchedClasses = new TreeSet<>();
        Set<BenchmarkKey> touchedKeys = new TreeSet<>(incoming.keySet());
        int added = 0;
        int updated = 0;
        int removed = 0;
        int retimed = 0;
        for (BenchmarkKey key : existing.entries().keySet()) {
            if (selected.test(key.benchmark()) && !incoming.containsKey(key)) {
                result.remove(key);
                resultProfiles.remove(key);
                resultSeconds.remove(key);
                touchedClasses.add(key.benchmarkClass());
                touchedKeys.add(key);
                removed++;
            }
        }
        if (basis.isPresent()) {
            checkUnchangedSince(basis.get(), existing, touchedKeys);
        }
        for (Measurement m : incoming.values()) {
            Measurement stored = BaselineWriter.canonical(m);
            Measurement before = result.put(m.key(), m);
            touchedClasses.add(m.key().benchmarkClass());
            if (before == null) {
                added++;
            } else if (!stored.equals(before)) {
                updated++;
            }
            Double seconds = forkSeconds.get(m.key());
            if (seconds != null) {
                Double was = resultSeconds.put(m.key(), ForkSeconds.round(seconds));
                if (before != null && !Objects.equals(was, resultSeconds.get(m.key()))) {
                    retimed++;
                }
            }
            AllocationProfile profile = profiles.get(m.key());
            if (profile != null) {
                resultProfiles.put(m.key(), profile);
            } else if (before == null || !stored.equals(before)) {
                resultProfiles.remove(m.key());
            }
        }

        // Serialize every touched class first: a failure here must leave all files as they were.
        Map<Path, byte[]> toWrite = new TreeMap<>();
        List<Path> toDelete = new ArrayList<>();
        for (String benchmarkClass : touchedClasses) {
            Path file = directory.resolve(fileNameFor(benchmarkClass));
            List<Measurement> entries = result.values().stream()
                    .filter(m -> m.key().benchmarkClass().equals(benchmarkClass))
                    .toList();
            if (entries.isEmpty()) {
                if (Files.exists(file)) {
                    toDelete.add(file);
                }
                continue;
            }
            byte[] content = BaselineWriter.write(benchmarkClass, entries, resultProfiles, resultSeconds);
            if (!sameContent(file, content)) {
                toWrite.put(file, content);
            }
        }

        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : toWrite.entrySet()) {
            AtomicFiles.write(e.getKey(), e.getValue());
            written.add(e.getKey());
        }
        List<Path> deleted = new ArrayList<>();
        for (Path file : toDelete) {
            if (AtomicFiles.delete(file)) {
                deleted.add(file);
            }
        }
        return new UpdateSummary(written, deleted, added, updated, removed, retimed);
    }

    /** Fails when an entry this update replaces or removes is not what the caller read. */
    private void checkUnchangedSince(BaselineSet basis, BaselineSet now, Set<BenchmarkKey> touchedKeys)
            throws BaselineConflictException {
        List<BenchmarkKey> changed = new ArrayList<>();
        Set<Path> files = new TreeSet<>();
        for (BenchmarkKey key : touchedKeys) {
            if (!Objects.equals(basis.entries().get(key), now.entries().get(key))) {
                changed.add(key);
                files.add(directory.resolve(fileNameFor(key.benchmarkClass())));
            }
        }
        if (!changed.isEmpty()) {
            throw new BaselineConflictException(directory, changed, new ArrayList<>(files));
        }
    }

    /** Under the lock no other writer is active: a temporary file is what a killed writer left behind. */
    private void deleteLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
                entry -> AtomicFiles.isTempFileName(entry.getFileName().toString()))) {
            for (Path leftover : stream) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void deleteIfEmpty(Path directory) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            if (!stream.iterator().hasNext()) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            // Best effort: an empty directory is harmless.
        }
    }

    private static boolean sameContent(Path file, byte[] content) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(file), content);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The file name for a benchmark class, safe on every common OS and file system:
     * <ul>
     * <li>characters outside {@code [A-Za-z0-9._$]} are replaced with {@code _};</li>
     * <li>a name that would be empty, start with a dot (hidden) or start with a Windows device name
     *     ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0-9}, {@code LPT0-9},
     *     {@code CONIN$}, {@code CONOUT$}, any case, before the first dot) gets a {@code _} prefix;</li>
     * <li>whenever the readable name is not already a unique, case-proof spelling of the class, a
     *     {@code -} and the first 8 hex digits of the SHA-256 of the exact class name are appended: when a
     *     character was replaced or prefixed, when the name would exceed 150 characters (it is then
     *     truncated first) and when it contains an upper-case letter;</li>
     * <li>{@code .json} ends the name.</li>
     * </ul>
     * The upper-case rule keeps classes that differ only in case ({@code a.Foo}, {@code a.FOO},
     * {@code a.foo}) in different files on case-insensitive file systems (macOS, Windows): a name
     * without hash consists only of {@code [a-z0-9._$]}, so two of them never fold together, and every
     * hashed name contains a {@code -}, which no unhashed name does. As most class names contain a
     * capital, most files carry a hash; the readable part still names the class, and the class name
     * inside the file is authoritative. No result contains a path separator or is {@code .}/{@code ..}.
     */
    public static String fileNameFor(String benchmarkClass) {
        return BaselineFileNames.fileNameFor(Objects.requireNonNull(benchmarkClass, "benchmarkClass"));
    }
}
