package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.profile.ExplanationText;
import dev.allocgate.core.profile.ProfileEntry;
import dev.allocgate.core.profile.SiteChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "why" section of every report: for each explained benchmark, what allocates more and where
 * ({@link ExplanationText}), in the console's plain text, Markdown and HTML; {@link JsonReportWriter} writes the
 * same facts as data ({@link #json}).
 */
final class ExplanationSection {

    static final String TITLE = "What allocates more, and where";
    /** Most changes per benchmark in report.json (the largest; the count of the others is written too). */
    static final int MAX_JSON_CHANGES = 200;

    private ExplanationSection() {
    }

    private static String benchmark(Explanation e) {
        return e.key().benchmark() + (e.key().params().isEmpty() ? "" : " (" + e.key().paramsLabel() + ")")
                + " [" + e.key().mode() + "]";
    }

    /**
     * The explanations as the reports list them: the profiled ones each on its own, the unprofiled ones grouped by
     * their reason (a run that could profile nothing says so once, with every benchmark it concerns).
     */
    private static List<Item> items(GateReport report) {
        List<Item> items = new ArrayList<>();
        Map<String, List<String>> unprofiled = new LinkedHashMap<>();
        for (Explanation e : report.explanations()) {
            if (e.profiled()) {
                items.add(new Item(benchmark(e), ExplanationText.heading(e), ExplanationText.siteLines(e)));
            } else {
                unprofiled.computeIfAbsent(ExplanationText.heading(e), h -> new ArrayList<>()).add(benchmark(e));
            }
        }
        unprofiled.forEach((heading, benchmarks) -> items.add(new Item(benchmarks.size() <= MAX_NAMED
                ? String.join(", ", benchmarks)
                : String.join(", ", benchmarks.subList(0, MAX_NAMED)) + " and " + (benchmarks.size() - MAX_NAMED)
                        + " more", heading, List.of())));
        return items;
    }

    /** Most benchmarks named in one item of unprofiled benchmarks. */
    static final int MAX_NAMED = 10;

    private record Item(String benchmarks, String heading, List<String> lines) {
    }

    /** Console lines; none without explanations. */
    static List<String> text(GateReport report) {
        List<String> lines = new ArrayList<>();
        for (Item item : items(report)) {
            if (lines.isEmpty()) {
                lines.add(TITLE + ":");
            }
            lines.add("  " + Text.plain(item.benchmarks()) + ": " + Text.plain(ExplanationText.ascii(item.heading())));
            item.lines().forEach(l -> lines.add("    " + Text.plain(ExplanationText.ascii(l))));
        }
        return lines;
    }

    /** Markdown; empty without explanations. */
    static String markdown(GateReport report) {
        if (report.explanations().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n**").append(TITLE).append("**\n\n");
        for (Item item : items(report)) {
            md.append("- **").append(Text.markdownCell(item.benchmarks())).append("**: ")
                    .append(Text.markdownCell(item.heading())).append('\n');
            for (String line : item.lines()) {
                md.append("  - ").append(Text.markdownCell(line)).append('\n');
            }
        }
        return md.toString();
    }

    /** HTML; empty without explanations. */
    static String html(GateReport report) {
        if (report.explanations().isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<section class=\"explanations\"><h2>").append(TITLE).append("</h2><ul>");
        for (Item item : items(report)) {
            h.append("<li><strong>").append(Text.markup(item.benchmarks())).append("</strong>: ")
                    .append(Text.markup(item.heading()));
            if (!item.lines().isEmpty()) {
                h.append("<ul>");
                item.lines().forEach(l -> h.append("<li><code>").append(Text.markup(l)).append("</code></li>"));
                h.append("</ul>");
            }
            h.append("</li>");
        }
        return h.append("</ul></section>\n").toString();
    }

    /** The explanations as JSON data: every change (not only the ones the other formats show) and the current sites. */
    static void json(com.fasterxml.jackson.core.JsonGenerator json, GateReport report) throws java.io.IOException {
        json.writeArrayFieldStart("explanations");
        for (Explanation e : report.explanations()) {
            json.writeStartObject();
            json.writeStringField("benchmark", e.key().benchmark());
            json.writeStringField("mode", e.key().mode());
            json.writeObjectFieldStart("params");
            for (var p : e.key().params().entrySet()) {
                json.writeStringField(p.getKey(), p.getValue());
            }
            json.writeEndObject();
            json.writeBooleanField("profiled", e.profiled());
            json.writeBooleanField("baselineProfile", e.baseline().isPresent());
            json.writeStringField("summary", ExplanationText.heading(e));
            if (!e.profiled()) {
                json.writeStringField("missing", e.missing());
            }
            json.writeArrayFieldStart("changes");
            for (SiteChange c : e.changes().subList(0, Math.min(MAX_JSON_CHANGES, e.changes().size()))) {
                json.writeStartObject();
                json.writeStringField("type", c.site().type());
                json.writeStringField("kind", c.site().kind());
                json.writeStringField("label", c.site().typeLabel());
                site(json, c.site().frames());
                json.writeStringField("status", c.status().name());
                json.writeNumberField("objectsPerOpDelta", c.objectsDelta());
                json.writeNumberField("bytesPerOpDelta", c.bytesDelta());
                json.writeNumberField("baselineObjectsPerOp", c.baselineObjectsPerOp());
                json.writeNumberField("baselineBytesPerOp", c.baselineBytesPerOp());
                json.writeNumberField("currentObjectsPerOp", c.currentObjectsPerOp());
                json.writeNumberField("currentBytesPerOp", c.currentBytesPerOp());
                json.writeStringField("text", ExplanationText.line(c));
                json.writeEndObject();
            }
            json.writeEndArray();
            if (e.changes().size() > MAX_JSON_CHANGES) {
                json.writeNumberField("changesLeftOut", e.changes().size() - MAX_JSON_CHANGES);
            }
            json.writeArrayFieldStart("currentSites");
            for (ProfileEntry p : e.current().map(c -> c.top(ExplanationText.MAX_SITES * 2).entries()).orElse(List.of())) {
                json.writeStartObject();
                json.writeStringField("type", p.site().type());
                json.writeStringField("kind", p.site().kind());
                json.writeStringField("label", p.site().typeLabel());
                site(json, p.site().frames());
                json.writeNumberField("objectsPerOp", p.objectsPerOp());
                json.writeNumberField("bytesPerOp", p.bytesPerOp());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void site(com.fasterxml.jackson.core.JsonGenerator json, List<String> frames) throws java.io.IOException {
        json.writeArrayFieldStart("frames");
        for (String f : frames) {
            json.writeString(f);
        }
        json.writeEndArray();
    }
}
