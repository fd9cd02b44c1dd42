package dev.allocgate.core.baseline;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The directory of the baseline lock files: {@code allocgate-locks-<user>} in {@code java.io.tmpdir}, a
 * shared directory on most hosts. A lock file with a predictable name there could be created first by another
 * user (blocking every record) or be a link to a file of theirs; so the lock files live in a directory that
 * must be a real directory (not a link), owned by this user and, where the file system has POSIX permissions,
 * open to no one else ({@code rwx------}). One that is not is refused, never used.
 */
final class PrivateLockDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateLockDirectory() {
    }

    /** Where the lock directory is, for this user and {@code java.io.tmpdir}. */
    static Path path() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("allocgate-locks-" + user);
    }

    /**
     * Creates {@code dir} open to this user only, or checks that the existing one is.
     *
     * @throws IOException if it exists but is a link, not a directory, owned by another user or open to others
     */
    static void ensure(Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir.getParent());
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // checked below
        }
        String fix = ". Another user may have created it to block or redirect allocgate's baseline lock: remove it"
                + " (or point java.io.tmpdir elsewhere) and run again";
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the baseline lock directory " + dir + " is not a plain directory" + fix);
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        if (me != null && !owner.getName().equals(me) && !owner.getName().endsWith("\\" + me)) {
            throw new IOException("the baseline lock directory " + dir + " belongs to " + owner.getName() + ", not to "
                    + me + fix);
        }
        if (posix) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("the baseline lock directory " + dir + " is open to other users ("
                        + PosixFilePermissions.toString(permissions) + ", expected rwx------)" + fix);
            }
        }
    }
}
