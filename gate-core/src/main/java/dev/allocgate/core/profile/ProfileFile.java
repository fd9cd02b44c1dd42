package dev.allocgate.core.profile;

import dev.allocgate.core.InvalidResultsException;
import dev.allocgate.core.model.BenchmarkKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the files that allocgate-profiler's {@code AllocationSiteProfiler} writes in a profiling fork: the benchmark's
 * key, the measured operations and the agent's table of (class, frames) with objects and bytes. Names become Java
 * names ({@link JvmNames}), each stack is cut where JMH's code below the benchmark method begins, and the counts
 * become per-operation figures. A file that is not complete is an error naming it, never an empty profile.
 */
public final class ProfileFile {

    static final String HEADER = "allocgate-profile 1";

    private ProfileFile() {
    }

    /** Every profile in {@code directory} ({@code *.tsv}), by benchmark. */
    public static Map<BenchmarkKey, AllocationProfile> readDirectory(Path directory) throws InvalidResultsException, IOException {
        Map<BenchmarkKey, AllocationProfile> profiles = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return profiles;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path file : files) {
            Map.Entry<BenchmarkKey, AllocationProfile> read = read(file);
            profiles.put(read.getKey(), read.getValue());
        }
        return profiles;
    }

    /** One profiling fork's file. */
    public static Map.Entry<BenchmarkKey, AllocationProfile> read(Path file) throws InvalidResultsException, IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return parse(lines, file);
    }

    static Map.Entry<BenchmarkKey, AllocationProfile> parse(List<String> lines, Path source) throws InvalidResultsException {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw bad(source, 1, "does not start with '" + HEADER + "'");
        }
        String benchmark = null;
        String mode = null;
        Map<String, String> params = new TreeMap<>();
        long operations = -1;
        Map<String, Long> memberOperations = new TreeMap<>();
        List<Raw> raws = new ArrayList<>();
        Raw current = null;
        double[] unattributed = null;
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\t", -1);
            switch (f[0]) {
                case "benchmark" -> benchmark = field(f, 1, source, n);
                case "mode" -> mode = field(f, 1, source, n);
                case "param" -> params.put(unescape(field(f, 1, source, n)), unescape(field(f, 2, source, n)));
                case "operations" -> operations = number(field(f, 1, source, n), source, n);
                case "member" -> memberOperations.put(unescape(field(f, 1, source, n)), number(field(f, 2, source, n), source, n));
                case "entry" -> {
                    current = new Raw(number(field(f, 1, source, n), source, n), number(field(f, 2, source, n), source, n),
                            JvmNames.typeName(field(f, 3, source, n)), new ArrayList<>());
                    raws.add(current);
                }
                case "frame" -> {
                    if (current == null) {
                        throw bad(source, n + 1, "has a frame before any entry");
                    }
                    current.frames.add(new String[] {JvmNames.typeName(field(f, 1, source, n)), field(f, 2, source, n),
                            field(f, 3, source, n), field(f, 4, source, n)});
                }
                case "unattributed" -> unattributed = new double[] {number(field(f, 1, source, n), source, n),
                        number(field(f, 2, source, n), source, n)};
                case "" -> {
                    if (n != lines.size() - 1 && !lines.get(n).isEmpty()) {
                        throw bad(source, n + 1, "has an empty field name");
                    }
                }
                default -> throw bad(source, n + 1, "has an unknown line '" + f[0] + "'");
            }
        }
        if (benchmark == null || mode == null || operations < 0 || unattributed == null) {
            throw new InvalidResultsException(source, "allocation profile incomplete (benchmark, mode, "
                    + "operations and the final 'unattributed' line are required); the profiling fork may have been cut"
                    + " short: run it again");
        }
        if (operations == 0) {
            throw new InvalidResultsException(source, "allocation profile of " + benchmark + " measured no operations");
        }
        List<ProfileEntry> entries = new ArrayList<>(raws.size());
        double otherObjects = unattributed[0];
        double otherBytes = unattributed[1];
        for (Raw raw : raws) {
            if (isHarness(raw.frames)) { // JMH's own, per iteration: not the code under test's, so no site of it
                otherObjects += raw.objects;
                otherBytes += raw.bytes;
                continue;
            }
            long per = operations;
            if (memberOperations.size() >= 2) {
                // A @Group: per operation of the method whose thread allocated it, as the gate normalises; a site
                // whose stack does not reach the method (deeper than the profile's depth) cannot be placed.
                Long ops = memberOf(raw.frames, memberOperations.keySet()).map(memberOperations::get).orElse(null);
                if (ops == null || ops == 0) {
                    otherObjects += raw.objects;
                    otherBytes += raw.bytes;
                    continue;
                }
                per = ops;
            }
            entries.add(new ProfileEntry(new AllocationSite(raw.type, trimmedFrames(raw.frames)),
                    (double) raw.objects / per, (double) raw.bytes / per));
        }
        return Map.entry(BenchmarkKey.of(benchmark, mode, params),
                AllocationProfile.merged(entries, otherObjects / operations, otherBytes / operations));
    }

    /**
     * Whether an allocation is JMH's own: made in its generated code, or in JMH code that the generated code called
     * (a sample-time iteration's statistics at its end, its results), rather than below the benchmark method.
     */
    static boolean isHarness(List<String[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (JvmNames.isHarness(frames.get(i)[0])) {
                return i == 0 || frames.get(i - 1)[0].startsWith("org.openjdk.jmh.");
            }
        }
        return false;
    }

    /**
     * The {@code @Group} method whose thread made an allocation: the method JMH's generated code called (the frame
     * just above the first generated frame), or the generated stub that runs it ({@code <method>_<mode>_jmhStub});
     * empty when the stack was cut before reaching them.
     */
    static java.util.Optional<String> memberOf(List<String[]> frames, java.util.Set<String> members) {
        for (int i = 0; i < frames.size(); i++) {
            if (JvmNames.isHarness(frames.get(i)[0])) {
                if (i > 0 && members.contains(frames.get(i - 1)[1])) {
                    return java.util.Optional.of(frames.get(i - 1)[1]);
                }
                String stub = frames.get(i)[1];
                return members.stream().filter(m -> stub.startsWith(m + "_") && stub.endsWith("_jmhStub")).findFirst();
            }
        }
        return java.util.Optional.empty();
    }

    /** The frames above JMH's code below the benchmark method, as stack trace text. */
    static List<String> trimmedFrames(List<String[]> frames) {
        List<String> kept = new ArrayList<>(frames.size());
        for (String[] frame : frames) {
            if (JvmNames.isHarness(frame[0])) {
                break;
            }
            kept.add(frameText(frame[0], frame[1], frame[2], Integer.parseInt(frame[3])));
        }
        return kept;
    }

    static String frameText(String className, String method, String source, int line) {
        String where = source.isEmpty() ? "Unknown Source" : line < 0 ? source : source + ":" + line;
        return className + "." + method + "(" + where + ")";
    }

    private record Raw(long objects, long bytes, String type, List<String[]> frames) {
    }

    private static String field(String[] fields, int index, Path source, int line) throws InvalidResultsException {
        if (index >= fields.length || fields[index].isEmpty() && index != 3) {
            throw bad(source, line + 1, "lacks field " + index + " of its '" + fields[0] + "' line");
        }
        return fields[index];
    }

    private static long number(String text, Path source, int line) throws InvalidResultsException {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw bad(source, line + 1, "has a negative count " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(source, line + 1, "has '" + text + "' where a count belongs");
        }
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static InvalidResultsException bad(Path source, int line, String problem) {
        return new InvalidResultsException(source, "allocation profile line " + line + " " + problem
                + "; it is written by allocgate's profiling fork: run it again");
    }
}
