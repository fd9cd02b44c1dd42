package dev.allocgate.core.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.allocgate.core.model.BenchmarkKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history file: JSON Lines, one {@link HistoryRun} per line, append-only. A line is written with one write and
 * forced to disk under a file lock (and one append at a time in
 * the JVM); no line is ever rewritten. The one exception is a torn last line (a run killed
 * while appending leaves bytes without the final line feed): {@link #read} ignores it with a warning, and
 * {@link #append} cuts exactly those bytes before writing. Every other unreadable line is an
 * {@link InvalidHistoryException} naming the file and line.
 *
 * <p>Line format ({@value #VERSION_FIELD} is the format version, {@value #VERSION}):
 * <pre>{"history":1,"date":"2026-12-04T20:49:19Z","commit":"41a7839…","environment":"jdk17",
 *  "results":[{"benchmark":"a.B.m","mode":"avgt","params":{"n":"8"},"bytes":64.0,"objects":2.0,"verdict":"UNCHANGED"}]}</pre>
 * {@code params}, {@code bytes}, {@code objects} and {@code commit} are left out when empty or unknown.
 */
public final class HistoryFile {
    static final String VERSION_FIELD = "history";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** Serializes appends within this JVM (a file lock is per process: two threads of {@code mvn -T} would clash). */
    private static final Object APPEND = new Object();

    private HistoryFile() {
    }

    /** The runs of a history file and what the reader should know. */
    public record Contents(List<HistoryRun> runs, List<String> warnings) {
        public Contents {
            runs = List.copyOf(runs);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads every run; a file that does not exist has none. */
    public static Contents read(Path file) throws IOException, InvalidHistoryException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        if (Files.isDirectory(file)) {
            throw new InvalidHistoryException(file, 0, "is a directory, not a history file");
        }
        byte[] bytes = Files.readAllBytes(file);
        List<HistoryRun> runs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        long line = 0;
        while (start < bytes.length) {
            line++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                warnings.add(torn(file, line, bytes.length - start));
                break;
            }
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (line == 1 && text.startsWith("\uFEFF")) {
                throw new InvalidHistoryException(file, line, "starts with a byte order mark; allocgate writes none,"
                        + " so the file was edited: remove the mark");
            }
            runs.add(parse(file, line, text));
            start = end + 1;
        }
        return new Contents(runs, warnings);
    }

    /**
     * Appends {@code run} as one line. Reads the file first, so that a corrupt file fails before anything is written;
     * cuts a torn last line (see the class comment).
     *
     * @return the warnings of reading the file before appending
     */
    public static List<String> append(Path file, HistoryRun run) throws IOException, InvalidHistoryException {
        synchronized (APPEND) {
            return appendLocked(file, run);
        }
    }

    private static List<String> appendLocked(Path file, HistoryRun run) throws IOException, InvalidHistoryException {
        byte[] line = (format(run) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            Contents contents = read(file);
            long size = channel.size();
            long complete = completeLength(channel, size);
            if (complete < size) {
                channel.truncate(complete);
            }
            channel.position(complete);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            return contents.warnings();
        }
    }

    /** The line for {@code run}, without its line feed. */
    static String format(HistoryRun run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put(VERSION_FIELD, VERSION);
        root.put("date", run.date().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!run.commit().isEmpty()) {
            root.put("commit", run.commit());
        }
        root.put("environment", run.environment());
        ArrayNode results = root.putArray("results");
        for (HistoryResult r : run.results()) {
            ObjectNode o = results.addObject();
            o.put("benchmark", r.key().benchmark());
            o.put("mode", r.key().mode());
            if (!r.key().params().isEmpty()) {
                ObjectNode params = o.putObject("params");
                r.key().params().forEach(params::put);
            }
            if (Double.isFinite(r.bytesPerOp())) {
                o.put("bytes", r.bytesPerOp());
            }
            if (Double.isFinite(r.objectsPerOp())) {
                o.put("objects", r.objectsPerOp());
            }
            o.put("verdict", r.verdict());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format a history line", e);
        }
    }

    private static HistoryRun parse(Path file, long line, String text) throws InvalidHistoryException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidHistoryException(file, line, "not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidHistoryException(file, line, "not a JSON object");
        }
        JsonNode version = root.get(VERSION_FIELD);
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            throw new InvalidHistoryException(file, line, "\"" + VERSION_FIELD + "\" must be " + VERSION + ", not "
                    + version + " (a newer allocgate's history, or not a history file)");
        }
        Instant date;
        try {
            date = Instant.parse(text(file, line, root, "date"));
        } catch (DateTimeParseException e) {
            throw new InvalidHistoryException(file, line, "\"date\" is not an ISO-8601 instant: " + root.get("date"));
        }
        String commit = root.has("commit") ? text(file, line, root, "commit") : "";
        String environment = text(file, line, root, "environment");
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            throw new InvalidHistoryException(file, line, "\"results\" must be an array");
        }
        List<HistoryResult> parsed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String where = "results[" + i + "]";
            if (!r.isObject()) {
                throw new InvalidHistoryException(file, line, where + " must be an object");
            }
            Map<String, String> params = new TreeMap<>();
            JsonNode p = r.get("params");
            if (p != null) {
                if (!p.isObject()) {
                    throw new InvalidHistoryException(file, line, where + ".params must be an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isTextual()) {
                        throw new InvalidHistoryException(file, line, where + ".params." + e.getKey() + " must be a string");
                    }
                    params.put(e.getKey(), e.getValue().textValue());
                }
            }
            BenchmarkKey key = BenchmarkKey.of(text(file, line, r, "benchmark"), text(file, line, r, "mode"), params);
            parsed.add(new HistoryResult(key, number(file, line, r, "bytes", where), number(file, line, r, "objects", where),
                    text(file, line, r, "verdict")));
        }
        return new HistoryRun(date, commit, environment, parsed);
    }

    private static String text(Path file, long line, JsonNode node, String field) throws InvalidHistoryException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new InvalidHistoryException(file, line, "\"" + field + "\" must be a non-empty string");
        }
        return v.textValue();
    }

    private static double number(Path file, long line, JsonNode node, String field, String where)
            throws InvalidHistoryException {
        JsonNode v = node.get(field);
        if (v == null) {
            return Double.NaN;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
            throw new InvalidHistoryException(file, line, where + "." + field + " must be a number >= 0, not " + v);
        }
        return v.doubleValue();
    }

    private static String torn(Path file, long line, int bytes) {
        return "history file " + file + " line " + line + " has no line feed (" + bytes + " bytes): a run was stopped"
                + " while appending it. It is ignored, and the next appended run replaces it.";
    }

    /** The length of the file up to and including its last line feed. */
    private static long completeLength(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0; at--) {
            one.clear();
            channel.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
