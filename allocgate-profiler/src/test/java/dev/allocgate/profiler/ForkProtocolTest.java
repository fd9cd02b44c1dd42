package dev.allocgate.profiler;

import static dev.allocgate.profiler.ForkProtocol.WarmupEnd.CAPPED;
import static dev.allocgate.profiler.ForkProtocol.WarmupEnd.FLUCTUATING;
import static dev.allocgate.profiler.ForkProtocol.WarmupEnd.SETTLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fork protocol both sides use: lines and the done record round-trip, and the names are the real ones. */
class ForkProtocolTest {

    @Test
    void everyKindOfLineRoundTripsItsText() {
        for (ForkProtocol.Kind kind : ForkProtocol.Kind.values()) {
            for (String text : List.of("", "x", "two words", "{\"benchmark\":\"a.B.c\"}", " leading space")) {
                String line = kind.line(text);
                assertTrue(ForkProtocol.isProtocolLine(line), line);
                assertEquals(Optional.of(text), kind.text(line), line);
                for (ForkProtocol.Kind other : ForkProtocol.Kind.values()) {
                    assertEquals(other == kind, other.matches(line), other + " on " + line);
                }
            }
            assertEquals(Optional.of(""), kind.text(kind.line()));
        }
    }

    @Test
    void aLineThatOnlyStartsLikeAKindIsNotOfIt() {
        assertFalse(ForkProtocol.Kind.DONE.matches(ForkProtocol.PREFIX + "doneX 1"));
        assertFalse(ForkProtocol.Kind.VM.matches("allocgate-forkvm x"));
        assertFalse(ForkProtocol.Kind.ERROR.matches("error " + ForkProtocol.PREFIX));
        assertFalse(ForkProtocol.isProtocolLine("# Benchmark: a.B.c"));
        assertEquals(Optional.empty(), ForkProtocol.Kind.ENTRY.text(ForkProtocol.Kind.LISTED.line()));
    }

    @Test
    void theDoneRecordRoundTripsAndOtherShapesAreNotOne() {
        for (ForkProtocol.Done done : List.of(new ForkProtocol.Done(5, 612, SETTLED, 100, 1400, false),
                new ForkProtocol.Done(40, 20_000, CAPPED, 2000, 41_234, true),
                new ForkProtocol.Done(11, 1_712, FLUCTUATING, 50, 2_100, false, 0, false),
                new ForkProtocol.Done(5, 700, SETTLED, 50, 1900, false, 2, false),
                new ForkProtocol.Done(5, 700, SETTLED, 50, 1500, true, 1, true))) {
            assertEquals(Optional.of(done), ForkProtocol.Done.parse(done.text()));
            assertEquals(Optional.of(done), ForkProtocol.Kind.DONE.text(ForkProtocol.Kind.DONE.line(done.text()))
                    .flatMap(ForkProtocol.Done::parse));
        }
        assertEquals("warmup-rounds 11 warmup-ms 1712 fluctuating iteration-ms 50 total-ms 2100",
                new ForkProtocol.Done(11, 1_712, FLUCTUATING, 50, 2_100, false).text());
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 612 settled iteration-ms 100"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 1 settled iteration-ms 1 total-ms 2 x"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds x warmup-ms 612 settled iteration-ms 1 total-ms 2"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 612 maybe iteration-ms 1 total-ms 2"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 1 settled iteration-ms 1 total-ms 2 remeasured"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 1 settled iteration-ms 1 total-ms 2 c2-unchecked unsteady"));
        assertEquals(Optional.empty(), ForkProtocol.Done.parse("warmup-rounds 5 warmup-ms 1 settled iteration-ms 1 total-ms 2 remeasured -1"));
    }

    @Test
    void theNamesAreTheRealClassesAndMetrics() throws NoSuchMethodException {
        assertEquals(ForkMain.class.getName(), ForkProtocol.FORK_MAIN);
        assertEquals(WatchedJmhMain.class.getName(), ForkProtocol.WATCHED_JMH_MAIN);
        assertEquals(List.class, ForkMain.class.getMethod(ForkProtocol.LISTING_METHOD, List.class).getReturnType());
        assertEquals(ObjectCountProfiler.class.getName(), ForkProtocol.OBJECT_COUNT_PROFILER);
        assertEquals(WorkerBytesProfiler.class.getName(), ForkProtocol.WORKER_BYTES_PROFILER);
        assertEquals(ForkProtocol.OBJECTS_NORM, ObjectCountProfiler.NORM_METRIC);
        assertEquals(ForkProtocol.WORKER_BYTES_NORM, WorkerBytesProfiler.NORM_METRIC);
    }

    @Test
    void theListingIsInTheGrammar() {
        List<String> lines = ForkMain.listing(List.of("WarmupShapeBenchmarks.osrOnly"));
        assertTrue(ForkProtocol.Kind.VM.matches(lines.get(0)), lines.toString());
        assertEquals(ForkProtocol.Kind.LISTED.line(), lines.get(lines.size() - 1));
        List<String> entries = lines.subList(1, lines.size() - 1);
        assertFalse(entries.isEmpty());
        for (String entry : entries) {
            assertTrue(ForkProtocol.Kind.ENTRY.text(entry).orElseThrow().contains("WarmupShapeBenchmarks.osrOnly"), entry);
        }
    }

    /** gate-core loads the protocol without JMH on its class path: it must refer to nothing beyond the JDK. */
    @Test
    void theProtocolNeedsOnlyTheJdk() throws IOException {
        List<String> foreign = new ArrayList<>();
        for (Class<?> c : List.of(ForkProtocol.class, ForkProtocol.Kind.class, ForkProtocol.Done.class)) {
            for (String s : utf8Constants(c)) {
                if (s.contains("org/openjdk/jmh") || (s.contains("dev/allocgate/") && !s.contains("ForkProtocol"))) {
                    foreign.add(c.getSimpleName() + ": " + s);
                }
            }
        }
        assertEquals(List.of(), foreign);
    }

    private static List<String> utf8Constants(Class<?> c) throws IOException {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream stream = c.getResourceAsStream(file)) {
            DataInputStream in = new DataInputStream(stream);
            in.readInt();
            in.readInt();
            int count = in.readUnsignedShort();
            List<String> utf8 = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.add(in.readUTF());
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IOException(c + ": unknown constant pool tag " + tag);
                }
            }
            return utf8;
        }
    }
}
