package dev.allocgate.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.allocgate.core.InvalidBaselineException;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.profile.AllocationProfile;
import dev.allocgate.core.profile.AllocationSite;
import dev.allocgate.core.profile.ProfileEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allocation profiles stored with baseline entries: written canonically, read back, old files still read. */
class BaselineProfileTest {

    private static final String BENCH = "com.acme.Bench";

    private static AllocationProfile profile(int sites) {
        List<ProfileEntry> entries = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            entries.add(new ProfileEntry(new AllocationSite("java.lang.Long",
                    List.of("java.lang.Long.valueOf(Long.java:1211)", "com.acme.Bench.box(Bench.java:" + (10 + i) + ")")),
                    1.0 / (i + 1), 16.0 / (i + 1)));
        }
        return new AllocationProfile(entries, 0.001, 0.02);
    }

    @Test
    void aProfileIsStoredWithItsEntryBoundedAndReadsBack(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement box = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 16, 16, 16);
        Measurement plain = BaselineFixtures.bytesOnly(BENCH + ".plain", "avgt", 0, 0, 0);
        store.update(store.load(), List.of(box, plain), Map.of(box.key(), profile(25)), name -> true);
        BaselineSet read = store.load();
        AllocationProfile stored = read.profiles().get(box.key());
        assertEquals(AllocationProfile.STORED_SITES, stored.entries().size(), "the 25 sites are cut to the largest");
        assertEquals(profile(25).totalObjectsPerOp(), stored.totalObjectsPerOp(), 1e-3, "the rest is in 'other'");
        assertFalse(read.profiles().containsKey(plain.key()));
        String text = Files.readString(dir.resolve(BaselineFileNames.fileNameFor(BENCH)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"schemaVersion\" : 2"), text);
        assertTrue(text.contains("\"com.acme.Bench.box(Bench.java:10)\""), text);

        // Recorded again without a profile but unchanged: the profile stays; with new values: it goes.
        store.update(store.load(), List.of(box), Map.of(), name -> name.endsWith(".box"));
        assertTrue(store.load().profiles().containsKey(box.key()));
        Measurement changed = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 32, 32, 32);
        store.update(store.load(), List.of(changed), Map.of(), name -> name.endsWith(".box"));
        assertFalse(store.load().profiles().containsKey(box.key()));
        text = Files.readString(dir.resolve(BaselineFileNames.fileNameFor(BENCH)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"schemaVersion\" : 1"), "no profile left: the old schema, which older allocgate reads");
    }

    @Test
    void aBaselineWithoutAProfileStillReads(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement box = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 16, 16, 16);
        store.update(store.load(), List.of(box), name -> true);
        BaselineSet read = store.load();
        assertEquals(1, read.size());
        assertTrue(read.profiles().isEmpty());
    }

    @Test
    void aCorruptProfileFailsNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Measurement box = BaselineFixtures.bytesOnly(BENCH + ".box", "avgt", 16, 16, 16);
        store.update(store.load(), List.of(box), Map.of(box.key(), profile(2)), name -> true);
        Path file = dir.resolve(BaselineFileNames.fileNameFor(BENCH));
        String valid = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> corruptions = Map.of(
                "negative", valid.replaceFirst("\"objectsPerOp\" : 1\\.0", "\"objectsPerOp\" : -1.0"),
                "frame not a string", valid.replaceFirst("\"java\\.lang\\.Long\\.valueOf\\(Long\\.java:1211\\)\"", "42"),
                "unknown field", valid.replaceFirst("\"otherBytesPerOp\"", "\"bytesElsewhere\""),
                "old schema", valid.replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 1"),
                "duplicate site", valid.replace("Bench.java:11", "Bench.java:10"));
        for (Map.Entry<String, String> c : corruptions.entrySet()) {
            Files.writeString(file, c.getValue(), StandardCharsets.UTF_8);
            InvalidBaselineException e = assertThrows(InvalidBaselineException.class, store::load, c.getKey());
            assertTrue(e.getMessage().contains(file.getFileName().toString()), c.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("/benchmarks/0/profile"), c.getKey() + ": " + e.getMessage());
        }
    }
}
