package dev.allocgate.core.baseline;

import dev.allocgate.core.Commands;
import dev.allocgate.core.InvalidBaselineException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.allocgate.core.baseline.BaselineFixtures.FOO;
import static dev.allocgate.core.baseline.BaselineFixtures.bytesOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code *.json} entry of the baseline directory is a baseline: one that cannot be read is an error
 * naming it, never skipped (its benchmarks would become NEW and pass), and a link never leads outside.
 */
class BaselineDirectoryEntriesTest {

    @TempDir
    Path temp;

    private Path dir;
    private BaselineStore store;

    @BeforeEach
    void recordOneClass() throws Exception {
        dir = temp.resolve("baselines");
        store = new BaselineStore(dir);
        store.update(List.of(bytesOnly(FOO + ".concat", "avgt", 16, 16, 16)), name -> true);
    }

    private InvalidBaselineException loadFails(Path expectedFile) {
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, store::load);
        assertEquals(expectedFile, e.file());
        return e;
    }

    @Test
    void aDanglingLinkNamedJsonIsAnError() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dev.allocgate.samples.Gone.json"), dir.resolve("nowhere.json"));
        String message = loadFails(link).getMessage();
        assertTrue(message.contains("symbolic link whose target cannot be read"), message);
    }

    @Test
    void aLinkToADirectoryNamedJsonIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("dev.allocgate.samples.Dir.json"), dir.resolve("sub"));
        String message = loadFails(link).getMessage();
        assertTrue(message.contains("is a directory, not a baseline file"), message);
    }

    @Test
    void aDirectoryNamedJsonIsAnError() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("dev.allocgate.samples.Sub.json"));
        String message = loadFails(sub).getMessage();
        assertTrue(message.contains("is a directory") && message.contains("written by `mvn allocgate:record`"), message);
    }

    @Test
    void theMessageNamesTheRecordOfTheFrontEndThatRan() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("dev.allocgate.samples.Sub.json"));
        Commands cli = Commands.cli("results.json", dir.toString(), null);
        InvalidBaselineException e = assertThrows(InvalidBaselineException.class, new BaselineStore(dir, cli)::load);
        assertEquals(sub, e.file());
        assertTrue(e.getMessage().contains("written by `" + cli.record() + "`"), e.getMessage());
        assertFalse(e.getMessage().contains("mvn"), e.getMessage());
    }

    @Test
    void aLinkLeavingTheDirectoryIsRefusedWithoutShowingWhatItPointsAt() throws Exception {
        Path secret = Files.writeString(temp.resolve("shadow"), "root:x:0:0:secret\n");
        Path link = Files.createSymbolicLink(dir.resolve("dev.allocgate.samples.Secret.json"), secret);
        String message = loadFails(link).getMessage();
        assertTrue(message.contains("outside the baseline directory"), message);
        assertFalse(message.contains("root") || message.contains("secret"), message);
    }

    @Test
    void aLinkToABaselineInsideTheDirectoryIsRead() throws Exception {
        Path real = dir.resolve(BaselineStore.fileNameFor(FOO));
        Path moved = Files.move(real, dir.resolve("foo.data"));
        Files.createSymbolicLink(real, moved.getFileName());
        assertEquals(1, store.load().entries().size());
    }

    @Test
    void aFileThatIsNotJsonIsNotEchoed() throws Exception {
        Path file = Files.writeString(dir.resolve("dev.allocgate.samples.Text.json"), "root:x:0:0:secret\n");
        String message = loadFails(file).getMessage();
        assertFalse(message.contains("root") || message.contains("secret"), message);
        Path other = Files.writeString(dir.resolve("dev.allocgate.samples.Text.json"), "{\"a\": xyzzy}");
        String second = loadFails(other).getMessage();
        assertFalse(second.contains("xyzzy"), second);
        assertTrue(second.contains("line 1, column"), second);
    }

    @Test
    void aBaselineThatCannotBeWrittenIsNamedNotItsTemporaryFile() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        Path target = notADirectory.resolve("dev.allocgate.samples.Foo.json");
        String message = assertThrows(java.io.IOException.class, () -> AtomicFiles.write(target, new byte[] {'{'}))
                .getMessage();
        assertTrue(message.startsWith("cannot write " + target + ": its directory " + notADirectory), message);
        assertTrue(message.contains("Nothing was changed"), message);
        assertFalse(message.contains(".tmp"), message);
    }
}
