package dev.allocgate.core.baseline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline lock lives where no other user can create, replace or link it. */
class PrivateLockDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void theLockFileIsInAnOwnerOnlyDirectory() throws Exception {
        Path baselines = Files.createDirectories(temp.resolve("baselines"));
        try (DirectoryLock lock = DirectoryLock.acquire(baselines, Duration.ofSeconds(5))) {
            Path dir = DirectoryLock.lockFileFor(baselines).getParent();
            assertEquals(PrivateLockDirectory.path(), dir);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }
    }

    @Test
    void aDirectoryOpenToOthersIsRefused() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("locks"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        String message = assertThrows(IOException.class, () -> PrivateLockDirectory.ensure(dir)).getMessage();
        assertTrue(message.contains("open to other users (rwxrwxrwx, expected rwx------)"), message);
    }

    @Test
    void aLinkInPlaceOfTheDirectoryIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(temp.resolve("locks"), elsewhere);
        String message = assertThrows(IOException.class, () -> PrivateLockDirectory.ensure(link)).getMessage();
        assertTrue(message.contains("is not a plain directory"), message);
    }

    @Test
    void aLockFileThatIsALinkIsNotOpenedThrough() throws Exception {
        Path baselines = Files.createDirectories(temp.resolve("baselines"));
        Path lockFile = DirectoryLock.lockFileFor(baselines);
        PrivateLockDirectory.ensure(lockFile.getParent());
        Path victim = temp.resolve("victim");
        Files.createSymbolicLink(lockFile, victim);
        try {
            String message = assertThrows(IOException.class, () -> DirectoryLock.acquire(baselines, Duration.ofSeconds(1)))
                    .getMessage();
            assertTrue(message.contains("not a symbolic link"), message);
            assertFalse(Files.exists(victim), "nothing is created through the link");
        } finally {
            Files.delete(lockFile);
        }
    }
}
