package dev.allocgate.core.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary, detached git worktree of the base revision of a base-vs-PR check, under a directory allocgate owns
 * (the module's {@code target/allocgate/against}). {@link #close()} removes it with {@code git worktree remove} and
 * prunes git's record of it; nothing else is ever deleted.
 */
public final class BaseWorktree implements AutoCloseable {
    private final Git git;
    private final Path repositoryRoot;
    private final Path root;
    private final BaseRevision revision;
    private boolean closed;

    private BaseWorktree(Git git, Path repositoryRoot, Path root, BaseRevision revision) {
        this.git = git;
        this.repositoryRoot = repositoryRoot;
        this.root = root;
        this.revision = revision;
    }

    /** {@link #create(String, String, Path, Path)} with the {@code git} on the PATH. */
    public static BaseWorktree create(String ref, Path projectDirectory, Path parent) throws BaseRevisionException {
        return create("git", ref, projectDirectory, parent);
    }

    /**
     * Resolves {@code ref} in the git repository that holds {@code projectDirectory} and checks that commit out,
     * detached, into a new directory under {@code parent}.
     *
     * @param gitExecutable the git to run
     * @throws BaseRevisionException when git is missing, {@code projectDirectory} is in no git repository, the ref
     *                               names no commit there, or the worktree cannot be made
     */
    public static BaseWorktree create(String gitExecutable, String ref, Path projectDirectory, Path parent)
            throws BaseRevisionException {
        if (ref == null || ref.isBlank() || ref.startsWith("-") || ref.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new BaseRevisionException(String.valueOf(ref), "allocgate.against: '" + ref + "' is not a git ref;"
                    + " give a branch, tag or commit such as main, origin/main or a commit id", (Path) null);
        }
        Git git = new Git(gitExecutable);
        try {
            Path project = projectDirectory.toRealPath();
            Git.Output top = git.run(project, "rev-parse", "--show-toplevel");
            if (!top.ok()) {
                throw new BaseRevisionException(ref, project + " is not in a git repository (git says: " + top.text()
                        + "); allocgate.against needs the project's git history to build the base revision " + ref,
                        (Path) null);
            }
            Path repositoryRoot = Path.of(top.text()).toRealPath();
            Git.Output commit = git.run(repositoryRoot, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
            if (!commit.ok() || commit.text().isBlank()) {
                Git.Output shallow = git.run(repositoryRoot, "rev-parse", "--is-shallow-repository");
                throw new BaseRevisionException(ref, "allocgate.against: '" + ref + "' names no commit in the git"
                        + " repository " + repositoryRoot + (shallow.ok() && shallow.text().equals("true")
                        ? "; it is a shallow clone, so fetch the base first (`git fetch origin " + ref + "`, or"
                        + " actions/checkout with fetch-depth: 0)" : "; check the name (`git rev-parse " + ref
                        + "`), or fetch it (`git fetch origin " + ref + "`)"), (Path) null);
            }
            String id = commit.text().lines().reduce((a, b) -> b).orElseThrow().strip();
            Git.Output shortId = git.run(repositoryRoot, "rev-parse", "--short", id);
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent.toRealPath(), "base-");
            Files.delete(directory); // reserved a fresh name; git creates the directory itself
            Git.Output added = git.run(repositoryRoot, "worktree", "add", "--detach", directory.toString(), id);
            if (!added.ok()) {
                throw new BaseRevisionException(ref, "could not check out " + ref + " (" + id + ") into a temporary git"
                        + " worktree " + directory + ": " + added.text(), (Path) null);
            }
            return new BaseWorktree(git, repositoryRoot, directory,
                    new BaseRevision(ref, id, shortId.ok() ? shortId.text() : id.substring(0, Math.min(12, id.length()))));
        } catch (IOException e) {
            throw new BaseRevisionException(ref, "allocgate.against needs git, which could not be run (" + e.getMessage()
                    + "): install git and put it on the PATH", e);
        }
    }

    /** The resolved base revision. */
    public BaseRevision revision() {
        return revision;
    }

    /** The worktree's top directory. */
    public Path root() {
        return root;
    }

    /** The top directory of the project's own repository. */
    public Path repositoryRoot() {
        return repositoryRoot;
    }

    /** Where {@code projectPath} (a path in the project's repository) is in the base revision's worktree. */
    public Path inWorktree(Path projectPath) throws IOException {
        Path real = projectPath.toAbsolutePath().normalize();
        Path existing = real;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path resolved = existing == null ? real : existing.toRealPath().resolve(existing.relativize(real));
        if (!resolved.startsWith(repositoryRoot)) {
            throw new IOException(projectPath + " is not inside the git repository " + repositoryRoot);
        }
        return root.resolve(repositoryRoot.relativize(resolved).toString());
    }

    /** Removes the worktree ({@code git worktree remove --force}: its build output is untracked) and prunes. */
    @Override
    public void close() throws BaseRevisionException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Git.Output removed = git.run(repositoryRoot, "worktree", "remove", "--force", root.toString());
            git.run(repositoryRoot, "worktree", "prune");
            if (!removed.ok() && Files.exists(root)) {
                throw new BaseRevisionException(revision.ref(), "could not remove the temporary worktree " + root
                        + " of " + revision.ref() + ": " + removed.text() + "; remove it with `git worktree remove --force "
                        + root + "`", (Path) null);
            }
        } catch (IOException e) {
            throw new BaseRevisionException(revision.ref(), "could not remove the temporary worktree " + root + ": "
                    + e.getMessage() + "; remove it with `git worktree remove --force " + root + "`", e);
        }
    }
}
