package dev.allocgate.core.git;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The base revision's worktree and build with real git on temporary repositories; no network. */
class BaseWorktreeTest {

    @BeforeAll
    static void gitIsInstalled() {
        boolean installed;
        try {
            installed = new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        assumeTrue(installed, "git is not installed");
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** A repository with a module directory and two commits of its file: "one", then "two". */
    private static Path repository(Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        Files.createDirectories(repo.resolve("module"));
        Files.writeString(repo.resolve("module/file.txt"), "one");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "1");
        Files.writeString(repo.resolve("module/file.txt"), "two");
        git(repo, "commit", "-q", "-am", "2");
        return repo;
    }

    @Test
    void checksOutTheBaseRevisionAndRemovesOnlyItsWorktree(@TempDir Path dir) throws Exception {
        Path repo = repository(dir);
        Path parent = Files.createDirectories(repo.resolve("module/target/allocgate/against"));
        Path other = Files.writeString(parent.resolve("base-build.log"), "an earlier run's log");
        String commit = git(repo, "rev-parse", "HEAD~1");
        Path root;
        try (BaseWorktree worktree = BaseWorktree.create("HEAD~1", repo.resolve("module"), parent)) {
            root = worktree.root();
            assertEquals(commit, worktree.revision().commit());
            assertTrue(commit.startsWith(worktree.revision().shortId()), worktree.revision().shortId());
            assertEquals("HEAD~1 (" + worktree.revision().shortId() + "), measured in this job", worktree.revision().describe());
            assertTrue(root.startsWith(parent.toRealPath()), root.toString());
            Path file = worktree.inWorktree(repo.resolve("module/file.txt"));
            assertEquals(root.resolve("module/file.txt"), file);
            assertEquals("one", Files.readString(file)); // the base revision, not the working tree
            Files.createDirectories(root.resolve("module/target/classes")); // build output: untracked
            assertEquals(2, git(repo, "worktree", "list").lines().count());
        }
        assertFalse(Files.exists(root), "the worktree is removed");
        assertEquals(1, git(repo, "worktree", "list").lines().count(), "and pruned");
        assertEquals("an earlier run's log", Files.readString(other), "nothing else in its directory is touched");
        assertEquals("two", Files.readString(repo.resolve("module/file.txt")), "the checkout is untouched");
    }

    @Test
    void aRefThatNamesNoCommitIsAClearError(@TempDir Path dir) throws Exception {
        Path repo = repository(dir);
        BaseRevisionException e = assertThrows(BaseRevisionException.class,
                () -> BaseWorktree.create("no-such-branch", repo.resolve("module"), dir.resolve("out")));
        assertTrue(e.getMessage().contains("'no-such-branch' names no commit in the git repository "), e.getMessage());
        assertTrue(e.getMessage().contains("git fetch origin no-such-branch"), e.getMessage());
        assertEquals("no-such-branch", e.ref());
        assertFalse(Files.exists(dir.resolve("out")), "nothing created before the ref resolved");
    }

    @Test
    void aShallowCloneIsToldToFetch(@TempDir Path dir) throws Exception {
        Path repo = repository(dir);
        Path clone = dir.resolve("clone");
        git(dir, "clone", "-q", "--depth", "1", repo.toUri().toString(), clone.toString());
        BaseRevisionException e = assertThrows(BaseRevisionException.class,
                () -> BaseWorktree.create("HEAD~1", clone, dir.resolve("out")));
        assertTrue(e.getMessage().contains("shallow clone"), e.getMessage());
    }

    @Test
    void aProjectOutsideAGitRepositoryIsAClearError(@TempDir Path dir) throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve(".git"), "not a repository"); // stops git's search for a parent repository
        BaseRevisionException e = assertThrows(BaseRevisionException.class,
                () -> BaseWorktree.create("main", plain, dir.resolve("out")));
        assertTrue(e.getMessage().contains("is not in a git repository"), e.getMessage());
        assertTrue(e.getMessage().contains("main"), e.getMessage());
    }

    @Test
    void missingGitIsAClearError(@TempDir Path dir) {
        BaseRevisionException e = assertThrows(BaseRevisionException.class,
                () -> BaseWorktree.create(dir.resolve("no-git").toString(), "main", dir, dir.resolve("out")));
        assertTrue(e.getMessage().contains("needs git, which could not be run"), e.getMessage());
        assertTrue(e.getMessage().contains("install git"), e.getMessage());
    }

    @Test
    void anOptionIsNotARef(@TempDir Path dir) {
        for (String ref : List.of("--output=/tmp/x", "", "main branch")) {
            BaseRevisionException e = assertThrows(BaseRevisionException.class,
                    () -> BaseWorktree.create(ref, dir, dir.resolve("out")));
            assertTrue(e.getMessage().contains("is not a git ref"), e.getMessage());
        }
    }

    @Test
    void aFailedBaseBuildNamesTheRefAndItsLog(@TempDir Path dir) throws Exception {
        BaseRevision revision = new BaseRevision("main", "0123456789abcdef", "0123456");
        Path log = dir.resolve("against/base-build.log");
        BaseRevisionException e = assertThrows(BaseRevisionException.class, () -> BaseBuild.run(revision,
                List.of("sh", "-c", "echo '[INFO] building'; echo \"[ERROR] $GREETING: cannot find symbol\"; exit 3"),
                dir, Map.of("GREETING", "Foo.java:[3,5]"), log, Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("the build of the base revision main (0123456) failed (exit code 3):"
                + " Foo.java:[3,5]: cannot find symbol; its output is in " + log), e.getMessage());
        assertEquals(log, e.log());
        assertTrue(Files.readString(log).contains("[INFO] building"));
    }

    @Test
    void aBaseBuildThatHangsIsStopped(@TempDir Path dir) {
        BaseRevision revision = new BaseRevision("main", "0123456789abcdef", "0123456");
        BaseRevisionException e = assertThrows(BaseRevisionException.class, () -> BaseBuild.run(revision,
                List.of("sleep", "30"), dir, Map.of(), dir.resolve("log"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @Test
    void theClassPathTheBaseBuildWroteIsRead(@TempDir Path dir) throws Exception {
        BaseRevision revision = new BaseRevision("v1", "0123456789abcdef", "0123456");
        Path file = dir.resolve("base-classpath.txt");
        BaseRevisionException none = assertThrows(BaseRevisionException.class,
                () -> BaseBuild.readClasspath(revision, file, dir.resolve("log")));
        assertTrue(none.getMessage().contains("wrote no class path for this module"), none.getMessage());
        Files.writeString(file, "/a/classes\n/b/dep.jar\n");
        assertEquals(List.of(Path.of("/a/classes"), Path.of("/b/dep.jar")),
                BaseBuild.readClasspath(revision, file, dir.resolve("log")));
        assertNull(none.getCause());
    }
}
