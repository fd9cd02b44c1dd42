package dev.allocgate.core.run;

import dev.allocgate.profiler.ForkProtocol;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The adaptive engine's benchmark listing without a JVM of its own: when the forks run on the Java that runs
 * allocgate, {@code ForkMain.listing} is called here, through a class loader of the benchmarks' class path whose
 * parent is the platform class loader (so nothing of allocgate's own class path, Maven's or the CLI's, is visible
 * to it). JMH's listing reads only {@code META-INF/BenchmarkList}; no benchmark class is loaded, no benchmark code
 * runs. The lines and the exit code are the ones the listing JVM would give, so both ways are checked alike. Saves
 * a JVM start (about 0.4 s) before the first fork can start.
 */
final class InProcessListing {

    private InProcessListing() {
    }

    /** Whether {@code java} is this JVM's own launcher, on which the forks' VM name is this VM's. */
    static boolean applies(Path java) {
        Path home = Path.of(System.getProperty("java.home"));
        for (String name : List.of("java", "java.exe")) {
            Path own = home.resolve("bin").resolve(name);
            try {
                if (Files.exists(own) && Files.isSameFile(own, java)) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Runs the listing for {@code arguments} (ForkMain's {@code list} arguments) over {@code classpath}, handing each
     * line to {@code lineSink}.
     */
    static ChildProcess.Completion run(List<Path> classpath, List<String> arguments, Consumer<String> lineSink) {
        List<String> lines = new ArrayList<>();
        int exitCode = 0;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("allocgate-benchmark-listing", urls(classpath),
                ClassLoader.getPlatformClassLoader(), InProcessListing::uncachedJars)) {
            thread.setContextClassLoader(loader);
            Method listing = Class.forName(ForkProtocol.FORK_MAIN, true, loader).getMethod(ForkProtocol.LISTING_METHOD, List.class);
            for (Object line : (List<?>) listing.invoke(null, arguments)) {
                lines.add(String.valueOf(line));
            }
        } catch (InvocationTargetException e) {
            lines.addAll(failure(e.getCause()));
            exitCode = ForkProtocol.EXIT_FAILED;
        } catch (ReflectiveOperationException | IOException | LinkageError | RuntimeException e) {
            lines.addAll(failure(e));
            exitCode = ForkProtocol.EXIT_FAILED;
        } finally {
            thread.setContextClassLoader(previous);
        }
        lines.forEach(lineSink);
        List<String> tail = lines.subList(Math.max(0, lines.size() - ChildProcess.TAIL_LINES), lines.size());
        return new ChildProcess.Completion(false, exitCode, List.copyOf(tail));
    }

    /** ForkMain's error line for a failure, then its causes (a listing JVM would print the stack trace too). */
    private static List<String> failure(Throwable e) {
        List<String> lines = new ArrayList<>();
        lines.add(ForkProtocol.Kind.ERROR.line(firstLine(e)));
        for (Throwable cause = e.getCause(); cause != null && lines.size() < ChildProcess.TAIL_LINES;
                cause = cause.getCause()) {
            lines.add("Caused by: " + firstLine(cause));
        }
        return lines;
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e).lines().findFirst().orElse("");
    }

    /**
     * JMH opens every {@code META-INF/BenchmarkList} of the class path by URL; for one in a jar, Java's default
     * {@code jar:} connection would keep the jar open in a JVM-wide cache after the loader is closed (a file handle
     * for as long as Maven runs, and a locked file on Windows), so this loader's jar URLs open uncached connections.
     */
    private static URLStreamHandler uncachedJars(String protocol) {
        if (!protocol.equals("jar")) {
            return null; // the default handler
        }
        return new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                URLConnection connection = URI.create(url.toExternalForm()).toURL().openConnection();
                connection.setUseCaches(false);
                return connection;
            }
        };
    }

    private static URL[] urls(List<Path> classpath) throws MalformedURLException {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classpath.get(i).toAbsolutePath().toUri().toURL();
        }
        return urls;
    }
}
