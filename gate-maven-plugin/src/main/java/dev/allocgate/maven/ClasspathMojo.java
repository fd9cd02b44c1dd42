package dev.allocgate.maven;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a module's test class path (its classes, test classes and dependencies, as the benchmarks run with it) to a
 * file, one entry per line. {@code check -Dallocgate.against=REF} runs it in the base revision's build; it is not
 * meant to be called by hand. In a reactor it writes for the module {@code classpathModule} only.
 */
@Mojo(name = "classpath", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ClasspathMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The file to write (replaced). */
    @Parameter(property = "allocgate.classpathFile", required = true)
    private File classpathFile;

    /** The base directory of the module whose class path is wanted; every module of the reactor when not given. */
    @Parameter(property = "allocgate.classpathModule")
    private File classpathModule;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            if (classpathModule != null && !Files.isSameFile(classpathModule.toPath(), project.getBasedir().toPath())) {
                return;
            }
            Path file = classpathFile.toPath();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, project.getTestClasspathElements(), StandardCharsets.UTF_8);
            getLog().info("allocgate: the test class path of " + project.getArtifactId() + " is in " + file);
        } catch (IOException e) {
            throw new MojoExecutionException("allocgate: cannot write the class path to " + classpathFile + ": " + e, e);
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("allocgate: the test class path of " + project.getArtifactId()
                    + " is not resolved", e);
        }
    }
}
