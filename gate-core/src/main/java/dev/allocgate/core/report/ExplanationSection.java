package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.profile.Explanation;
import dev.allocgate.core.profile.ExplanationText;
import dev.allocgate.core.profile.ProfileEntry;
import dev.allocgate.core.profile.SiteChange;

import java.util.ArrayList;
import java.util.List;

/**
 * The "why" section of every report: for each explained benchmark, what allocates more and where
 * ({@link ExplanationText}), in the console's plain text, Markdown and HTML; {@link JsonReportWriter} writes the
 * same facts as data ({@link #json}).
 */
final class ExplanationSection {

    static final String TITLE = "What allocates more, and where";

    private ExplanationSection() {
    }

    private static String benchmark(Explanation e) {
        return e.key().benchmark() + (e.key().params().isEmpty() ? "" : " (" + e.key().paramsLabel() + ")")
                + " [" + e.key().mode() + "]";
    }

    /** Console lines; none without explanations. */
    static List<String> text(GateReport report) {
        List<String> lines = new ArrayList<>();
        for (Explanation e : report.explanations()) {
            if (lines.isEmpty()) {
                lines.add(TITLE + ":");
            }
            lines.add("  " + Text.plain(benchmark(e)) + ": " + Text.plain(ExplanationText.heading(e)));
            ExplanationText.siteLines(e).forEach(l -> lines.add("    " + Text.plain(ExplanationText.ascii(l))));
        }
        return lines;
    }

    /** Markdown; empty without explanations. */
    static String markdown(GateReport report) {
        if (report.explanations().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n**").append(TITLE).append("**\n\n");
        for (Explanation e : report.explanations()) {
            md.append("- **").append(Text.markdownCell(benchmark(e))).append("**: ")
                    .append(Text.markdownCell(ExplanationText.heading(e))).append('\n');
            for (String line : ExplanationText.siteLines(e)) {
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
        for (Explanation e : report.explanations()) {
            h.append("<li><strong>").append(Text.markup(benchmark(e))).append("</strong>: ")
                    .append(Text.markup(ExplanationText.heading(e))).append("<ul>");
            ExplanationText.siteLines(e).forEach(l -> h.append("<li><code>").append(Text.markup(l)).append("</code></li>"));
            h.append("</ul></li>");
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
            json.writeBooleanField("baselineProfile", e.baseline().isPresent());
            json.writeStringField("summary", ExplanationText.heading(e));
            json.writeArrayFieldStart("changes");
            for (SiteChange c : e.changes()) {
                json.writeStartObject();
                json.writeStringField("type", c.site().type());
                json.writeStringField("kind", c.site().kind());
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
            json.writeArrayFieldStart("currentSites");
            for (ProfileEntry p : e.current().top(ExplanationText.MAX_SITES * 2).entries()) {
                json.writeStartObject();
                json.writeStringField("type", p.site().type());
                json.writeStringField("kind", p.site().kind());
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
