package dev.allocgate.maven;

import dev.allocgate.core.AllocgateException;
import dev.allocgate.core.baseline.BaselineStore;
import dev.allocgate.core.config.GateConfiguration;
import dev.allocgate.core.config.InvalidSettingException;
import dev.allocgate.core.gate.GateReport;
import dev.allocgate.core.gate.GateSettings;
import dev.allocgate.core.model.BenchmarkFilter;
import dev.allocgate.core.policy.CompiledBenchmarks;
import dev.allocgate.core.policy.Policy;
import dev.allocgate.core.policy.PolicyException;
import dev.allocgate.core.policy.PolicyRule;
import dev.allocgate.core.policy.RuleDefinition;
import dev.allocgate.core.report.FailureMessage;
import dev.allocgate.core.report.ReportFiles;
import dev.allocgate.core.report.Text;
import dev.allocgate.core.report.TextTableRenderer;
import dev.allocgate.core.workflow.GateWorkflow;
import dev.allocgate.core.workflow.RunHistory;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every allocgate goal shares: skipping, where baselines and reports live, which benchmarks
 * are selected and how verdicts are judged.
 */
public abstract class AbstractAllocgateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** The Maven session, {@code null} outside one (unit tests). */
    protected MavenSession session() {
        return session;
    }

    /** Skips allocgate entirely. */
    @Parameter(property = "allocgate.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Directory of the committed baselines: one directory per JVM environment ({@code jdk17/},
     * {@code jdk25-compact-headers/}, chosen by the benchmark JVM), each with one JSON file per benchmark class; baseline
     * files directly in it (the layout before per-environment directories) are the baselines of the JVM they were
     * recorded on. Default: {@code baselines/<artifactId>} under the root of the multi-module build, i.e. the directory
     * of the topmost parent pom on disk.
     */
    @Parameter(property = "allocgate.baselines")
    private File baselines;

    /** Where jmh-result.json, report.json, report.md and the JMH output log are written. */
    @Parameter(property = "allocgate.outputDirectory", defaultValue = "${project.build.directory}/allocgate")
    protected File outputDirectory;

    /**
     * Benchmarks to select: regular expressions matched anywhere in the full benchmark name, as JMH
     * does; all benchmarks when empty. On the command line, separate several with commas.
     */
    @Parameter(property = "allocgate.include")
    private List<String> includes;

    /** Benchmarks to leave out: regular expressions, as for {@code include}. */
    @Parameter(property = "allocgate.exclude")
    private List<String> excludes;

    /** Family-wise significance level of the run's U tests (Holm-corrected). */
    @Parameter(property = "allocgate.alpha", defaultValue = "0.05")
    private double alpha;

    /** A bytes/op change must exceed this percentage of the baseline (and {@code thresholdBytes}) to count. */
    @Parameter(property = "allocgate.thresholdPercent", defaultValue = "1.0")
    private double thresholdPercent;

    /** A bytes/op change must exceed this many bytes per operation (and {@code thresholdPercent}) to count. */
    @Parameter(property = "allocgate.thresholdBytes", defaultValue = "4.0")
    private double thresholdBytes;

    /**
     * An objects/op change must exceed this percentage of the baseline (and {@code thresholdObjects}) to count: with
     * the default 1 %, one more object per operation fails below 100 objects/op, and a benchmark at about 510 objects/op
     * may differ by a few objects between forks.
     */
    @Parameter(property = "allocgate.objectsThresholdPercent", defaultValue = "1.0")
    private double objectsThresholdPercent;

    /**
     * An objects/op change must exceed this many objects per operation (and
     * {@code objectsThresholdPercent}) to count; the default 0.5 fails on any increase of one object below 100 objects/op.
     */
    @Parameter(property = "allocgate.thresholdObjects", defaultValue = "0.5")
    private double thresholdObjects;

    /**
     * Also fail on the allocation rate (MB/sec). It moves with speed as well as with allocation, so it
     * is informational by default.
     */
    @Parameter(property = "allocgate.gateAllocRate", defaultValue = "false")
    private boolean gateAllocRate;

    /** Relative threshold for the allocation rate, in percent. */
    @Parameter(property = "allocgate.allocRateThresholdPercent", defaultValue = "25.0")
    private double allocRateThresholdPercent;

    /** Absolute threshold for the allocation rate, in MB/sec. */
    @Parameter(property = "allocgate.allocRateThresholdMBps", defaultValue = "100.0")
    private double allocRateThresholdMBps;

    /**
     * Upper bound of what JMH itself allocates per measurement iteration (about 6-7 KB). Divided by
     * the operations per iteration, it widens the threshold of slow benchmarks. Where bytes/op counts the
     * benchmark's own threads only (allocgate's forks), at most 1,024 B of it applies (JMH allocates about
     * 512 B per iteration there).
     */
    @Parameter(property = "allocgate.infraBytesPerIteration", defaultValue = "8192")
    private double infraBytesPerIteration;

    /**
     * What to do when a baseline was recorded on a different JVM configuration (JDK release, vendor,
     * VM, GC, compressed oops or class pointers, compact object headers, architecture):
     * {@code fail} (default), {@code skip} (report, do not compare, do not fail) or {@code compare}
     * (compare anyway, with a warning).
     */
    @Parameter(property = "allocgate.onEnvironmentMismatch", defaultValue = "fail")
    private String onEnvironmentMismatch;

    /** Fail the build when a benchmark regressed. When false, regressions are reported only. */
    @Parameter(property = "allocgate.failOnRegression", defaultValue = "true")
    private boolean failOnRegression;

    /** Fail the build when a selected benchmark in the baselines was not measured (removed or renamed). */
    @Parameter(property = "allocgate.failOnMissing", defaultValue = "true")
    private boolean failOnMissing;

    /**
     * Benchmarks removed on purpose (regular expressions matched anywhere in the full name): when
     * they are in the baselines but no longer measured they are REMOVED, which does not fail the
     * build. {@code mvn allocgate:record} then drops their entries.
     */
    @Parameter(property = "allocgate.removed")
    private List<String> removed;

    /**
     * Per-benchmark rules, tried in order; the first whose {@code pattern} (a glob over the full benchmark name, where
     * {@code *} is any run of characters) and {@code params} match a benchmark applies. A rule can replace the
     * thresholds ({@code thresholdPercent}, {@code thresholdBytes}, {@code objectsThresholdPercent},
     * {@code thresholdObjects}), make benchmarks {@code informational} (reported, never failing),
     * {@code mayBeRemoved} (missing is fine) or {@code ignore} them (not run). A rule that matches no compiled
     * benchmark, or a negative threshold, stops the build before anything runs. {@code mvn allocgate:policy} shows
     * what applies to each benchmark. Configured in the pom only (a list of rules has no command-line form):
     * <pre>{@code
     * <rules>
     *   <rule><pattern>*.WarmupBenchmarks.*</pattern><informational>true</informational></rule>
     *   <rule><pattern>com.acme.parser.*</pattern><thresholdPercent>2</thresholdPercent></rule>
     * </rules>
     * }</pre>
     */
    @Parameter
    private List<Rule> rules;

    /** Fail the build when a benchmark has no baseline yet. */
    @Parameter(property = "allocgate.failOnNew", defaultValue = "false")
    private boolean failOnNew;

    /** Fail the build when the data cannot decide (noisy samples, too few forks). */
    @Parameter(property = "allocgate.failOnInconclusive", defaultValue = "false")
    private boolean failOnInconclusive;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("allocgate: skipped (allocgate.skip=true)");
            return;
        }
        if (outputDirectory != null && outputDirectory.getPath().contains("${")) {
            // Outside a project (compare needs none) ${project.build.directory} stays unresolved: target/allocgate here.
            String here = session != null && session.getExecutionRootDirectory() != null ? session.getExecutionRootDirectory()
                    : System.getProperty("user.dir");
            outputDirectory = new File(new File(here, "target"), "allocgate");
        }
        try {
            policy();
            run();
        } catch (AllocgateException e) {
            throw Errors.of(e);
        } catch (IOException e) {
            throw new MojoExecutionException("allocgate: I/O error: " + e.getMessage(), e);
        } catch (InvalidSettingException e) {
            throw new MojoExecutionException("allocgate: invalid configuration: " + e.getMessage() + " (set it with -D"
                    + e.property() + "= or <" + e.property().substring("allocgate.".length())
                    + "> in the plugin's configuration)", e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("allocgate: invalid configuration: " + e.getMessage(), e);
        }
    }

    /** The goal itself, after skipping was decided. */
    protected abstract void run() throws AllocgateException, IOException, MojoExecutionException, MojoFailureException;

    /** The baseline directory this goal chose for its JVM environment; {@code null} until it chose one. */
    private Path chosenBaselines;

    protected BaselineStore baselineStore() {
        return new BaselineStore(baselineDirectory());
    }

    /** Remembers the directory the run's environment chose under {@link #baselineRoot()}, for messages. */
    protected void chosenBaselines(Path directory) {
        this.chosenBaselines = directory;
    }

    /** The baseline directory of this run: the environment's directory once chosen, else {@link #baselineRoot()}. */
    protected Path baselineDirectory() {
        return chosenBaselines != null ? chosenBaselines : baselineRoot();
    }

    /**
     * The configured baseline directory ({@code allocgate.baselines}, or {@code baselines/<artifactId>} under the
     * build's root), which holds one directory per JVM environment (or, as before those, the baseline files).
     */
    protected Path baselineRoot() {
        if (baselines != null) {
            return baselines.toPath().toAbsolutePath().normalize();
        }
        if (project == null || project.getBasedir() == null || project.getFile() == null) {
            // A goal that needs no project (compare) run where there is no pom.xml: no root to find baselines under.
            throw new IllegalArgumentException("there is no Maven project here (no pom.xml), so there is no default"
                    + " baseline directory baselines/<artifactId>. Give -Dallocgate.baselines=DIR (the directory of the"
                    + " committed baselines), or for compare -Dallocgate.against=FILE (a second JMH results file)");
        }
        MavenProject root = project;
        while (root.getParent() != null && root.getParent().getBasedir() != null) {
            root = root.getParent();
        }
        return root.getBasedir().toPath().resolve("baselines").resolve(project.getArtifactId()).normalize();
    }

    protected BenchmarkFilter filter() {
        return new BenchmarkFilter(includes(), excludes());
    }

    protected List<String> includes() {
        return includes == null ? List.of() : includes;
    }

    protected List<String> excludes() {
        List<String> out = new java.util.ArrayList<>(excludes == null ? List.of() : excludes);
        if (policy != null) {
            out.addAll(policy.ignoredRegexes(compiled.benchmarks())); // ignore rules: not run, not compared
        }
        return out;
    }

    /** The rules and budgets, resolved once before anything runs; null until then. */
    private Policy policy;
    private CompiledBenchmarks compiled = CompiledBenchmarks.NONE;

    /**
     * Reads the budgets from the module's compiled classes (never loading them) and checks the rules against the
     * compiled benchmarks: a bad rule or budget fails here, before any benchmark runs.
     */
    protected Policy policy() throws PolicyException, IOException {
        if (policy == null) {
            List<PolicyRule> resolved = RuleDefinition.toPolicyRules(rules == null ? List.of() : rules, "<rules>");
            compiled = project == null || project.getFile() == null ? CompiledBenchmarks.NONE
                    : CompiledBenchmarks.read(classDirectories());
            policy = Policy.of(resolved, compiled);
        }
        return policy;
    }

    /** The compiled benchmarks {@link #policy()} read; none before it ran or outside a project. */
    protected CompiledBenchmarks compiledBenchmarks() {
        return compiled;
    }

    /** The module's compiled main and test classes, where JMH's annotation processor put the benchmarks. */
    protected List<Path> classDirectories() {
        return List.of(Path.of(project.getBuild().getOutputDirectory()), Path.of(project.getBuild().getTestOutputDirectory()));
    }

    /**
     * Whether objects/op is gated in this run: a baseline's objects/op that the run did not measure then fails
     * the benchmark. False when the user switched counting off ({@code allocgate.objects=false}) or was warned
     * that it is unavailable here; the metric is then shown but decides nothing.
     */
    protected abstract boolean gatesObjects();

    /**
     * This goal's judging settings, resolved in gate-core from the parameters' values (defaults and validation live
     * there, shared with the CLI).
     */
    protected GateConfiguration configuration() {
        return GateConfiguration.of(properties(
                GateConfiguration.ALPHA, alpha,
                GateConfiguration.THRESHOLD_PERCENT, thresholdPercent,
                GateConfiguration.THRESHOLD_BYTES, thresholdBytes,
                GateConfiguration.OBJECTS_THRESHOLD_PERCENT, objectsThresholdPercent,
                GateConfiguration.THRESHOLD_OBJECTS, thresholdObjects,
                GateConfiguration.GATE_ALLOC_RATE, gateAllocRate,
                GateConfiguration.ALLOC_RATE_THRESHOLD_PERCENT, allocRateThresholdPercent,
                GateConfiguration.ALLOC_RATE_THRESHOLD_MBPS, allocRateThresholdMBps,
                GateConfiguration.INFRA_BYTES_PER_ITERATION, infraBytesPerIteration,
                GateConfiguration.ON_ENVIRONMENT_MISMATCH, onEnvironmentMismatch,
                GateConfiguration.FAIL_ON_REGRESSION, failOnRegression,
                GateConfiguration.FAIL_ON_MISSING, failOnMissing,
                GateConfiguration.FAIL_ON_NEW, failOnNew,
                GateConfiguration.FAIL_ON_INCONCLUSIVE, failOnInconclusive)).withList(GateConfiguration.INCLUDE, includes)
                .withList(GateConfiguration.EXCLUDE, excludes).withList(GateConfiguration.REMOVED, removed);
    }

    /**
     * The parameters' values as gate-core's neutral settings source: {@code property, value, property, value, ...},
     * each value as text ({@code null}: not given).
     */
    protected static Map<String, String> properties(Object... propertiesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < propertiesAndValues.length; i += 2) {
            Object value = propertiesAndValues[i + 1];
            values.put((String) propertiesAndValues[i], value == null ? null : value.toString());
        }
        return values;
    }

    protected GateSettings gateSettings() {
        return configuration().gateSettings(gatesObjects()).withPolicy(policy == null ? Policy.NONE : policy);
    }

    /**
     * Prints the table and warnings, publishes to GitHub Actions when running there, and fails the
     * build when the gate failed and failing is wanted.
     */
    /**
     * Appends the run to the history file {@code history} and redraws report.html with the trends (see
     * {@link RunHistory}); nothing when {@code history} is {@code null}.
     */
    protected void appendHistory(GateWorkflow.Result result, File history) throws IOException, AllocgateException {
        if (history == null) {
            return;
        }
        Path file = history.toPath().toAbsolutePath().normalize();
        RunHistory.Appended appended = RunHistory.append(result, file,
                project != null && project.getBasedir() != null ? project.getBasedir().toPath() : null,
                outputDirectory.toPath(), Instant.now());
        appended.warnings().forEach(w -> getLog().warn(w));
        getLog().info("allocgate: appended this run (" + appended.run().results().size() + " benchmarks, environment "
                + appended.run().environment() + (appended.run().commit().isEmpty() ? ", no git commit" : ", commit "
                + appended.run().commit()) + ") to the history " + file + "; report.html draws the last "
                + appended.runsOfEnvironment() + " runs of this environment.");
    }

    protected void conclude(GateWorkflow.Result result, boolean failBuild) throws MojoFailureException {
        GateReport report = result.report();
        Path markdown = outputDirectory.toPath().resolve(ReportFiles.MARKDOWN);
        for (String line : new TextTableRenderer().render(report, markdown.toString(), colourTerminal())) {
            getLog().info(line);
        }
        for (String warning : report.warnings()) {
            getLog().warn(Text.plain(warning));
        }
        getLog().info("Reports: " + result.reportFiles().stream().map(Path::toString).collect(Collectors.joining(", ")));
        new GitHubActions(System.getenv(), getLog()).publish(report, result.environment(), markdown);
        if (failBuild && !report.passed()) {
            Path baselineDirectory;
            try {
                baselineDirectory = baselineDirectory();
            } catch (IllegalArgumentException noProject) {
                baselineDirectory = null; // compare against a second results file, outside a project
            }
            throw new MojoFailureException(FailureMessage.of(report, baselineDirectory, markdown));
        }
    }

    /** ANSI colour only on an interactive terminal that wants it (not in batch mode, NO_COLOR, TERM=dumb). */
    private boolean colourTerminal() {
        String term = System.getenv("TERM");
        return session != null && session.getRequest().isInteractiveMode() && System.console() != null
                && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }
}
