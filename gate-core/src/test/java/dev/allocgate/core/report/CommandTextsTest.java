package dev.allocgate.core.report;

import dev.allocgate.core.Commands;
import dev.allocgate.core.gate.Gate;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.model.BenchmarkKey;
import dev.allocgate.core.model.Measurement;
import dev.allocgate.core.workflow.GateWorkflow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every report and message that says what to run names the command of the front end that ran: mvn or the CLI. */
class CommandTextsTest {

    private static GateReport report(GateSettings settings) {
        Map<BenchmarkKey, Measurement> base = new TreeMap<>();
        Measurement old = RenderersTest.m("com.acme.A.grows", Map.of(), 16, 16, 16);
        base.put(old.key(), old);
        return new Gate(settings).compare(List.of(RenderersTest.m("com.acme.A.grows", Map.of(), 32, 32, 32)), base,
                BenchmarkFilter.ALL, List.of(), "baselines/x");
    }

    @Test
    void theCliCommandQuotesWhatAShellWouldSplit() {
        Commands cli = Commands.cli("build/results/jmh/results.json", "my baselines", null);
        assertEquals("java -jar allocgate-cli.jar record --results build/results/jmh/results.json --baselines 'my baselines'",
                cli.record());
        assertEquals(cli.record() + " --ratchet", cli.ratchet());
        assertEquals("java -jar allocgate-cli.jar record --results r.json --baselines DIR --rules 'it'\\''s.json'",
                Commands.cli("r.json", null, "it's.json").record());
        assertEquals("mvn allocgate:record", Commands.MAVEN.record());
        assertEquals("mvn allocgate:record -Dallocgate.ratchet", Commands.MAVEN.ratchet());
    }

    @Test
    void mavenRunsNameMvnAndCliRunsNameTheJar() {
        Commands cli = Commands.cli("results.json", "baselines", "rules.json");
        GateReport maven = report(GateSettings.defaults());
        GateReport fromCli = report(GateSettings.defaults().withCommands(cli));
        assertEquals(Commands.MAVEN, maven.settings().commands());

        String mavenMd = new MarkdownRenderer().render(maven);
        String cliMd = new MarkdownRenderer().render(fromCli);
        assertTrue(mavenMd.contains("run `mvn allocgate:record`"), mavenMd);
        assertTrue(cliMd.contains("run `" + cli.record() + "`") && !cliMd.contains("mvn"), cliMd);
        // Apart from the command, the reports are the same.
        assertEquals(mavenMd, cliMd.replace(cli.record(), Commands.MAVEN.record()));

        String mavenHtml = new HtmlReportRenderer().render(maven, null);
        String cliHtml = new HtmlReportRenderer().render(fromCli, null);
        assertTrue(mavenHtml.contains("<code>mvn allocgate:record</code>"), mavenHtml);
        assertTrue(cliHtml.contains("<code>" + cli.record() + "</code>") && !cliHtml.contains("mvn"), cliHtml);

        String mavenFailure = FailureMessage.of(maven, Path.of("baselines"), Path.of("report.md"));
        String cliFailure = FailureMessage.of(fromCli, Path.of("baselines"), Path.of("report.md"));
        assertTrue(mavenFailure.contains("If the increase is intended, run `mvn allocgate:record` and commit baselines."),
                mavenFailure);
        assertTrue(cliFailure.contains("If the increase is intended, run `" + cli.record() + "` and commit baselines."),
                cliFailure);
        assertFalse(cliFailure.contains("mvn"), cliFailure);
    }

    @Test
    void onlyTheMavenPluginRunsBenchmarksSoOnlyItsMessagesNameCheckAndProfile() {
        Commands cli = Commands.cli("results.json", "baselines", null);
        assertEquals(Optional.of("mvn allocgate:check"), Commands.MAVEN.check());
        assertEquals(Optional.of("mvn allocgate:profile -Dallocgate.include=<benchmark>"), Commands.MAVEN.profile());
        assertEquals(Optional.empty(), cli.check());
        assertEquals(Optional.empty(), cli.profile());

        String maven = GateWorkflow.notProfiledInCompare(Commands.MAVEN);
        String fromCli = GateWorkflow.notProfiledInCompare(cli);
        assertTrue(maven.contains("`mvn allocgate:check` runs the benchmarks and profiles each regressed one")
                && maven.contains("`mvn allocgate:profile -Dallocgate.include=<benchmark>` shows where it allocates now"), maven);
        assertTrue(maven.startsWith(fromCli + ". "), "the CLI's says why, without the Maven goals: " + fromCli);
        assertFalse(fromCli.contains("mvn") || fromCli.contains("allocgate:"), fromCli);

        String recordedMaven = GateWorkflow.recordedWithoutProfiles(Commands.MAVEN);
        String recordedCli = GateWorkflow.recordedWithoutProfiles(cli);
        assertTrue(recordedMaven.endsWith("`mvn allocgate:record` without a results file runs the benchmarks and stores a"
                + " profile with each entry"), recordedMaven);
        assertTrue(recordedMaven.startsWith(recordedCli + ". ") && !recordedCli.contains("mvn"), recordedCli);
    }
}
