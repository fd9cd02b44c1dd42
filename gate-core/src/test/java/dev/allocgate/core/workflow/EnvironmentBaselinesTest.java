package dev.allocgate.core.workflow;

import dev.allocgate.core.MissingEnvironmentBaselinesException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.workflow.EnvironmentBaselines.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentBaselinesTest {

    static final Environment JDK17 = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37",
            "G1GC", true, true, null, 1L << 30, "amd64", List.of());
    static final Environment JDK25 = new Environment("25.0.3", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "25.0.3+9",
            "1.37", "G1GC", true, true, false, 1L << 30, "amd64", List.of());
    static final Environment JDK17_NO_OOPS = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6",
            "1.37", "G1GC", false, true, null, 1L << 30, "amd64", List.of("-XX:-UseCompressedOops"));

    @TempDir
    Path temp;

    private static Path samples() throws Exception {
        return Path.of(EnvironmentBaselinesTest.class.getResource("/jmh/jmh-1.37-samples.json").toURI());
    }

    /** The sample results recorded into {@code directory} as if measured on {@code env}. */
    private static void record(Path directory, Environment env) throws Exception {
        List<Measurement> measured = new JmhResultReader().read(samples()).stream()
                .map(m -> new Measurement(m.key(), m.metrics(), m.opsPerIteration(), env)).toList();
        new BaselineStore(directory).update(measured, name -> true);
    }

    @Test
    void aNewDirectoryGetsOneDirectoryPerEnvironment() throws Exception {
        Path root = temp.resolve("baselines");
        EnvironmentBaselines.Choice check = EnvironmentBaselines.choose(root, JDK17, Purpose.CHECK);
        assertEquals(root.resolve("jdk17"), check.store().directory());
        assertFalse(check.flat());
        assertEquals(root.resolve("jdk25"), EnvironmentBaselines.choose(root, JDK25, Purpose.RECORD).store().directory());
    }

    @Test
    void flatBaselinesServeTheirOwnEnvironmentAndARecordElsewhereGoesBesideThem() throws Exception {
        Path root = temp.resolve("baselines");
        record(root, JDK17);
        List<Path> flatFiles;
        try (var files = Files.list(root)) {
            flatFiles = files.sorted().toList();
        }
        EnvironmentBaselines.Choice check17 = EnvironmentBaselines.choose(root, JDK17, Purpose.CHECK);
        assertTrue(check17.flat());
        assertEquals(root, check17.store().directory());
        assertEquals(root, EnvironmentBaselines.choose(root, JDK17, Purpose.RECORD).store().directory());

        EnvironmentBaselines.Choice record25 = EnvironmentBaselines.choose(root, JDK25, Purpose.RECORD);
        assertEquals(root.resolve("jdk25"), record25.store().directory());
        record(record25.store().directory(), JDK25);
        try (var files = Files.list(root)) {
            assertEquals(flatFiles.size() + 1, files.count(), "the flat files stay, one directory is added");
        }
        // Each environment now finds its own: JDK 17 the flat files, JDK 25 its directory.
        assertEquals(root, EnvironmentBaselines.choose(root, JDK17, Purpose.CHECK).store().directory());
        assertEquals(root.resolve("jdk25"), EnvironmentBaselines.choose(root, JDK25, Purpose.CHECK).store().directory());
    }

    @Test
    void aCheckOnAnEnvironmentWithoutBaselinesFailsNamingTheRecordTarget() throws Exception {
        Path root = temp.resolve("baselines");
        record(root.resolve("jdk17"), JDK17);
        record(root.resolve("jdk17-no-compressed-oops"), JDK17_NO_OOPS);

        MissingEnvironmentBaselinesException e = assertThrows(MissingEnvironmentBaselinesException.class,
                () -> EnvironmentBaselines.choose(root, JDK25, Purpose.CHECK));
        assertEquals(root.resolve("jdk25"), e.directory());
        assertEquals(List.of("jdk17", "jdk17-no-compressed-oops"), e.recorded());
        assertTrue(e.getMessage().contains("environment jdk25"), e.getMessage());

        EnvironmentBaselines.Choice allowed = EnvironmentBaselines.choose(root, JDK25, Purpose.CHECK_ALLOW_MISSING);
        assertEquals(root.resolve("jdk25"), allowed.store().directory());
        assertTrue(allowed.store().load().isEmpty());
        assertEquals(root.resolve("jdk17-no-compressed-oops"),
                EnvironmentBaselines.choose(root, JDK17_NO_OOPS, Purpose.CHECK).store().directory());
    }

    @Test
    void compareChoosesTheOneEnvironmentTheResultsFileFitsAndRefusesToGuess() throws Exception {
        Path root = temp.resolve("baselines");
        record(root.resolve("jdk25"), JDK25);
        assertThrows(MissingEnvironmentBaselinesException.class, () -> EnvironmentBaselines.forResults(root, samples()));

        record(root.resolve("jdk17"), JDK17);
        assertEquals(root.resolve("jdk17"), EnvironmentBaselines.forResults(root, samples()).directory());

        record(root.resolve("jdk17-no-compressed-oops"), JDK17_NO_OOPS);
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentBaselines.forResults(root, samples()));
        assertTrue(ambiguous.getMessage().contains("jdk17, jdk17-no-compressed-oops"), ambiguous.getMessage());
        assertTrue(ambiguous.getMessage().contains("-Dallocgate.baselines="), ambiguous.getMessage());

        Path flat = temp.resolve("flat");
        record(flat, JDK25);
        assertEquals(flat, EnvironmentBaselines.forResults(flat, samples()).directory(), "flat files: as before");
    }
}
