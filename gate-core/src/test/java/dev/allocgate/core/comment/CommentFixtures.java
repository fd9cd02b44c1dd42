package dev.allocgate.core.comment;

import dev.allocgate.core.gate.EnvironmentPolicy;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.gate.Threshold;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.model.Metric;
import dev.allocgate.core.model.Sample;
import dev.allocgate.core.report.MarkdownRenderer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reports made by the real gate and renderer, and a poster whose waits are recorded, not slept. */
final class CommentFixtures {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Environment ENV = new Environment("17.0.15", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM",
            "17.0.15+6", "1.37", "G1", true, true, null, 4L << 30, "amd64", List.of("-Xmx4g"));
    private static final GateSettings SETTINGS = new GateSettings(0.05,
            Map.of(Metric.BYTES_PER_OP, new Threshold(1.0, 4.0), Metric.OBJECTS_PER_OP, new Threshold(0.0, 0.5),
                    Metric.ALLOC_RATE, new Threshold(25.0, 100.0)),
            EnumSet.of(Metric.BYTES_PER_OP, Metric.OBJECTS_PER_OP), Map.of(Metric.BYTES_PER_OP, 8192.0),
            EnvironmentPolicy.FAIL, true, true, false, false);

    private CommentFixtures() {
    }

    /** {@code n} benchmarks, every seventh regressed from 100 to 200 B/op, the rest unchanged. */
    static GateReport report(int n) {
        Map<BenchmarkKey, Measurement> baseline = new TreeMap<>();
        List<Measurement> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BenchmarkKey key = BenchmarkKey.of(String.format("com.acme.bench.Generated%03d.allocatesAFairlyLongMethodName%04d", i / 10, i),
                    "avgt", Map.of("size", String.valueOf(i)));
            baseline.put(key, new Measurement(key, Map.of(Metric.BYTES_PER_OP, new Sample(new double[] {100, 100, 100})), 1e6, ENV));
            double now = i % 7 == 0 ? 200 : 100;
            current.add(new Measurement(key, Map.of(Metric.BYTES_PER_OP, new Sample(new double[] {now, now, now})), 1e6, ENV));
        }
        return new Gate(SETTINGS).compare(current, baseline, BenchmarkFilter.ALL, List.of(), "baselines/widgets");
    }

    static String markdown(int benchmarks) {
        return new MarkdownRenderer().render(report(benchmarks));
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A poster on a real HTTP client whose sleeps and progress lines are recorded. */
    static final class Recording {
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        final List<String> progress = Collections.synchronizedList(new ArrayList<>());
        final StickyCommentPoster poster;

        Recording(RetryPolicy policy) {
            poster = new StickyCommentPoster(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), policy,
                    sleeps::add, Clock.fixed(NOW, ZoneOffset.UTC), progress::add);
        }

        Recording() {
            this(RetryPolicy.DEFAULT);
        }
    }

    /** The environment of a GitHub Actions pull_request job against the fake server. */
    static Map<String, String> githubEnv(FakeGitHub server, Path dir, String eventJson) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_API_URL", server.baseUrl());
        env.put("GITHUB_REPOSITORY", FakeGitHub.REPO);
        env.put("GITHUB_TOKEN", FakeGitHub.TOKEN);
        env.put("GITHUB_EVENT_PATH", write(dir, "event.json", eventJson).toString());
        return env;
    }
}
