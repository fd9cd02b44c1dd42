package dev.allocgate.core.baseline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a baseline directory, held by one writer at a time across processes (an OS file lock) and
 * across threads of one JVM (the OS lock belongs to the process, so a second thread of the same JVM would get an
 * {@code OverlappingFileLockException} instead of waiting).
 *
 * <p>The lock file is {@code allocgate-baselines-<hash of the directory's real path>.lock} in a private directory
 * of {@code java.io.tmpdir} ({@link PrivateLockDirectory}), opened without following links,
 * not in the baseline directory: a file there would show up in {@code git status}, and deleting it after use is not
 * safe (a waiter could then lock the deleted file while a newcomer locks a new one; and on POSIX, checking which file
 * is locked by opening the path again would itself release the lock). So writers exclude each other when they share
 * {@code java.io.tmpdir}: on one host as one user, which covers {@code mvn -T} and several builds of one checkout.
 */
final class DirectoryLock implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private DirectoryLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * The lock file for {@code directory}, which must exist: in {@link PrivateLockDirectory}, a directory of
     * {@code java.io.tmpdir} that only this user can enter, so no one else can create, replace or link it.
     */
    static Path lockFileFor(Path directory) throws IOException {
        Path real = directory.toRealPath();
        return PrivateLockDirectory.path().resolve("allocgate-baselines-" + hash(real) + ".lock");
    }

    /**
     * Locks {@code directory} (which must exist), waiting at most {@code timeout}.
     *
     * @throws IOException when the lock file cannot be opened, or another writer holds the lock for longer than
     *                     {@code timeout}
     */
    static DirectoryLock acquire(Path directory, Duration timeout) throws IOException {
        Path real = directory.toRealPath();
        Path lockFile = lockFileFor(real);
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(real, p -> new ReentrantLock());
        try {
            if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(real, lockFile, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock on the baseline directory " + real, e);
        }
        FileChannel channel = null;
        try {
            PrivateLockDirectory.ensure(lockFile.getParent());
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new IOException("cannot open the baseline lock file " + lockFile + " (" + e.getMessage() + "); it must"
                        + " be a plain file, not a symbolic link. Remove it and run again", e);
            }
            while (true) {
                FileLock fileLock = channel.tryLock();
                if (fileLock != null) {
                    return new DirectoryLock(threadLock, channel, fileLock);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(real, lockFile, timeout);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            closeQuietly(channel);
            threadLock.unlock();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock file " + lockFile, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
        } finally {
            try {
                channel.close();
            } finally {
                threadLock.unlock();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }

    private static String hash(Path real) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static IOException busy(Path directory, Path lockFile, Duration timeout) {
        return new IOException("the baseline directory " + directory + " is locked by another allocgate record for"
                + " more than " + timeout.toSeconds() + " s (lock file " + lockFile + ")");
    }
}
