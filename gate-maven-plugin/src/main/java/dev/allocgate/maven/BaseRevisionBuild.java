package dev.allocgate.maven;

import dev.allocgate.core.git.BaseBuild;
import dev.allocgate.core.git.BaseRevisionException;
import dev.allocgate.core.git.BaseWorktree;
import dev.allocgate.core.run.RunSettings;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the base revision of {@code check -Dallocgate.against=REF} in its worktree with the Maven that runs this
 * build: {@code mvn test-compile allocgate:classpath} on the module and the modules it depends on ({@code -pl -am}),
 * with the same settings, toolchains, offline mode, local repository, profiles and user properties (but
 * allocgate's), {@code -DskipTests}. That compiles the benchmarks, runs JMH's annotation processor (its
 * {@code META-INF/BenchmarkList}) and writes the module's test class path; the log goes to
 * {@code target/allocgate/against/base-build.log}.
 */
final class BaseRevisionBuild {
    /** The base build's output, beside the worktree (which is removed after the run). */
    static final String LOG = "base-build.log";
    static final String CLASSPATH = "base-classpath.txt";

    private BaseRevisionBuild() {
    }

    /**
     * Builds the base revision and returns {@code settings} with its class path (and {@code profilerJar}, which runs
     * the forks).
     *
     * @param rootPom     the pom of the build's root (where Maven was started), in the project's checkout
     * @param moduleDir   the benchmark module's base directory, in the project's checkout
     * @param directory   allocgate's directory for the base side ({@code target/allocgate/against})
     */
    static RunSettings build(BaseWorktree worktree, Path mavenHome, MavenExecutionRequest request, PluginDescriptor plugin,
                             Path rootPom, Path moduleDir, Path directory, RunSettings settings, Path profilerJar)
            throws BaseRevisionException {
        Path log = directory.resolve(LOG);
        Path classpathFile = directory.resolve(CLASSPATH);
        Path basePom;
        Path baseModule;
        try {
            Files.deleteIfExists(classpathFile);
            basePom = worktree.inWorktree(rootPom);
            baseModule = worktree.inWorktree(moduleDir);
        } catch (IOException e) {
            throw new BaseRevisionException(worktree.revision().ref(), "allocgate.against: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(basePom)) {
            throw new BaseRevisionException(worktree.revision().ref(), "the base revision " + worktree.revision().ref()
                    + " has no " + worktree.root().relativize(basePom) + ": it cannot be built as this project is", (Path) null);
        }
        if (!Files.isDirectory(baseModule)) {
            throw new BaseRevisionException(worktree.revision().ref(), "the module " + worktree.root().relativize(baseModule)
                    + " does not exist in the base revision " + worktree.revision().ref() + ": there is nothing to compare"
                    + " its benchmarks with; run without allocgate.against", (Path) null);
        }
        String module = basePom.getParent().relativize(baseModule).toString();
        List<String> command = command(mavenHome, request, plugin, basePom, module, classpathFile, baseModule);
        BaseBuild.run(worktree.revision(), command, basePom.getParent(), Map.of("JAVA_HOME", System.getProperty("java.home")),
                log, settings.timeout());
        List<Path> classpath = new ArrayList<>(BaseBuild.readClasspath(worktree.revision(), classpathFile, log));
        classpath.add(profilerJar);
        return new RunSettings(settings.javaExecutable(), classpath, settings.includes(), settings.excludes(),
                settings.forks(), settings.warmupIterations(), settings.warmupTime(), settings.measurementIterations(),
                settings.measurementTime(), settings.jvmArgs(), settings.mode(), settings.workDirectory(),
                settings.timeout(), settings.profilers(), settings.hangTimeout());
    }

    /** The base build's command line: no shell, one argument per element. */
    static List<String> command(Path mavenHome, MavenExecutionRequest request, PluginDescriptor plugin, Path pom,
                                String module, Path classpathFile, Path moduleDir) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>();
        command.add(mavenHome.resolve("bin").resolve(windows ? "mvn.cmd" : "mvn").toString());
        command.add("-B");
        command.add("-ntp");
        if (request.isOffline()) {
            command.add("-o");
        }
        addFile(command, "-s", request.getUserSettingsFile());
        addFile(command, "-gs", request.getGlobalSettingsFile());
        addFile(command, "-t", request.getUserToolchainsFile());
        if (request.getLocalRepositoryPath() != null) {
            command.add("-Dmaven.repo.local=" + request.getLocalRepositoryPath().getAbsolutePath());
        }
        List<String> profiles = new ArrayList<>(request.getActiveProfiles());
        request.getInactiveProfiles().forEach(p -> profiles.add("!" + p));
        if (!profiles.isEmpty()) {
            command.add("-P" + String.join(",", profiles));
        }
        Properties user = request.getUserProperties();
        for (String name : user.stringPropertyNames().stream().sorted().toList()) {
            if (!name.startsWith("allocgate.") && !name.equals("maven.repo.local")) {
                command.add("-D" + name + "=" + user.getProperty(name));
            }
        }
        command.add("-DskipTests");
        command.add("-f");
        command.add(pom.toString());
        if (!module.isEmpty()) {
            command.add("-pl");
            command.add(module);
            command.add("-am");
        }
        command.add("test-compile");
        command.add(plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion() + ":classpath");
        command.add("-Dallocgate.classpathFile=" + classpathFile.toAbsolutePath());
        command.add("-Dallocgate.classpathModule=" + moduleDir.toAbsolutePath());
        return command;
    }

    private static void addFile(List<String> command, String option, File file) {
        if (file != null && file.isFile()) {
            command.add(option);
            command.add(file.getAbsolutePath());
        }
    }
}
