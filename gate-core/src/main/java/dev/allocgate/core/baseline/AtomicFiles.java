package dev.allocgate.core.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Replaces files so that a reader (or a crash) sees either the old or the new content, never a torn
 * file: the bytes go to a temporary file in the same directory, are forced to disk, and the temporary
 * file is renamed over the target.
 */
public final class AtomicFiles {

    /** Suffix of temporary files; they never end in {@code .json}, so a crash leaves nothing that loads. */
    static final String TEMP_SUFFIX = ".tmp";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 6;
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9a-f]{" + 2 * RANDOM_BYTES + "}"
            + Pattern.quote(TEMP_SUFFIX));

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} atomically. The temporary file is removed on failure; the
     * old content of {@code target}, if any, is then untouched.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = createTemp(directory, target.getFileName().toString());
        } catch (FileSystemException e) {
            // The exception names only the temporary file; say which file could not be written, and why.
            throw new IOException("cannot write " + target + ": its directory " + directory + " does not allow creating"
                    + " files (" + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + "). Nothing was"
                    + " changed; make the directory writable and run again", e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(directory);
    }

    /** Whether {@code fileName} has the form of this class's temporary files: {@code .<name>.<12 hex digits>.tmp}. */
    static boolean isTempFileName(String fileName) {
        return TEMP_NAME.matcher(fileName).matches();
    }

    /** Deletes {@code target} if it exists and makes the deletion durable where the platform allows. */
    static boolean delete(Path target) throws IOException {
        boolean deleted = Files.deleteIfExists(target);
        if (deleted) {
            syncDirectory(target.toAbsolutePath().getParent());
        }
        return deleted;
    }

    /**
     * A new empty file {@code .<name>.<random>.tmp}, created with the process's default permissions
     * (unlike {@link Files#createTempFile}, which makes it readable by the owner only).
     */
    private static Path createTemp(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[RANDOM_BYTES];
            RANDOM.nextBytes(random);
            Path temp = directory.resolve("." + name + "." + HexFormat.of().formatHex(random) + TEMP_SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** Forces the directory entry changes (rename, delete) to disk; not possible on every OS, so best effort. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; the rename itself is still atomic there.
        }
    }
}
