package dev.allocgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.jmh.JmhResultReader;
import dev.allocgate.core.model.Environment;
import dev.allocgate.core.model.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * compare, check-results and record on JMH JSON files: every exit status, the reports, the baselines written, and
 * GitHub Actions' output. The results files are the real JMH 1.37 runs the Maven plugin's compare-files IT uses
 * (13 sample benchmarks; in current-run.json newObject allocates 32 instead of 16 B/op).
 */
class GateCommandsTest {
    private static final Path FILES = Path.of("..", "gate-maven-plugin", "src", "it", "compare-files");
    private static final Path BASELINE_RUN = FILES.resolve("baseline-run.json");
    private static final Path CURRENT_RUN = FILES.resolve("current-run.json");
    private static final Path NO_GC_DATA = FILES.resolve("no-gc-data.json");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    private int run(String... args) {
        out.reset();
        err.reset();
        return AllocgateCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String reports() {
        return dir.resolve("reports").toString();
    }

    @Test
    void compareAgainstASecondFileFailsOnTheRegressionWithOne() throws IOException {
        assertEquals(GateCommands.GATE_FAILED, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports()));
        assertTrue(err().contains("1 benchmark fails the allocation gate"), err());
        assertTrue(err().contains("BasicAllocationBenchmarks.newObject [avgt]: REGRESSED"), err());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("reports/report.json").toFile());
        assertEquals("FAIL", report.path("verdict").asText());
        assertEquals(13, report.path("benchmarks").size());
        for (String name : List.of("report.md", "report.html", "TEST-allocgate.xml", ".allocgate-reports")) {
            assertTrue(Files.isRegularFile(dir.resolve("reports").resolve(name)), name);
        }
        assertTrue(out().contains("Reports: "), out());
    }

    @Test
    void theSameFileAgainstItselfPassesWithZero() {
        assertEquals(GateCommands.PASS, run("compare", "--results", BASELINE_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports()));
        assertTrue(out().contains("PASS: 0 of 13 benchmarks regressed"), out());
    }

    @Test
    void recordThenCheckResultsIsTheMavenWorkflowOnFiles() throws IOException {
        Path baselines = dir.resolve("baselines");
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(out().contains("13 added, 0 updated, 0 removed"), out());
        assertTrue(err().contains("the baselines are stored without allocation profiles: recording from a JMH results"
                + " file runs no benchmark"), err());
        List<Path> files;
        try (Stream<Path> s = Files.list(baselines)) {
            files = s.sorted().toList();
        }
        assertFalse(files.isEmpty());
        assertEquals(GateCommands.PASS, run("check-results", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertEquals(GateCommands.GATE_FAILED, run("check-results", "--results", CURRENT_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(err().contains("REGRESSED") && err().contains("java -jar allocgate-cli.jar record --results "), err());
        // A higher threshold, as the Maven property: 16 more B/op is within 20 B.
        assertEquals(GateCommands.PASS, run("check-results", "--results", CURRENT_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports(), "-Dallocgate.thresholdBytes=20"));
        // Or from a settings file.
        Path settings = Files.writeString(dir.resolve("allocgate.properties"), "allocgate.thresholdBytes=20\n");
        assertEquals(GateCommands.PASS, run("check-results", "--results", CURRENT_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports(), "--settings", settings.toString()));
        // Recording the same file again changes no file; a changed benchmark updates only its entry.
        List<String> before = new ArrayList<>();
        for (Path f : files) {
            before.add(Files.readString(f));
        }
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(out().contains("no file changed"), out());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(before.get(i), Files.readString(files.get(i)), files.get(i).toString());
        }
    }

    @Test
    void unusableInputExitsWithThreeNamingTheFile() throws IOException {
        assertEquals(GateCommands.ERROR, run("compare", "--results", NO_GC_DATA.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports()));
        assertTrue(err().contains("unusable JMH results") && err().contains("no-gc-data.json")
                && err().contains("-prof gc"), err());
        assertEquals(GateCommands.ERROR, run("check-results", "--results", dir.resolve("missing.json").toString(),
                "--baselines", dir.toString(), "--output-directory", reports()));
        assertTrue(err().contains("missing.json"), err());
        Path baselines = Files.createDirectories(dir.resolve("bad-baselines"));
        Files.writeString(baselines.resolve("dev.allocgate.samples.BasicAllocationBenchmarks.json"), "{ not json");
        assertEquals(GateCommands.ERROR, run("check-results", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(err().contains("invalid baseline file") && err().contains("BasicAllocationBenchmarks.json"), err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        String results = BASELINE_RUN.toString();
        String[][] cases = {
                {"compare", "--results", results},
                {"compare", "--results", results, "--against", results, "--baselines", dir.toString()},
                {"check-results", "--results", results},
                {"check-results", "--baselines", dir.toString()},
                {"record", "--results", results, "--against", results, "--baselines", dir.toString()},
                {"compare", "--results", results, "--against", results, "--verbose"},
                {"compare", "--results", results, "--against", results, "-Dallocgate.tresholdBytes=8"},
                {"compare", "--results", results, "--against", results, "-Dallocgate.thresholdBytes=-4"},
                {"compare", "--results", results, "--against", results, "-Duser.home=/"},
                {"compare", "--results"},
        };
        for (String[] c : cases) {
            assertEquals(AllocgateCli.USAGE, run(c), String.join(" ", c) + "\n" + err());
            assertTrue(err().contains("run with --help for usage"), err());
        }
        run("compare", "--results", results, "--against", results, "-Dallocgate.thresholdBytes=-4");
        assertTrue(err().contains("allocgate.thresholdBytes must be a finite number >= 0, not -4.0"), err());
        assertEquals(GateCommands.PASS, run("record", "--help"));
        assertTrue(out().contains("Exit status: 0 the gate passed"), out());
    }

    @Test
    void onGitHubActionsTheFailureIsAnAnnotationAndTheReportGoesToTheSummary() throws IOException {
        Path summary = dir.resolve("summary.md");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        assertEquals(GateCommands.GATE_FAILED, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports()));
        assertTrue(out().lines().anyMatch(l -> l.startsWith("::error ") && l.contains("newObject")), out());
        assertTrue(Files.readString(summary).contains("newObject"));
    }

    /**
     * A new user's round trip on real JMH output in the JMH Gradle plugin's layout: record the baselines, gate the
     * same code (pass), then gate a change that allocates one more object per operation (fail, naming it).
     */
    @Test
    void endToEndOnRealJmhOutputInTheGradleLayout() throws Exception {
        Path project = dir.resolve("project");
        Path results = Files.createDirectories(project.resolve("build/results/jmh")).resolve("results.json");
        Path baselines = project.resolve("allocgate-baselines");
        String reportDir = project.resolve("build/allocgate").toString();
        copy("results-before.json", results);
        assertEquals(GateCommands.PASS, run("record", "--results", results.toString(), "--baselines", baselines.toString(),
                "--output-directory", reportDir));
        assertTrue(out().contains("6 added, 0 updated, 0 removed"), out());
        assertEquals(GateCommands.PASS, run("check-results", "--results", results.toString(), "--baselines",
                baselines.toString(), "--output-directory", reportDir));
        assertTrue(out().contains("PASS: 0 of 6 benchmarks regressed"), out());

        copy("results-after-change.json", results);
        assertEquals(GateCommands.GATE_FAILED, run("check-results", "--results", results.toString(), "--baselines",
                baselines.toString(), "--output-directory", reportDir));
        assertTrue(err().contains("BasicAllocationBenchmarks.newObject [avgt]: REGRESSED bytesPerOp 16.0 -> 40.0 B/op"),
                err());
        assertTrue(err().contains("1 benchmark fails"), err());
        JsonNode report = new ObjectMapper().readTree(project.resolve("build/allocgate/report.json").toFile());
        assertEquals("FAIL", report.path("verdict").asText());
        String junit = Files.readString(project.resolve("build/allocgate/TEST-allocgate.xml"));
        assertTrue(junit.contains("<failure") && junit.contains("newObject"), junit);
    }

    private Path rules(String json) throws IOException {
        return Files.writeString(dir.resolve("rules.json"), json);
    }

    @Test
    void rulesFromAFileApplyAsThePomsDo() throws IOException {
        Path informational = rules("""
                {"rules": [{"pattern": "*.BasicAllocationBenchmarks.newObject", "informational": true}]}
                """);
        assertEquals(GateCommands.PASS, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports(), "--rules", informational.toString()));
        assertTrue(out().contains("newObject: rule 1 (*.BasicAllocationBenchmarks.newObject): informational"), out());
        assertTrue(out().contains("REGRESSED (informational)"), out());
        // A threshold from a rule: 16 more B/op is within 20 B for this benchmark.
        Path wider = rules("""
                {"rules": [{"pattern": "*.newObject", "thresholdBytes": 20}]}
                """);
        assertEquals(GateCommands.PASS, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports(), "--rules", wider.toString()));
        // An ignore rule leaves the benchmark out.
        Path ignore = rules("""
                {"rules": [{"pattern": "*.newObject", "ignore": true}]}
                """);
        assertEquals(GateCommands.PASS, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                BASELINE_RUN.toString(), "--output-directory", reports(), "--rules", ignore.toString()));
        assertTrue(out().contains("0 of 12 benchmarks regressed"), out());
    }

    @Test
    void badRulesAreAnErrorNamingTheFileAndTheRuleBeforeAnythingIsJudged() throws IOException {
        String[][] cases = {
                {"{\"rules\": [{\"pattern\": \"*\"}, {\"pattern\": \"*.Nope.*\"}]}",
                        "rule 2 (*.Nope.*) matches no benchmark of the 12 in current-run.json"},
                {"{\"rules\": [{\"pattern\": \"*\", \"thresholdBytes\": -1}]}",
                        "rule 1 ('*'): thresholdBytes must be a finite number >= 0, not -1.0"},
                {"{\"rules\": [{\"pattern\": \"*\", \"thresholdByte\": 1}]}", "rule 1: unknown field 'thresholdByte'"},
                {"{\"rules\": [{\"pattern\": \"*\", \"params\": \"sise=10\"}]}", "names @Param 'sise'"},
        };
        for (String[] c : cases) {
            Path file = rules(c[0]);
            assertEquals(AllocgateCli.USAGE, run("compare", "--results", CURRENT_RUN.toString(), "--against",
                    BASELINE_RUN.toString(), "--output-directory", reports(), "--rules", file.toString()), err());
            assertTrue(err().startsWith("allocgate compare: the rules cannot be applied, so nothing was judged:"), err());
            assertTrue(err().contains("rules file " + file) && err().contains(c[1]), c[1] + " in\n" + err());
            assertFalse(Files.exists(dir.resolve("reports/report.json")), "nothing judged");
        }
        assertEquals(AllocgateCli.USAGE, run("check-results", "--results", CURRENT_RUN.toString(), "--baselines",
                dir.toString(), "--rules", dir.resolve("missing.json").toString()));
        assertTrue(err().contains("rules file " + dir.resolve("missing.json") + " does not exist"), err());
    }

    @Test
    void theRatchetUsesTheRulesThresholds() throws IOException {
        Path baselines = dir.resolve("baselines");
        // Recorded at 32 B/op; the other run allocates 16 B/op in newObject: an improvement beyond 4 B, not beyond 20 B.
        assertEquals(GateCommands.PASS, run("record", "--results", CURRENT_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        Path wide = rules("""
                {"rules": [{"pattern": "*.newObject", "thresholdBytes": 20}]}
                """);
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports(), "--ratchet", "--rules", wide.toString()));
        assertTrue(out().contains("no file changed"), out());
        assertEquals(GateCommands.PASS, run("compare", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        // The hint names the CLI's ratchet, with the files of this run.
        assertTrue(err().contains("lock the gain in with `java -jar allocgate-cli.jar record --results "
                + BASELINE_RUN + " --baselines " + baselines + " --ratchet`"), err());
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports(), "--ratchet"));
        assertTrue(out().contains("0 added, 1 updated, 0 removed"), out());
    }

    @Test
    void theReportsNameTheCliCommand() throws IOException {
        Path baselines = dir.resolve("my baselines");
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertEquals(GateCommands.GATE_FAILED, run("check-results", "--results", CURRENT_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        String record = "java -jar allocgate-cli.jar record --results " + CURRENT_RUN + " --baselines '" + baselines + "'";
        assertTrue(err().contains("If the increase is intended, run `" + record + "` and commit"), err());
        String md = Files.readString(dir.resolve("reports/report.md"));
        assertTrue(md.contains("run `" + record + "`") && !md.contains("mvn allocgate:"), md);
        assertTrue(md.contains("not profiled, as compare reads JMH results files"), md);
        String html = Files.readString(dir.resolve("reports/report.html"));
        assertTrue(html.contains("run <code>java -jar allocgate-cli.jar record --results ") && !html.contains("mvn allocgate:record"), html);
    }

    @Test
    void noMessageOfACliRunNamesAMavenGoal() throws Exception {
        Path baselines = dir.resolve("baselines");
        assertEquals(GateCommands.PASS, run("record", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(err().contains("the baselines are stored without allocation profiles"), err());
        assertFalse(err().contains("mvn"), err());

        // Baselines as allocgate's own run records them (GC and layout probed): the JMH JSON cannot show those fields.
        Environment probed = new Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", "1.37", "G1GC",
                true, true, null, 1L << 30, "amd64", List.of());
        List<Measurement> recorded = new JmhResultReader().read(BASELINE_RUN).stream()
                .map(m -> new Measurement(m.key(), m.metrics(), m.opsPerIteration(), probed)).toList();
        Path probedBaselines = dir.resolve("probed-baselines");
        new BaselineStore(probedBaselines).update(recorded, name -> true);
        assertEquals(GateCommands.PASS, run("check-results", "--results", BASELINE_RUN.toString(), "--baselines",
                probedBaselines.toString(), "--output-directory", reports()));
        assertTrue(err().contains("allocgate: warning: JVM environment not compared for 13 of 13 benchmarks")
                && err().contains("select them in the benchmark JVM's arguments"), err());
        assertFalse(err().contains("mvn") || err().contains("allocgate:check"), err());

        // A baseline directory holding something else: the error names the CLI's record.
        Files.createDirectories(baselines.resolve("dev.allocgate.samples.Stray.json"));
        assertEquals(GateCommands.ERROR, run("check-results", "--results", BASELINE_RUN.toString(), "--baselines",
                baselines.toString(), "--output-directory", reports()));
        assertTrue(err().contains("Stray.json") && err().contains("may hold only baseline files (*.json) written by"
                + " `java -jar allocgate-cli.jar record --results " + BASELINE_RUN + " --baselines " + baselines + "`"), err());
        assertFalse(err().contains("mvn"), err());
    }

    private static void copy(String resource, Path to) throws IOException {
        try (var in = GateCommandsTest.class.getResourceAsStream("/real-jmh/" + resource)) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
