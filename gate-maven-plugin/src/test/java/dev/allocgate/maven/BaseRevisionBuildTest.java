package dev.allocgate.maven;

import dev.allocgate.core.git.BaseRevisionException;
import dev.allocgate.core.git.BaseWorktree;
import dev.allocgate.core.run.RunSettings;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The base revision's Maven build: its command line, and a failed build, with a fake Maven and real git. */
class BaseRevisionBuildTest {

    private static PluginDescriptor plugin() {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("dev.allocgate");
        plugin.setArtifactId("allocgate-maven-plugin");
        plugin.setVersion("9.9");
        return plugin;
    }

    @Test
    void theBaseIsBuiltWithThisBuildsSettingsButNotAllocgatesProperties(@TempDir Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.xml"), "<settings/>");
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setOffline(true);
        request.setUserSettingsFile(settings.toFile());
        request.setGlobalSettingsFile(dir.resolve("absent.xml").toFile());
        request.setLocalRepositoryPath(dir.resolve("repo").toFile());
        request.addActiveProfile("ci");
        request.addInactiveProfile("slow");
        Properties user = new Properties();
        user.setProperty("revision", "1.2");
        user.setProperty("allocgate.against", "main");
        request.setUserProperties(user);
        List<String> command = BaseRevisionBuild.command(Path.of("/opt/maven"), request, plugin(),
                Path.of("/w/pom.xml"), "bench", Path.of("/t/cp.txt"), Path.of("/w/bench"));
        assertEquals(List.of(Path.of("/opt/maven/bin/mvn").toString(), "-B", "-ntp", "-o", "-s",
                settings.toAbsolutePath().toString(), "-Dmaven.repo.local=" + dir.resolve("repo").toAbsolutePath(),
                "-Pci,!slow", "-Drevision=1.2", "-DskipTests", "-f", "/w/pom.xml", "-pl", "bench", "-am", "test-compile",
                "dev.allocgate:allocgate-maven-plugin:9.9:classpath", "-Dallocgate.classpathFile=/t/cp.txt",
                "-Dallocgate.classpathModule=/w/bench"), command);
        List<String> single = BaseRevisionBuild.command(Path.of("/opt/maven"), new DefaultMavenExecutionRequest(),
                plugin(), Path.of("/w/pom.xml"), "", Path.of("/t/cp.txt"), Path.of("/w"));
        assertFalse(single.contains("-pl"), "a single-module build needs no module selection: " + single);
        assertFalse(single.contains("-o"), single.toString());
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@invalid",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aBaseRevisionThatDoesNotBuildIsAnErrorNamingTheRefAndTheLog(@TempDir Path dir) throws Exception {
        boolean git;
        try {
            git = new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            git = false;
        }
        assumeTrue(git && !System.getProperty("os.name").startsWith("Windows"), "needs git and a POSIX shell");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "1");
        // A Maven whose build fails as a compilation error would
        Path maven = Files.createDirectories(dir.resolve("maven/bin"));
        Path mvn = Files.writeString(maven.resolve("mvn"), "#!/bin/sh\necho \"[INFO] Scanning for projects...\"\n"
                + "echo \"[ERROR] COMPILATION ERROR : Foo.java:[3,5] cannot find symbol\"\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path against = dir.resolve("repo/target/allocgate/against");
        RunSettings settings = new RunSettings(Path.of("java"), List.of(Path.of("cp")), List.of(), List.of(), 1, 0,
                Duration.ofMillis(100), 1, Duration.ofMillis(100), List.of(), Optional.empty(), dir, Duration.ofMinutes(1));
        Path worktreeRoot;
        try (BaseWorktree worktree = BaseWorktree.create("HEAD", repo, against)) {
            worktreeRoot = worktree.root();
            BaseRevisionException e = assertThrows(BaseRevisionException.class, () -> BaseRevisionBuild.build(worktree,
                    dir.resolve("maven"), new DefaultMavenExecutionRequest(), plugin(), repo.resolve("pom.xml"), repo,
                    against, settings, Path.of("profiler.jar")));
            Path log = against.resolve(BaseRevisionBuild.LOG);
            assertEquals(log, e.log());
            assertTrue(e.getMessage().startsWith("the build of the base revision HEAD (" + worktree.revision().shortId()
                    + ") failed (exit code 1): COMPILATION ERROR : Foo.java:[3,5] cannot find symbol; its output is in "
                    + log), e.getMessage());
            assertTrue(Files.readString(log).contains("[INFO] Scanning for projects..."));
            BaseRevisionException missing = assertThrows(BaseRevisionException.class, () -> BaseRevisionBuild.build(
                    worktree, dir.resolve("maven"), new DefaultMavenExecutionRequest(), plugin(), repo.resolve("pom.xml"),
                    repo.resolve("new-module"), against, settings, Path.of("profiler.jar")));
            assertTrue(missing.getMessage().contains("the module new-module does not exist in the base revision HEAD"),
                    missing.getMessage());
        }
        assertFalse(Files.exists(worktreeRoot));
        assertTrue(Files.isRegularFile(against.resolve(BaseRevisionBuild.LOG)), "the log outlives the worktree");
    }
}
