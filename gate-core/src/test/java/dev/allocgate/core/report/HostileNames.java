package dev.allocgate.core.report;

import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.model.Measurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Benchmark and parameter names that try to break every output format. */
final class HostileNames {
    private HostileNames() {
    }

    static final String PACKAGE = "com.acme.x.";

    /** Method names (after {@code com.acme.x.Evil.}), one per attack. */
    static List<String> methods() {
        List<String> out = new ArrayList<>(List.of(
                "pipe|split|cells",
                "tick`code`span",
                "lt<b>bold</b>&amp;gt",
                "comment<!--hidden-->",
                "mention@octocat",
                "issue#123",
                "bidi\u202Eevil\u2066isolate\u2069\u200Fmark",
                "crlf\r\ninjected\rline",
                "script<script>alert(1)</script>",
                "svg</svg><img src=x onerror=alert(1)>",
                "percent%0A::error::x,y:z",
                "ctrl\u0000\u0007\u001B[31mred\u0085",
                "quote\"'apos",
                "surrogate\uD800lone\uFFFE",
                "emoji😀ok"));
        String longName = "long";
        // a 300-character benchmark name
        longName += "x".repeat(300 - (PACKAGE + "Evil." + longName).length());
        out.add(longName);
        return out;
    }

    static String name(String method) {
        return PACKAGE + "Evil." + method;
    }

    /** Every hostile name, alternately regressed and unchanged, params hostile too. */
    static GateReport report() {
        List<Measurement> base = new ArrayList<>();
        List<Measurement> current = new ArrayList<>();
        List<String> methods = methods();
        for (int i = 0; i < methods.size(); i++) {
            Map<String, String> params = Map.of("p<!--", "|@team #12 \u202E<script>\n");
            base.add(ReportFixtures.m(name(methods.get(i)), params, 16, 16, 16));
            double now = i % 2 == 0 ? 32 : 16;
            current.add(ReportFixtures.m(name(methods.get(i)), params, now, now, now));
        }
        return ReportFixtures.compare(base, current, List.of(new dev.allocgate.core.gate.FailedBenchmark(
                name("crashed<!--x-->\n@octocat"), "", "boom <script>\r\n::error::%")));
    }
}
